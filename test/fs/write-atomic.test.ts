// writeAtomic's temporary files: each has its own name, of the shape recovery recognises and maps back to the target.
import { describe, expect, it } from 'vitest'
import { atomicTarget, writeAtomic } from '../../src/fs/files.js'
import type { Fs } from '../../src/fs/fs.js'
import { createTestFs } from '../helpers/test-fs.js'

describe('writeAtomic', () => {
  it('writes through a temporary sibling with a fresh name each time, that recovery maps back to the file', async () => {
    const { fs, vol } = createTestFs({ '/d/.keep': '' })
    const temps: string[] = []
    const recording = {
      ...fs,
      writeFile: (path: string, ...rest: unknown[]) => (
        temps.push(path),
        (fs.writeFile as (...a: unknown[]) => Promise<void>)(path, ...rest)
      ),
    } as Fs
    for (let i = 0; i < 50; i++) await writeAtomic(recording, `/d/f${i % 5}`, `v${i}`)
    expect(new Set(temps).size).toBe(50)
    for (const [i, tmp] of temps.entries()) expect(atomicTarget(tmp)).toBe(`/d/f${i % 5}`)
    expect(vol.readdirSync('/d').sort()).toEqual(['.keep', 'f0', 'f1', 'f2', 'f3', 'f4'])
    expect(vol.readFileSync('/d/f4', 'utf8')).toBe('v49')
  })
})

describe('a write the system refuses', () => {
  it("names the user's file, not outfit's temporary one, and says what to do", async () => {
    const { fs } = createTestFs({ '/p/.cursor/mcp.json': '{}' })
    const refusing = {
      ...fs,
      writeFile: (async () => {
        throw Object.assign(
          new Error("EACCES: permission denied, open '/p/.cursor/.mcp.json.outfit-1a2b3c4d.tmp'"),
          {
            code: 'EACCES',
          },
        )
      }) as typeof fs.writeFile,
    }
    const error = (await writeAtomic(refusing, '/p/.cursor/mcp.json', '{"a":1}').catch(
      (e: Error) => e,
    )) as Error & {
      hint: string
      code: string
    }
    expect(error.code).toBe('FILE_ACCESS')
    expect(error.message).toBe('cannot write /p/.cursor/mcp.json: the system refused it (EACCES)')
    expect(error.message).not.toContain('.tmp')
    expect(error.hint).toContain('make /p/.cursor writable')
  })
})

describe('writeAtomic where the caller found nothing', () => {
  const counting = (fs: Fs, calls: string[], fail?: (call: string, path: string) => Error | undefined) =>
    ({
      ...fs,
      writeFile: (async (path: string, ...rest: unknown[]) => {
        calls.push(`writeFile ${path}`)
        const error = fail?.('writeFile', path)
        if (error) {
          // As a disk that fills up mid-write: the file exists, partly written.
          await (fs.writeFile as (...a: unknown[]) => Promise<void>)(path, 'part')
          throw error
        }
        return (fs.writeFile as (...a: unknown[]) => Promise<void>)(path, ...rest)
      }) as Fs['writeFile'],
      rename: (async (from: string, to: string) => {
        calls.push(`rename ${to}`)
        return fs.rename(from, to)
      }) as Fs['rename'],
      unlink: (async (path: string) => {
        calls.push(`unlink ${path}`)
        return fs.unlink(path)
      }) as Fs['unlink'],
    }) as Fs

  it('creates the file in place, with the mode asked for, without a temporary file', async () => {
    const { fs, vol } = createTestFs({ '/d/.keep': '' })
    const calls: string[] = []
    await writeAtomic(counting(fs, calls), '/d/new.sh', '#!/bin/sh\n', 0o755, null)
    expect(calls).toEqual(['writeFile /d/new.sh'])
    expect(vol.readFileSync('/d/new.sh', 'utf8')).toBe('#!/bin/sh\n')
    expect(vol.statSync('/d/new.sh').mode & 0o777).toBe(0o755)
  })

  it('replaces through a temporary file when something appeared there since the caller looked', async () => {
    const { fs, vol } = createTestFs({ '/d/f': 'someone else' })
    const calls: string[] = []
    await writeAtomic(counting(fs, calls), '/d/f', 'ours', undefined, null)
    expect(calls.at(-1)).toBe('rename /d/f')
    expect(vol.readFileSync('/d/f', 'utf8')).toBe('ours')
    expect(vol.readdirSync('/d')).toEqual(['f'])
  })

  it('removes its partial file when the write fails, and touches nothing when nothing was created', async () => {
    const { fs, vol } = createTestFs({ '/d/.keep': '' })
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), {
      code: 'ENOSPC',
      syscall: 'write',
    })
    const calls: string[] = []
    await expect(
      writeAtomic(
        counting(fs, calls, () => full),
        '/d/f',
        'x',
        undefined,
        null,
      ),
    ).rejects.toBe(full)
    expect(vol.readdirSync('/d')).toEqual(['.keep'])
    // A failure before the file was made (the crash journal's line not written): no unlink of what may be there.
    const journal = new Error('could not record /d/g in the crash journal')
    const refused = {
      ...fs,
      writeFile: (async () => {
        throw journal
      }) as Fs['writeFile'],
      unlink: (async (path: string) => {
        unlinked.push(path)
      }) as Fs['unlink'],
    } as Fs
    const unlinked: string[] = []
    await expect(writeAtomic(refused, '/d/g', 'x', undefined, null)).rejects.toBe(journal)
    expect(unlinked).toEqual([])
  })
})

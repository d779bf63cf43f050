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

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

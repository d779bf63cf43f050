import { Volume, createFsFromVolume } from 'memfs'
import { describe, expect, it } from 'vitest'
import { ensureDir } from '../../src/fs/files.js'
import type { Fs } from '../../src/fs/fs.js'

describe('ensureDir', () => {
  it('lets concurrent callers share missing parents; each reports only what it created', async () => {
    const fs = createFsFromVolume(Volume.fromJSON({ '/tmp/.keep': '' })).promises as unknown as Fs
    const paths = ['/tmp/home/.a/x', '/tmp/home/.b/y', '/tmp/home/.c/z/w', '/tmp/home/.a/v']
    const created = await Promise.all(paths.map((p) => ensureDir(fs, p)))
    for (const p of paths) expect((await fs.stat(p)).isDirectory()).toBe(true)
    // /tmp/home is created exactly once, by whichever caller got there first.
    expect(created.flat().filter((d) => d === '/tmp/home')).toHaveLength(1)
    expect(new Set(created.flat()).size).toBe(created.flat().length)
  })
})

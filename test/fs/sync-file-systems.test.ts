// The whole-file-system sync on the real disk: one folder per file system is passed to `sync -f`, folders that are gone
// are left out, and a clean run of the program is the only "synced".
import { mkdirSync, mkdtempSync, rmSync, statfsSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { oneFolderPerFileSystem, SYNCFS_WRITES_ALL, syncFileSystems } from '../../src/fs/sync-file-systems.js'

const root = mkdtempSync(join(tmpdir(), 'outfit-syncfs-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('oneFolderPerFileSystem', () => {
  it('keeps the first folder of each file system and leaves out folders that are gone', () => {
    mkdirSync(join(root, 'a'))
    mkdirSync(join(root, 'b'))
    const other = ['/proc', '/sys', '/dev'].find((p) => statSync(p).dev !== statSync(root).dev)
    const folders = [join(root, 'gone'), join(root, 'a'), join(root, 'b'), join(root, 'a', 'file', 'x')]
    expect(oneFolderPerFileSystem(folders)).toEqual([join(root, 'a')])
    if (other) expect(oneFolderPerFileSystem([...folders, other])).toEqual([join(root, 'a'), other])
  })
})

describe.runIf(process.platform === 'linux')('syncFileSystems on Linux', () => {
  it.runIf(SYNCFS_WRITES_ALL.has(statfsSync(root).type))(
    'syncs the file systems of existing folders, and has nothing to do for folders that are gone',
    async () => {
      mkdirSync(join(root, 'c'))
      expect(await syncFileSystems([join(root, 'c')])).toBe(true)
      expect(await syncFileSystems([join(root, 'nothing-here')])).toBe(true)
    },
  )

  it('answers that it could not for a file system not trusted with syncfs (procfs here, FUSE in the field)', async () => {
    expect(SYNCFS_WRITES_ALL.has(statfsSync('/proc').type)).toBe(false)
    expect(await syncFileSystems(['/proc'])).toBe(false)
  })
})

describe.runIf(process.platform !== 'linux')('syncFileSystems elsewhere', () => {
  it('answers that it could not, so that every path is synced on its own', async () => {
    expect(await syncFileSystems([root])).toBe(false)
  })
})

// What a flush syncs: each changed regular file once, each changed folder once, nothing for paths that went away or
// for links (synced with their folder), and a failed sync is an error.
import { describe, expect, it } from 'vitest'
import type { Fs } from '../../src/fs/fs.js'
import { PendingSyncs, trackChanges } from '../../src/fs/pending-syncs.js'
import { createTestFs } from '../helpers/test-fs.js'

function recording(fs: Fs, fail?: string): { fs: Fs; synced: string[] } {
  const synced: string[] = []
  const sync = (kind: string) => async (path: string) => {
    if (path === fail) throw Object.assign(new Error(`EIO: i/o error, fsync '${path}'`), { code: 'EIO' })
    synced.push(`${kind} ${path}`)
  }
  return { fs: { ...fs, fsync: sync('file'), syncDir: sync('dir') }, synced }
}

describe('PendingSyncs', () => {
  it('syncs what changed through the tracked Fs: files, then each folder once', async () => {
    const { fs } = createTestFs({ '/a/old': 'x', '/a/gone': 'x' })
    const { fs: disk, synced } = recording(fs)
    const pending = new PendingSyncs()
    const tracked = trackChanges(disk, pending)
    await tracked.mkdir('/a/b/c', { recursive: true })
    await tracked.writeFile('/a/b/c/.f.tmp', 'new')
    await tracked.rename('/a/b/c/.f.tmp', '/a/b/c/f')
    await tracked.writeFile('/a/b/c/g', 'new')
    await tracked.unlink('/a/gone')
    await tracked.symlink('old', '/a/link')
    await tracked.chmod('/a/old', 0o600)
    await pending.flush(disk)
    expect(synced.sort()).toEqual(
      [
        'dir /a', // b made, gone removed, link made
        'dir /a/b', // c made
        'dir /a/b/c', // f and g
        'file /a/b/c/f',
        'file /a/b/c/g',
        'file /a/old', // its mode
      ].sort(),
    )
    synced.length = 0
    await pending.flush(disk)
    expect(synced).toEqual([]) // a flush empties the set
  })

  it('fails when a sync fails, after trying the others', async () => {
    const { fs } = createTestFs({ '/a/f': 'x', '/a/g': 'x' })
    const { fs: disk, synced } = recording(fs, '/a/f')
    const pending = new PendingSyncs()
    pending.changed('/a/f')
    pending.changed('/a/g')
    await expect(pending.flush(disk)).rejects.toMatchObject({ code: 'EIO' })
    expect(synced).toEqual(['file /a/g'])
  })
})

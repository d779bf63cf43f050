// What a flush syncs: each changed regular file once, each changed folder once, nothing for paths that went away or
// for links (synced with their folder), and a failed sync is an error.
import { describe, expect, it } from 'vitest'
import type { Fs } from '../../src/fs/fs.js'
import { PendingSyncs, trackChanges, WHOLE_FILE_SYSTEM_FROM } from '../../src/fs/pending-syncs.js'
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

describe('a large flush', () => {
  function manyWritten(pending: PendingSyncs, count: number): void {
    for (let i = 0; i < count; i++) pending.changed(`/a/d${i % 7}/f${i}`, true)
    pending.changed('/a/old') // a mode changed in place: not a file the run wrote
  }

  it('syncs the file systems of the folders whole instead of each file the run wrote', async () => {
    const { fs } = createTestFs({ '/a/old': 'x' })
    const { fs: disk, synced } = recording(fs)
    const whole: string[][] = []
    const pending = new PendingSyncs()
    manyWritten(pending, WHOLE_FILE_SYSTEM_FROM)
    await pending.flush({
      ...disk,
      syncFileSystems: async (folders) => {
        whole.push([...folders])
        return true
      },
    })
    expect(whole).toEqual([['/a/d0', '/a/d1', '/a/d2', '/a/d3', '/a/d4', '/a/d5', '/a/d6', '/a']])
    expect(synced).toEqual(['file /a/old'])
  })

  it('syncs every path on its own when the file systems could not be synced whole, or the run wrote few files', async () => {
    const { fs } = createTestFs({ '/a/old': 'x' })
    for (const [count, answer] of [
      [WHOLE_FILE_SYSTEM_FROM, false],
      [WHOLE_FILE_SYSTEM_FROM - 1, true],
    ] as const) {
      const { fs: disk, synced } = recording(fs)
      let asked = 0
      const pending = new PendingSyncs()
      manyWritten(pending, count)
      await pending.flush({
        ...disk,
        syncFileSystems: async () => {
          asked++
          return answer
        },
      })
      expect(asked).toBe(answer ? 0 : 1)
      // Gone paths (memfs has none of the written files) are skipped as before; the folders are each synced.
      expect(synced.filter((s) => s.startsWith('dir '))).toHaveLength(8)
      expect(synced).toContain('file /a/old')
    }
  })
})

describe('a commit of the crash journal', () => {
  it('syncs the regular files the run wrote without an lstat, and looks at what else changed first', async () => {
    const { Journal } = await import('../../src/safety/journal.js')
    const { journalingFs } = await import('../../src/safety/journaling-fs.js')
    const { testState } = await import('../helpers/context.js')
    const { fs } = createTestFs({ '/h/old': 'x', '/h/gone': 'x', '/h/d/.keep': '' })
    const { fs: disk, synced } = recording(fs)
    const looked: string[] = []
    const watched: Fs = {
      ...disk,
      lstat: (async (path: string) => {
        looked.push(path)
        return fs.lstat(path)
      }) as Fs['lstat'],
    }
    const journal = new Journal(watched, testState('/h', '/s/scopes/h'))
    const jfs = journalingFs(watched, [journal])
    await jfs.mkdir('/h/new')
    await jfs.writeFile('/h/new/a', 'A', { flag: 'wx' })
    await jfs.writeFile('/h/d/.b.outfit-0000000a.tmp', 'B')
    await jfs.rename('/h/d/.b.outfit-0000000a.tmp', '/h/d/b')
    await jfs.writeFile('/h/d/c', 'C')
    await jfs.unlink('/h/d/c')
    await jfs.symlink('old', '/h/d/c')
    await jfs.unlink('/h/gone')
    await jfs.writeFile('/h/old', 'y')
    looked.length = 0
    await journal.commit()
    expect(synced.filter((s) => s.startsWith('file /h/')).sort()).toEqual([
      'file /h/d/b',
      'file /h/new/a',
      'file /h/old',
    ])
    // Looked at first: the folder made, the path now a link, the file removed; not the three files written.
    expect(looked.filter((p) => p.startsWith('/h/')).sort()).toEqual(['/h/d/c', '/h/gone', '/h/new'])
  })
})

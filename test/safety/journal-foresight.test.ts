// Changes announced ahead (Fs.willChange) are journaled together: one line and one sync for all of them, instead of a
// sync per change as each comes (an uninstall's removals, one after the other). A confined view passes on only the
// paths it would let change, so nothing outside is read into the journal. Counted, not timed.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fileInverse } from '../../src/actions/undo-files.js'
import { confineFs } from '../../src/fs/confine.js'
import type { Fs } from '../../src/fs/fs.js'
import { Journal, recoverJournals } from '../../src/safety/journal.js'
import { journalingFs } from '../../src/safety/journaling-fs.js'
import type { Change } from '../../src/types.js'
import { testContext, testState } from '../helpers/context.js'
import { createTestFs, withHandleHooks } from '../helpers/test-fs.js'

const state = testState('/h', '/s/scopes/h')

function countingSyncs(fs: Fs): { fs: Fs; syncs: () => number; reads: string[] } {
  let syncs = 0
  const reads: string[] = []
  return {
    fs: {
      ...fs,
      readFile: (async (...args: Parameters<Fs['readFile']>) => {
        reads.push(String(args[0]))
        return fs.readFile(...args)
      }) as Fs['readFile'],
      open: withHandleHooks(fs, (handle) => ({
        sync: () => handle.sync().then(() => void syncs++),
      })).open,
    },
    syncs: () => syncs,
    reads,
  }
}

const files = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`/h/kit/f${i}.md`, `file ${i}`]))

describe('changes announced ahead', () => {
  it('are journaled in one line with one sync, and their removals then wait for nothing more', async () => {
    const { fs, vol } = createTestFs(files)
    const counted = countingSyncs(fs)
    const journal = new Journal(counted.fs, state)
    const jfs = journalingFs(counted.fs, [journal])
    await jfs.willChange?.(Object.keys(files))
    const announced = counted.syncs()
    for (const path of Object.keys(files)) await jfs.unlink(path)
    expect(announced).toBeLessThanOrEqual(2)
    expect(counted.syncs()).toBe(announced)
    const lines = String(vol.readFileSync(join(journal.dir, 'journal.jsonl'), 'utf8'))
      .trim()
      .split('\n')
    expect(lines.length).toBeLessThanOrEqual(2)
    // Recovery puts every one of them back.
    await journal.close()
    await recoverJournals(fs, state)
    for (const [path, text] of Object.entries(files)) expect(vol.readFileSync(path, 'utf8')).toBe(text)
  })

  it('one by one, each removal waits for a sync of its own (what announcing spares)', async () => {
    const { fs } = createTestFs(files)
    const counted = countingSyncs(fs)
    const journal = new Journal(counted.fs, state)
    const jfs = journalingFs(counted.fs, [journal])
    for (const path of Object.keys(files)) await jfs.unlink(path)
    expect(counted.syncs()).toBe(Object.keys(files).length)
    await journal.close()
  })

  it('through a confined view: only paths inside its areas are passed on, nothing outside is read', async () => {
    const { fs } = createTestFs({ ...files, '/elsewhere/secret.txt': 'secret' })
    const counted = countingSyncs(fs)
    const journal = new Journal(counted.fs, state)
    const confined = confineFs(journalingFs(counted.fs, [journal]), ['/h', '/s/scopes/h'])
    await confined.willChange?.(['/h/kit/f1.md', '/elsewhere/secret.txt'])
    expect(counted.reads).toContain('/h/kit/f1.md')
    expect(counted.reads).not.toContain('/elsewhere/secret.txt')
    await journal.close()
  })
})

describe('undoing whole files', () => {
  it('announces the changes ahead, a bounded chunk at a time, in the order they are undone', async () => {
    const { fs } = createTestFs({})
    const announced: string[][] = []
    const ctx = testContext({
      ...fs,
      willChange: async (paths) => void announced.push([...paths]),
    })
    const changes: Change[] = Array.from({ length: 150 }, (_, i) => ({ kind: 'dir', path: `/home/d${i}` }))
    await fileInverse('remove', 'test').undo(changes, ctx, 'rollback')
    expect(announced.map((chunk) => chunk.length)).toEqual([64, 64, 22])
    expect(announced.flat()).toEqual(changes.map((c) => c.path).reverse())
  })
})

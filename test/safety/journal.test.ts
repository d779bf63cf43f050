// The write-ahead journal under concurrency: records finish in any order, and no caller may change a path before
// that path's record is on disk. Ordered by explicit gates, not by timing.
import { describe, expect, it } from 'vitest'
import type { Fs } from '../../src/fs/fs.js'
import { Journal, recoverJournals } from '../../src/safety/journal.js'
import { journalingFs } from '../../src/safety/journaling-fs.js'
import { writeAtomic } from '../../src/fs/files.js'
import { createTestFs } from '../helpers/test-fs.js'
import { testState } from '../helpers/context.js'

const state = testState('/h', '/s/scopes/h')

/** An fs whose lstat of one path waits until the test opens the gate. */
function gated(fs: Fs, slowPath: string) {
  let open!: () => void
  const gate = new Promise<void>((resolve) => (open = resolve))
  const wrapped = {
    ...fs,
    lstat: (async (path: string) =>
      path === slowPath ? gate.then(() => fs.lstat(path)) : fs.lstat(path)) as Fs['lstat'],
  } as Fs
  return { fs: wrapped, open }
}

describe('Journal', () => {
  it('records a later path while the first one is still being captured (the journal folder is made once, up front)', async () => {
    const { fs, vol } = createTestFs({ '/h/a.json': 'A', '/h/b.json': 'B' })
    const slow = gated(fs, '/h/a.json')
    const journal = new Journal(slow.fs, state)
    const events: string[] = []
    const a = journal.before('/h/a.json').then(() => events.push('a recorded'))
    await journal.before('/h/b.json').then(() => events.push('b recorded'))
    slow.open()
    await a
    expect(events).toEqual(['b recorded', 'a recorded'])
    // Both records are on disk and recovery puts both files back.
    vol.writeFileSync('/h/a.json', 'changed')
    vol.unlinkSync('/h/b.json')
    const [recovered] = await recoverJournals(fs, state)
    expect(recovered?.restored.sort()).toEqual(['/h/a.json', '/h/b.json'])
    expect(vol.readFileSync('/h/a.json', 'utf8')).toBe('A')
    expect(vol.readFileSync('/h/b.json', 'utf8')).toBe('B')
  })

  it('makes a second caller for the same path wait until the first record is written', async () => {
    const { fs, vol } = createTestFs({ '/h/a.json': 'A' })
    const slow = gated(fs, '/h/a.json')
    const journal = new Journal(slow.fs, state)
    const events: string[] = []
    const first = journal.before('/h/a.json').then(() => events.push('first'))
    const second = journal.before('/h/a.json').then(() => {
      events.push('second')
      // By the time the second caller may change the file, its old content is safely recorded.
      expect(Object.keys(vol.toJSON()).some((p) => p.startsWith(journal.dir))).toBe(true)
    })
    await Promise.resolve()
    expect(events).toEqual([])
    slow.open()
    await Promise.all([first, second])
    expect(events).toEqual(['first', 'second'])
  })

  it('reports its own write failures as journal errors, never as the target being missing', async () => {
    const { fs } = createTestFs({ '/h/a.json': 'A' })
    const failing = {
      ...fs,
      mkdir: (async () =>
        Promise.reject(Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' }))) as Fs['mkdir'],
    } as Fs
    const journal = new Journal(failing, state)
    const error = await journal.before('/h/a.json').catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'JournalError' })
    expect((error as NodeJS.ErrnoException).code).toBeUndefined()
    expect(String((error as Error).message)).toContain('could not record /h/a.json in the crash journal')
  })

  it('journals the file an atomic write replaces, not its temporary file, and recovery sweeps a stray temporary file', async () => {
    const { fs, vol } = createTestFs({ '/h/a.md': 'A' })
    const journal = new Journal(fs, state)
    const jfs = journalingFs(fs, [journal])
    await writeAtomic(jfs, '/h/a.md', 'changed')
    await writeAtomic(jfs, '/h/new.md', 'new')
    // A crash between writing a temporary file and renaming it into place leaves the temporary file behind.
    await jfs.writeFile('/h/.b.md.outfit-1a2b3c4d.tmp', 'half')
    await journal.close()
    const lines = vol.readFileSync(`${journal.dir}/journal.jsonl`, 'utf8').toString().trim().split('\n')
    expect(lines.map((l) => (JSON.parse(l) as { path: string }).path)).toEqual(['a.md', 'new.md', 'b.md'])
    vol.writeFileSync('/h/.a.md.outfit-0000beef.tmp', 'stray')
    vol.writeFileSync('/h/.other.md.outfit-0000beef.tmp', 'not a sibling of a journaled path')
    await recoverJournals(fs, state)
    expect(vol.toJSON('/h')).toEqual({
      '/h/a.md': 'A',
      '/h/.other.md.outfit-0000beef.tmp': 'not a sibling of a journaled path',
    })
  })
})

// Inside a folder the run created, a change goes ahead while its journal line is only queued, as long as a line synced
// less than half the recovery window ago covers it (else it waits for the line's append); the queued lines go out as
// one sealed batch line. A power cut may lose them while the files reached the disk, so recovery removes what such a
// folder holds that was changed within the run's window — but nothing changed later (a tool writing there after the
// reboot). Outside new folders a change still waits for its line's sync. Event order observed through gated syncs and
// recorded calls, not by timing.
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { FileHandle } from 'node:fs/promises'
import type { Fs } from '../../src/fs/fs.js'
import { Journal, LAZY_WINDOW_MS, recoverJournals } from '../../src/safety/journal.js'
import { journalingFs } from '../../src/safety/journaling-fs.js'
import { createTestFs, withHandleHooks } from '../helpers/test-fs.js'
import { testState } from '../helpers/context.js'

const state = testState('/h', '/s/scopes/h')

/** An fs whose journal syncs wait, each, until the test releases them; counts the syncs that finished. */
function gatedSyncs(fs: Fs) {
  const waiting: (() => void)[] = []
  let synced = 0
  const wrapped = withHandleHooks(fs, (handle) => ({
    sync: () =>
      new Promise<void>((resolve) => waiting.push(resolve)).then(async () => {
        await handle.sync()
        synced++
      }),
  }))
  return { fs: wrapped, release: () => waiting.splice(0).forEach((go) => go()), synced: () => synced }
}

afterEach(() => {
  vi.useRealTimers()
})

/** Every record of a journal's text, batch lines flattened, in the order they were written. */
function records(text: string): { path: string; before: { kind: string }; at: number }[] {
  return text
    .split('\n')
    .filter(Boolean)
    .flatMap((line) => {
      const record = JSON.parse(line) as { batch?: unknown[] }
      return (record.batch ?? [record]) as { path: string; before: { kind: string }; at: number }[]
    })
}

/** An fs that tells `events` when a journal line is appended and when a file outside the journal is written. */
function observed(fs: Fs, events: string[]): Fs {
  return {
    ...withHandleHooks(fs, (handle) => ({
      appendFile: async (data: Parameters<FileHandle['appendFile']>[0]) => {
        await handle.appendFile(data)
        events.push(
          `append ${records(String(data))
            .map((r) => r.path)
            .join(' ')}`,
        )
      },
    })),
    writeFile: (async (...args: Parameters<Fs['writeFile']>) => {
      await fs.writeFile(...args)
      events.push(`write ${String(args[0])}`)
    }) as Fs['writeFile'],
  }
}

describe('changes inside a folder the run created', () => {
  it('go ahead before their line is written while a recent synced line covers them; elsewhere a change waits for the sync', async () => {
    const { fs, vol } = createTestFs({ '/h/keep.txt': 'mine' })
    const gated = gatedSyncs(fs)
    const journal = new Journal(gated.fs, state)
    const jfs = journalingFs(gated.fs, [journal])
    const events: string[] = []
    const mkdir = jfs.mkdir('/h/new').then(() => events.push('mkdir'))
    // The folder's own line must be synced before the folder is made.
    await new Promise((resolve) => setImmediate(resolve))
    expect(events).toEqual([])
    gated.release()
    await mkdir
    // Inside it: written while its line's sync is still held.
    await jfs.writeFile('/h/new/a.md', 'A')
    events.push('a written')
    expect(vol.readFileSync('/h/new/a.md', 'utf8')).toBe('A')
    // Outside it: waits for the sync.
    const outside = jfs.writeFile('/h/keep.txt', 'changed').then(() => events.push('keep written'))
    await new Promise((resolve) => setImmediate(resolve))
    expect(events).toEqual(['mkdir', 'a written'])
    while (!events.includes('keep written')) {
      gated.release()
      await new Promise((resolve) => setImmediate(resolve))
    }
    await outside
    const journaled = String(vol.readFileSync(join(journal.dir, 'journal.jsonl'), 'utf8'))
    expect(records(journaled).map((r) => r.path)).toEqual(['new', 'new/a.md', 'keep.txt'])
    // Commit waits for every line's sync (released as they come).
    const releasing = setInterval(gated.release, 1)
    await journal.commit()
    clearInterval(releasing)
  })

  it('are recorded as absent without looking (nothing was there before the run), and undone by recovery', async () => {
    const { fs, vol } = createTestFs({ '/h/keep.txt': 'mine' })
    const looked: string[] = []
    const counting: Fs = {
      ...fs,
      lstat: (async (path: string) => {
        looked.push(path)
        return fs.lstat(path)
      }) as Fs['lstat'],
    }
    const journal = new Journal(counting, state)
    const jfs = journalingFs(counting, [journal])
    await jfs.mkdir('/h/new')
    await jfs.mkdir('/h/new/sub')
    await jfs.writeFile('/h/new/sub/a.md', 'A')
    await jfs.writeFile('/h/new/b.md', 'B')
    await jfs.writeFile('/h/new/b.md', 'B2')
    await jfs.writeFile('/h/keep.txt', 'changed')
    await journal.close()
    // Only the paths outside a new folder were looked at: the folder itself and the user's file.
    expect(looked.filter((p) => p.startsWith('/h/'))).toEqual(['/h/new', '/h/keep.txt'])
    const text = String(vol.readFileSync(join(journal.dir, 'journal.jsonl'), 'utf8'))
    const raw = text.split('\n').filter(Boolean)
    // Each line is the record as JSON.stringify writes it, its seal the last member; the records queued while the
    // folder's own line was synced (the three inside it, then the user's file) share one line: one seal, one write.
    for (const line of raw) {
      expect(JSON.stringify(JSON.parse(line))).toBe(line)
      expect(Object.keys(JSON.parse(line) as object).at(-1)).toBe('mac')
    }
    expect(raw).toHaveLength(2)
    expect(records(text).map((l) => [l.path, l.before.kind])).toEqual([
      ['new', 'absent'],
      ['new/sub', 'absent'],
      ['new/sub/a.md', 'absent'],
      ['new/b.md', 'absent'],
      ['keep.txt', 'file'],
    ])
    // The process dies here: recovery puts the tree back as it was.
    await recoverJournals(fs, state)
    expect(vol.existsSync('/h/new')).toBe(false)
    expect(vol.readFileSync('/h/keep.txt', 'utf8')).toBe('mine')
  })

  it('are undone after a power cut that lost their lines, while what was changed there later stays', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-12-04T08:00:00Z'))
    const { fs, vol } = createTestFs({ '/h/keep.txt': 'mine' })
    const journal = new Journal(fs, state)
    const jfs = journalingFs(fs, [journal])
    await jfs.mkdir('/h/new')
    await jfs.mkdir('/h/new/sub')
    await jfs.writeFile('/h/new/sub/a.md', 'A')
    await jfs.writeFile('/h/new/b.md', 'B')
    await journal.close()
    // The power cut: the lines of everything inside the new folder were never synced, and are lost; the files are on
    // the disk. Only the folder's own line (synced before it was made) survives.
    const file = join(journal.dir, 'journal.jsonl')
    const lines = String(vol.readFileSync(file, 'utf8')).split('\n').filter(Boolean)
    expect(lines).toHaveLength(2) // the folder's line, and the batch of the three records inside it
    vol.writeFileSync(file, `${lines[0]}\n`)
    // After the reboot, later than the run's window, a tool writes its own file into the folder.
    vi.setSystemTime(Date.now() + LAZY_WINDOW_MS + 60_000)
    vol.writeFileSync('/h/new/tool-state.json', '{}')

    const [recovered] = await recoverJournals(fs, state)
    expect(recovered?.restored).toEqual(['/h/new'])
    expect(vol.existsSync('/h/new/sub')).toBe(false)
    expect(vol.existsSync('/h/new/b.md')).toBe(false)
    expect(vol.readFileSync('/h/new/tool-state.json', 'utf8')).toBe('{}')
    expect(vol.readFileSync('/h/keep.txt', 'utf8')).toBe('mine')
  })

  it('wait for their line to be appended when no synced line of the last half window covers them', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-12-04T08:00:00Z'))
    const { fs } = createTestFs({})
    const events: string[] = []
    const seen = observed(fs, events)
    const journal = new Journal(seen, state)
    const jfs = journalingFs(seen, [journal])
    await jfs.mkdir('/h/new', { recursive: true })
    // Covered: the folder's line was synced just now. The file is written before its line goes out.
    await jfs.writeFile('/h/new/a.md', 'A')
    expect(events.slice(-2)).toEqual(['append new', 'write /h/new/a.md'])
    await journal.close() // appends and syncs a.md's line
    events.length = 0
    // Later than half the window after the newest synced line: the change waits for its line's append.
    const again = new Journal(seen, state)
    const jfs2 = journalingFs(seen, [again])
    await jfs2.mkdir('/h/new2', { recursive: true })
    vi.setSystemTime(Date.now() + LAZY_WINDOW_MS / 2 + 1)
    await jfs2.writeFile('/h/new2/b.md', 'B')
    expect(events.at(-1)).toBe('write /h/new2/b.md')
    expect(events.at(-2)).toMatch(/^append (.* )?new2\/b\.md$/) // its line went first
    // A clock that went back since the newest synced line is no cover either (recovery reckons in the same clock).
    await jfs2.mkdir('/h/new2/sub')
    vi.setSystemTime(Date.now() - 1_000)
    await jfs2.writeFile('/h/new2/sub/c.md', 'C')
    expect(events.at(-1)).toBe('write /h/new2/sub/c.md')
    expect(events.at(-2)).toMatch(/^append (.* )?new2\/sub\/c\.md$/) // its line went first
    await again.close()
  })

  it('are checked record by record inside a batch line: one path outside the scope and nothing is replayed', async () => {
    const { fs, vol } = createTestFs({ '/h/keep.txt': 'mine' })
    const journal = new Journal(fs, state)
    const jfs = journalingFs(fs, [journal])
    await jfs.mkdir('/h/new')
    await jfs.writeFile('/h/new/a.md', 'A')
    await jfs.writeFile('/h/new/b.md', 'B')
    await journal.close()
    const file = join(journal.dir, 'journal.jsonl')
    const [first, batchLine] = String(vol.readFileSync(file, 'utf8')).split('\n')
    const { mac: _mac, ...body } = JSON.parse(batchLine ?? '') as { batch: { path: string }[]; mac: string }
    expect(body.batch.map((r) => r.path)).toEqual(['new/a.md', 'new/b.md'])
    const { seal } = await import('../../src/state/seal.js')
    const run = journal.dir.split('/').at(-1) ?? ''
    const sealed = (b: object): string =>
      JSON.stringify({ ...b, mac: seal(state.key, ['journal', state.id, run, JSON.stringify(b)]) })
    // Sealed with the right key (as a bug could), but naming a path outside the scope: refused before any replay.
    const hostile = { batch: [body.batch[0], { ...body.batch[1], path: '../../etc/passwd' }] }
    vol.writeFileSync(file, `${first}\n${sealed(hostile)}\n`)
    await expect(recoverJournals(fs, state)).rejects.toThrow(/outside its scope on line 2/)
    expect(vol.readFileSync('/h/new/a.md', 'utf8')).toBe('A')
    // Edited after sealing: refused too.
    const edited = JSON.parse(sealed(body)) as { batch: { path: string }[] }
    edited.batch.reverse()
    vol.writeFileSync(file, `${first}\n${JSON.stringify(edited)}\n`)
    await expect(recoverJournals(fs, state)).rejects.toThrow(/without a valid seal/)
    expect(vol.existsSync('/h/new/b.md')).toBe(true)
  })

  it('of a journal without times (an older outfit) are not removed unjournaled', async () => {
    const { fs, vol } = createTestFs({ '/h/keep.txt': 'mine' })
    const journal = new Journal(fs, state)
    const jfs = journalingFs(fs, [journal])
    await jfs.mkdir('/h/new')
    await journal.close()
    vol.writeFileSync('/h/new/found.md', 'x')
    const file = join(journal.dir, 'journal.jsonl')
    const [line] = String(vol.readFileSync(file, 'utf8')).split('\n')
    // The same record without its time cannot carry its seal: rebuilt as an older outfit sealed it.
    const { mac: _mac, at: _at, ...entry } = JSON.parse(line ?? '') as Record<string, unknown>
    const { seal } = await import('../../src/state/seal.js')
    const run = journal.dir.split('/').at(-1) ?? ''
    vol.writeFileSync(
      file,
      `${JSON.stringify({ ...entry, mac: seal(state.key, ['journal', state.id, run, JSON.stringify(entry)]) })}\n`,
    )
    await recoverJournals(fs, state)
    expect(vol.readFileSync('/h/new/found.md', 'utf8')).toBe('x')
  })
})

describe('the syncs of lines nobody waits for', () => {
  it('are batched (at most one per LAZY_SYNC_MS), and the run ends with every line synced', async () => {
    // Each journal sync forces a commit of the file system's own journal, which stalls file creation meanwhile; synced
    // back to back, a first install's lines cost one sync per file. Counted, not timed: 40 files are written in far
    // less than the 200 ms a lazy line may wait, so only the new folder's own line (which the mkdir waits for) and
    // at most a couple of batches may be synced before the end.
    const { fs, vol } = createTestFs({})
    let syncs = 0
    const counting = withHandleHooks(fs, (handle) => ({
      sync: () => handle.sync().then(() => void syncs++),
    }))
    const journal = new Journal(counting, state)
    const jfs = journalingFs(counting, [journal])
    await jfs.mkdir('/h/new', { recursive: true })
    for (let i = 0; i < 40; i++) await jfs.writeFile(`/h/new/rule-${i}.md`, `rule ${i}`)
    expect(syncs).toBeLessThanOrEqual(4)
    const before = syncs
    await journal.close()
    expect(syncs).toBeGreaterThan(before)
    const text = String(vol.readFileSync(join(journal.dir, 'journal.jsonl'), 'utf8'))
    expect(records(text)).toHaveLength(41)
    // One sealed line per batch, not one per file.
    expect(text.trim().split('\n').length).toBeLessThanOrEqual(4)
  })
})

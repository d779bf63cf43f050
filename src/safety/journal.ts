// Crash safety: a write-ahead journal. Before the first change to any path, the state it had (absent, or its bytes
// and mode, or a link target) is appended as one JSON line to <state>/journal/<run>/journal.jsonl, and the change
// waits until that line is written. A run that finishes deletes its journal; a journal left behind means the process
// died mid-run, and recovery puts every journaled path back, newest first, so the tree is byte-identical to before
// that run. One append per path (not a file per entry) keeps the journal from dominating the cost of an install.
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { ensureDir, writeAtomic } from '../fs/files.js'
import type { FileHandle } from 'node:fs/promises'
import { isNotFound, type Fs } from '../fs/fs.js'

type Before = { kind: 'absent' } | { kind: 'file'; data: string; mode: number } | { kind: 'dir' } | { kind: 'link'; target: string }

interface Entry {
  path: string
  before: Before
}

export function journalRoot(stateDir: string): string {
  return join(stateDir, 'journal')
}

const JOURNAL_FILE = 'journal.jsonl'

export class Journal {
  readonly dir: string
  /** One record per path, shared by concurrent callers: nobody may change a path before its record is written. */
  readonly #records = new Map<string, Promise<void>>()
  #file: Promise<FileHandle> | undefined
  #queue: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly fs: Fs,
    stateDir: string,
  ) {
    this.dir = join(journalRoot(stateDir), `${Date.now()}-${process.pid}-${randomBytes(3).toString('hex')}`)
  }

  /** Records the state of `path` before its first change in this run; later changes wait for that record. */
  before(path: string): Promise<void> {
    let record = this.#records.get(path)
    if (!record) {
      record = this.#record(path)
      this.#records.set(path, record)
    }
    return record
  }

  async #record(path: string): Promise<void> {
    try {
      const line = `${JSON.stringify({ path, before: await capture(this.fs, path) } satisfies Entry)}\n`
      // Opened once, before any entry: captures finish in any order, so "the first entry makes it" would race.
      this.#file ??= ensureDir(this.fs, this.dir).then(() => this.fs.open(join(this.dir, JOURNAL_FILE), 'a'))
      const file = await this.#file
      // Serialized, so lines never interleave and a crash can only tear the last one.
      const write = this.#queue.then(() => file.appendFile(line))
      this.#queue = write.catch(() => {})
      await write
    } catch (error) {
      // Never let a journal failure pass for a failure on `path` itself (an ENOENT here is not "the file is gone").
      throw new JournalError(`could not record ${path} in the crash journal ${this.dir}: ${(error as Error).message}`, { cause: error })
    }
  }

  /** The run finished and its own rollback (if any) succeeded: the journal is no longer needed. */
  async commit(): Promise<void> {
    await this.close()
    await removeJournalDir(this.fs, this.dir)
  }

  /** Lets every pending record finish and closes the file; the journal stays for recovery. */
  async close(): Promise<void> {
    await Promise.allSettled(this.#records.values())
    await this.#queue
    const file = await this.#file?.catch(() => undefined)
    this.#file = undefined
    await file?.close()
  }
}

/** Writing the journal failed: the change it protects was not made. */
export class JournalError extends Error {
  override readonly name = 'JournalError'
}

export interface Recovered {
  journal: string
  restored: string[]
}

/** Rolls back every journal left by a process that died mid-run. Call with the scope's lock held. */
export async function recoverJournals(fs: Fs, stateDir: string): Promise<Recovered[]> {
  const root = journalRoot(stateDir)
  let runs: string[]
  try {
    runs = ((await fs.readdir(root)) as string[]).sort()
  } catch (error) {
    if (isNotFound(error)) return []
    throw error
  }
  const out: Recovered[] = []
  for (const run of runs) {
    const dir = join(root, run)
    const entries: Entry[] = []
    let text = ''
    try {
      text = await fs.readFile(join(dir, JOURNAL_FILE), 'utf8')
    } catch (error) {
      // The process died before its first record: nothing was changed.
      if (!isNotFound(error)) throw error
    }
    for (const line of text.split('\n')) {
      if (line === '') continue
      try {
        entries.push(JSON.parse(line) as Entry)
      } catch {
        // A torn last line was being written when the process died: its change never started.
      }
    }
    const restored: string[] = []
    for (const entry of entries.reverse()) {
      if (await restore(fs, entry)) restored.push(entry.path)
    }
    await removeJournalDir(fs, dir)
    out.push({ journal: dir, restored })
  }
  await fs.rmdir(root).catch(() => {})
  return out
}

// --- internal ---

async function capture(fs: Fs, path: string): Promise<Before> {
  try {
    const st = await fs.lstat(path)
    if (st.isSymbolicLink()) return { kind: 'link', target: await fs.readlink(path) }
    if (st.isDirectory()) return { kind: 'dir' }
    return { kind: 'file', data: Buffer.from(await fs.readFile(path)).toString('base64'), mode: Number(st.mode) & 0o7777 }
  } catch (error) {
    if (isNotFound(error)) return { kind: 'absent' }
    throw error
  }
}

/** Puts one path back; returns whether anything had to change. */
async function restore(fs: Fs, entry: Entry): Promise<boolean> {
  const now = await capture(fs, entry.path)
  const { before } = entry
  if (JSON.stringify(now) === JSON.stringify(before)) return false
  if (before.kind === 'dir') {
    if (now.kind === 'absent') await fs.mkdir(entry.path, { recursive: true })
    return true
  }
  if (now.kind === 'dir') {
    // The run created this directory; anything the run put inside was journaled and removed first.
    await fs.rmdir(entry.path).catch(() => {})
  } else if (now.kind !== 'absent') {
    await fs.unlink(entry.path)
  }
  if (before.kind === 'file') {
    await ensureDir(fs, join(entry.path, '..'))
    await writeAtomic(fs, entry.path, Buffer.from(before.data, 'base64'), before.mode)
  } else if (before.kind === 'link') {
    await fs.symlink(before.target, entry.path)
  }
  return true
}

async function removeJournalDir(fs: Fs, dir: string): Promise<void> {
  let names: string[] = []
  try {
    names = (await fs.readdir(dir)) as string[]
  } catch (error) {
    if (!isNotFound(error)) throw error
  }
  for (const name of names) await fs.unlink(join(dir, name)).catch(() => {})
  await fs.rmdir(dir).catch(() => {})
  await fs.rmdir(join(dir, '..')).catch(() => {})
}

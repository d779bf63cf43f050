// Crash safety: a write-ahead journal. Before the first change to any path, the state it had (absent, or its bytes
// and mode, or a link target) is recorded in <state>/journal/<run>/journal.jsonl, and the change waits until that
// record is written. A run that finishes deletes its journal; a journal left behind means the process died mid-run,
// and recovery puts every journaled path back, newest first, so the tree is byte-identical to before that run. One
// record per path (not a file per entry), and the records queued during one append and sync written by the next as
// one sealed line (a `batch` of them when there are several), keeps the journal from dominating the cost of an install.
//
// Power loss (see "Durability" in docs/safety.md): a line is synced before the change it protects is made, the
// journal's file and folders before the first line counts; every path the run changed is synced before the journal is
// removed, and its removal is synced before the caller goes on (to write outfit.lock). A crash at any point therefore
// finds either a journal that describes every change that reached the disk, or no journal and every change on disk.
//
// Inside a folder this run created, a change need not wait for its line: recovery removes, from a folder the journal
// says was absent, whatever in it was last changed between the run's start and LAZY_WINDOW_MS after its last surviving
// line (everything in such a folder is the run's); something changed later than that (after a reboot, by the user or
// a tool) is left where it is. So such a line is only queued, and its change goes ahead at once as long as a line
// synced less than half that window ago covers it (else it waits for its line's append, so a process that dies leaves
// the line in the page cache). The queued lines are appended as one sealed batch line and synced together within
// about LAZY_SYNC_MS: one seal and one write for hundreds of files. See "Durability" in docs/safety.md.
//
// Recovery writes and deletes whatever the journal names, so a journal is trusted only if every record carries this
// user's seal for this scope and run, and names a path inside the scope root or its state folder. One bad record and
// nothing is replayed (StateError): a half-applied foreign journal would be worse than none.
import { randomBytes } from 'node:crypto'
import { basename, dirname, isAbsolute, join, normalize, sep } from 'node:path'
import type { FileHandle } from 'node:fs/promises'
import { forgetJournalHint } from '../state/way-out.js'
import { StateError } from '../errors.js'
import { ensureDir, tempSiblings, writeAtomic } from '../fs/files.js'
import { isInside } from '../fs/contain.js'
import { isNotFound, type Fs } from '../fs/fs.js'
import { PendingSyncs, trackChanges } from '../fs/pending-syncs.js'
import { ensureStateDir, STATE_FILE_MODE, type ScopeState } from '../state/scope-state.js'
import { seal, verifySeal } from '../state/seal.js'

type Before =
  | { kind: 'absent' }
  | { kind: 'file'; data: string; mode: number }
  | { kind: 'dir' }
  | { kind: 'link'; target: string }

/** A change waiting for its record: told when the record is written (or synced), or that it failed. */
interface Waiter {
  written: () => void
  failed: (error: unknown) => void
}

/** Where a journaled path lives: under the scope root or under outfit's state folder for it; `path` is relative. */
type Area = 'root' | 'state'

interface Entry {
  area: Area
  path: string
  before: Before
  /** When the line was made (ms since the epoch): recovery's bound on what the run changed (see the top). */
  at?: number
}

/**
 * How long after a run's last surviving line its unjournaled changes in a folder it created may have been made: well
 * above the time a line waits for its sync. A change made later is not taken for the run's (it is left, not lost).
 */
export const LAZY_WINDOW_MS = 5_000

/**
 * How long lines that no change waits for (those of folders the run created) may wait for their sync, unless a line
 * that a change waits for, or the run's end, comes first. A journal sync forces a commit of the file system's own
 * journal, and every file creation meanwhile waits for that commit: synced back to back, these syncs stalled a first
 * install's file creations (about half its time in open(2) on ext4). Far below LAZY_WINDOW_MS.
 */
const LAZY_SYNC_MS = 200

export function journalRoot(stateDir: string): string {
  return join(stateDir, 'journal')
}

const JOURNAL_FILE = 'journal.jsonl'

export class Journal {
  readonly dir: string
  readonly #run: string
  /** One record per path, shared by concurrent callers: nobody may change a path before its record is written. */
  readonly #records = new Map<string, Promise<void>>()
  /** Paths recorded as absent before this run (a folder among them that the run then made is a new folder). */
  readonly #absent = new Set<string>()
  /** Folders this run created: a change inside one waits for its line's append, not its sync (see the top). */
  readonly #newFolders = new Set<string>()
  /** Paths the run last wrote as regular files (journaling-fs.ts): synced at commit without an lstat first. */
  readonly #files = new Set<string>()
  #file: Promise<FileHandle> | undefined
  /** Records (their JSON) waiting for the next append, in the order they were made: one sealed line per append. */
  #queued: string[] = []
  /** The newest `at` among the queued records. */
  #queuedAt = 0
  /** How many of the queued records are of changes that do not wait for their sync (inside new folders). */
  #queuedLazy = 0
  /** Changes waiting until the queued records are on the disk (synced). */
  #syncWaiters: Waiter[] = []
  /** Changes inside new folders that no recent synced line covers: they wait for the next append. */
  #appendWaiters: Waiter[] = []
  /** The newest `at` of a line known to be on the disk (synced). */
  #syncedAt = Number.NEGATIVE_INFINITY
  #writing: Promise<void> | undefined
  /** Appends, one after the other (a line appended at once and the next batch must not interleave). */
  #appending: Promise<void> = Promise.resolve()
  /** A sync of lines whose changes did not wait for it failed: the run cannot be committed. */
  #lost: unknown
  /** Ends the drain's wait for more lines before a sync of lines nobody waits for (see LAZY_SYNC_MS). */
  #wake: (() => void) | undefined
  /** close() was called: nothing is worth waiting for any more. */
  #closing = false

  constructor(
    private readonly fs: Fs,
    private readonly state: ScopeState,
  ) {
    this.#run = `${Date.now()}-${process.pid}-${randomBytes(3).toString('hex')}`
    this.dir = join(journalRoot(state.dir), this.#run)
  }

  /** Whether this journal covers `path` (inside the scope root or the state folder, but not the journal itself). */
  covers(path: string): boolean {
    return !isInside(this.dir, path) && (isInside(this.state.root, path) || isInside(this.state.dir, path))
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

  /** `path`, recorded as absent, is now a folder made by this run: what is made inside it is the run's alone. */
  createdFolder(path: string): void {
    if (this.#absent.has(path)) this.#newFolders.add(path)
  }

  /** `path` is now a regular file the run wrote (`true`), or something else or gone (`false`). */
  wroteFile(path: string, regular: boolean): void {
    if (regular) this.#files.add(path)
    else this.#files.delete(path)
  }

  async #record(path: string): Promise<void> {
    try {
      // The state folder may lie inside the root (global scope: ~/.local/state is under ~); it is the more specific.
      const area: Area = isInside(this.state.dir, path) ? 'state' : 'root'
      const rel = path.slice((area === 'state' ? this.state.dir : this.state.root).length + 1) // '' for the base itself
      // In a folder this run made, nothing was there before the run: the first change of a path is its first record,
      // so it was absent (no lstat, which fails and throws for each of a first install's files).
      const inNewFolder = this.#newFolders.has(dirname(path))
      const before: Before = inNewFolder ? { kind: 'absent' } : await capture(this.fs, path)
      const at = Date.now()
      const entry: Entry = { area, path: rel, before, at }
      if (entry.before.kind === 'absent') this.#absent.add(path)
      const body = JSON.stringify(entry)
      // Opened once, before any entry: captures finish in any order, so "the first entry makes it" would race.
      this.#file ??= this.#open()
      const file = await this.#file
      this.#queued.push(body)
      this.#queuedAt = Math.max(this.#queuedAt, at)
      this.#writing ??= this.#drain(file)
      // Recovery removes what is in a new folder without a line (see the top): its change need not wait for the sync.
      if (inNewFolder) this.#queuedLazy++
      // (A clock that went back since is no cover: the window is reckoned in the same clock as the files' times.)
      if (inNewFolder && at >= this.#syncedAt && at - this.#syncedAt < LAZY_WINDOW_MS / 2) return
      await new Promise<void>((written, failed) => {
        ;(inNewFolder ? this.#appendWaiters : this.#syncWaiters).push({ written, failed })
        this.#wake?.()
      })
    } catch (error) {
      // Never let a journal failure pass for a failure on `path` itself (an ENOENT here is not "the file is gone").
      throw new JournalError(
        `could not record ${path} in the crash journal ${this.dir}: ${(error as Error).message}`,
        { cause: error },
      )
    }
  }

  /** The journal file, created where a power loss cannot lose it: its folders are synced (ensureStateDir) and so is its name. */
  async #open(): Promise<FileHandle> {
    await ensureStateDir(this.fs, this.dir)
    const file = await this.fs.open(join(this.dir, JOURNAL_FILE), 'a', STATE_FILE_MODE)
    try {
      await this.fs.syncDir(this.dir)
    } catch (error) {
      await file.close().catch(() => {})
      throw error
    }
    return file
  }

  /**
   * Appends the queued records, all that queued up during the previous append and sync, as one sealed line with one
   * write and one sync (group commit: the sync waits in the thread pool while other tools record their next paths):
   * serialized, so lines never interleave and a crash can only tear the last one; each change that waits for its
   * record's sync waits until that line is on the disk.
   */
  async #drain(file: FileHandle): Promise<void> {
    while (this.#queued.length > 0) {
      if (this.#syncWaiters.length === 0 && this.#appendWaiters.length === 0 && !this.#closing)
        await this.#lazyPause()
      const queued = this.#queued.splice(0)
      const synced = this.#syncWaiters.splice(0)
      const appended = this.#appendWaiters.splice(0)
      const newest = this.#queuedAt
      const lazy = this.#queuedLazy
      this.#queuedAt = 0
      this.#queuedLazy = 0
      try {
        const body = queued.length === 1 ? (queued[0] as string) : `{"batch":[${queued.join(',')}]}`
        await this.#append(file, sealedLine(this.state, this.#run, body))
        for (const w of appended) w.written()
        await file.sync()
        this.#syncedAt = Math.max(this.#syncedAt, newest)
        for (const w of synced) w.written()
      } catch (error) {
        for (const w of [...synced, ...appended]) w.failed(error)
        // Changes inside new folders did not wait for this sync: the run cannot be committed (its journal stays).
        if (lazy > 0) this.#lost ??= error
      }
    }
    this.#writing = undefined
  }

  /** Waits LAZY_SYNC_MS, or less if a change starts waiting for its line or the journal is closed. */
  #lazyPause(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer)
        this.#wake = undefined
        resolve()
      }
      const timer = setTimeout(done, LAZY_SYNC_MS)
      this.#wake = done
    })
  }

  #append(file: FileHandle, text: string): Promise<void> {
    const appended = this.#appending.then(() => file.appendFile(text))
    this.#appending = appended.catch(() => {})
    return appended
  }

  /**
   * The run finished and its own rollback (if any) succeeded: the journal is no longer needed once every path it
   * recorded is as durable as the journal was. Then it goes, durably too.
   */
  async commit(): Promise<void> {
    await this.close()
    // A line whose change went ahead of its sync may not be on the disk: keep the journal, as after a crash.
    if (this.#lost !== undefined)
      throw new JournalError(
        `could not sync the crash journal ${this.dir}: ${(this.#lost as Error).message}`,
        { cause: this.#lost },
      )
    // Nothing was recorded: no journal was made (a run that changed nothing), and nothing needs syncing.
    if (this.#records.size === 0) return
    const pending = new PendingSyncs()
    for (const path of this.#records.keys()) pending.changed(path, this.#files.has(path))
    await pending.flush(this.fs)
    await removeJournalDir(this.fs, this.dir)
  }

  /** Lets every pending record finish and closes the file; the journal stays for recovery. */
  async close(): Promise<void> {
    await Promise.allSettled(this.#records.values())
    this.#closing = true
    this.#wake?.()
    await this.#writing
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
export async function recoverJournals(base: Fs, state: ScopeState): Promise<Recovered[]> {
  // What recovery puts back must be on the disk before the journal that describes it is removed.
  const pending = new PendingSyncs()
  const fs = trackChanges(base, pending)
  const root = journalRoot(state.dir)
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
    const entries = await readJournal(fs, state, run, dir)
    const window = runWindow(run, entries)
    // Temporary files of atomic writes are not journaled; the files they were to replace are. Sweep them first, so
    // that a folder the run created is empty again when its turn comes.
    await sweepTempFiles(
      fs,
      entries.map((e) => e.path),
    )
    const restored: string[] = []
    for (const { path, before } of entries.reverse()) {
      if (await restore(fs, path, before, window)) restored.push(path)
    }
    await pending.flush(fs)
    await removeJournalDir(fs, dir)
    out.push({ journal: dir, restored })
  }
  await fs.rmdir(root).catch(() => {})
  return out
}

// --- internal ---

function recordParts(state: ScopeState, run: string, body: string): string[] {
  return ['journal', state.id, run, body]
}

/** `body` (a JSON object's text) with its seal as the last member: what JSON.stringify({ ...body, mac }) gives. */
function sealedLine(state: ScopeState, run: string, body: string): string {
  return `${body.slice(0, -1)},"mac":"${seal(state.key, recordParts(state, run, body))}"}\n`
}

/** Every record of one journal, checked; throws before anything is replayed if one is not outfit's own. */
async function readJournal(
  fs: Fs,
  state: ScopeState,
  run: string,
  dir: string,
): Promise<{ path: string; before: Before; at?: number }[]> {
  let text = ''
  try {
    text = await fs.readFile(join(dir, JOURNAL_FILE), 'utf8')
  } catch (error) {
    // The process died before its first record: nothing was changed.
    if (!isNotFound(error)) throw error
  }
  const refuse = (why: string): never => {
    throw new StateError(`the crash journal ${dir} ${why}; it was not replayed and nothing was changed`, {
      hint: `outfit did not write it for this user and scope (or its state key was lost or replaced); ${forgetJournalHint(state.root)}`,
    })
  }
  const lines = text.split('\n')
  // A line without its newline was being written when the process died: its change never started.
  if (lines.at(-1) !== '') lines.pop()
  const out: { path: string; before: Before; at?: number }[] = []
  for (const [index, line] of lines.entries()) {
    if (line === '') continue
    let record: Record<string, unknown>
    try {
      record = JSON.parse(line) as Record<string, unknown>
    } catch {
      return refuse(`has a damaged record on line ${index + 1}`)
    }
    const { mac, ...entry } = record
    if (!verifySeal(state.key, recordParts(state, run, JSON.stringify(entry)), mac))
      return refuse(`has a record on line ${index + 1} without a valid seal`)
    // A batch line holds the records queued during one append and sync, in the order they were made (see the top).
    const { batch } = entry
    const batched = Array.isArray(batch) && Object.keys(entry).length === 1
    for (const one of batched ? (batch as unknown[]) : [entry]) {
      const { area, path, before, at } = (one ?? {}) as Entry
      const base =
        area === 'root'
          ? state.root
          : area === 'state'
            ? state.dir
            : refuse(`names an unknown area on line ${index + 1}`)
      if (typeof path !== 'string' || isAbsolute(path) || normalize(path).split(sep).includes('..'))
        return refuse(`names a path outside its scope on line ${index + 1}`)
      if (!isBefore(before) || (at !== undefined && !Number.isSafeInteger(at)))
        return refuse(`has a malformed record on line ${index + 1}`)
      out.push({ path: path === '' ? base : join(base, path), before, ...(at !== undefined ? { at } : {}) })
    }
  }
  return out
}

function isBefore(value: unknown): value is Before {
  const b = value as Record<string, unknown> | null
  if (typeof b !== 'object' || b === null) return false
  switch (b.kind) {
    case 'absent':
    case 'dir':
      return true
    case 'file':
      return (
        typeof b.data === 'string' &&
        Number.isInteger(b.mode) &&
        (b.mode as number) >= 0 &&
        (b.mode as number) <= 0o7777
      )
    case 'link':
      return typeof b.target === 'string'
    default:
      return false
  }
}

async function capture(fs: Fs, path: string): Promise<Before> {
  try {
    const st = await fs.lstat(path)
    if (st.isSymbolicLink()) return { kind: 'link', target: await fs.readlink(path) }
    if (st.isDirectory()) return { kind: 'dir' }
    return {
      kind: 'file',
      data: Buffer.from(await fs.readFile(path)).toString('base64'),
      mode: Number(st.mode) & 0o7777,
    }
  } catch (error) {
    if (isNotFound(error)) return { kind: 'absent' }
    throw error
  }
}

/** When the run's changes were made: from its start (its name) to a while after its last surviving line (ms). */
interface Window {
  from: number
  to: number
}

/**
 * The run's window, or none for a journal whose lines carry no time (an older outfit's, whose changes all waited for
 * their lines): then nothing unjournaled is removed.
 */
function runWindow(run: string, entries: { at?: number }[]): Window | undefined {
  const from = Number(run.split('-')[0])
  const times = entries.map((e) => e.at)
  if (!Number.isSafeInteger(from) || times.length === 0 || times.some((t) => t === undefined))
    return undefined
  // A second below the start: file times come from the kernel's coarse clock, a tick behind Date.now().
  return { from: from - 1_000, to: Math.max(...(times as number[])) + LAZY_WINDOW_MS }
}

/** Puts one path back; returns whether anything had to change. */
async function restore(fs: Fs, path: string, before: Before, window?: Window): Promise<boolean> {
  const now = await capture(fs, path)
  if (JSON.stringify(now) === JSON.stringify(before)) return false
  if (before.kind === 'dir') {
    if (now.kind === 'absent') await fs.mkdir(path, { recursive: true })
    return true
  }
  if (now.kind === 'dir') {
    // The run created this directory; what the run put inside was journaled and removed first, except what a power cut
    // took the line of (its change did not wait for the sync): that was changed within the run's window.
    if (before.kind === 'absent' && window) await removeRunsOwn(fs, path, window)
    await fs.rmdir(path).catch(() => {})
  } else if (now.kind !== 'absent') {
    await fs.unlink(path)
  }
  if (before.kind === 'file') {
    await ensureDir(fs, join(path, '..'))
    await writeAtomic(fs, path, Buffer.from(before.data, 'base64'), before.mode)
  } else if (before.kind === 'link') {
    await fs.symlink(before.target, path)
  }
  return true
}

/**
 * Removes what is in `dir` (a folder the run created) and was last changed within the run's window, folders depth
 * first (each only once empty); anything changed later is not the run's, and stays with the folders that hold it.
 */
async function removeRunsOwn(fs: Fs, dir: string, window: Window): Promise<void> {
  let names: string[]
  try {
    names = (await fs.readdir(dir)) as string[]
  } catch {
    return
  }
  for (const name of names) {
    const path = join(dir, name)
    const st = await fs.lstat(path).catch(() => undefined)
    if (!st || st.ctimeMs < window.from || st.ctimeMs > window.to) continue
    if (st.isDirectory()) {
      await removeRunsOwn(fs, path, window)
      await fs.rmdir(path).catch(() => {})
    } else await fs.unlink(path).catch(() => {})
  }
}

async function sweepTempFiles(fs: Fs, paths: string[]): Promise<void> {
  const byDir = new Map<string, Set<string>>()
  for (const path of paths) {
    const names = byDir.get(dirname(path)) ?? new Set()
    names.add(basename(path))
    byDir.set(dirname(path), names)
  }
  for (const [dir, wanted] of byDir) {
    let names: string[]
    try {
      names = (await fs.readdir(dir)) as string[]
    } catch {
      continue // gone, or not a folder: nothing of ours to sweep there
    }
    for (const name of wanted)
      for (const tmp of tempSiblings(names, name)) await fs.unlink(join(dir, tmp)).catch(() => {})
  }
}

/**
 * Removes a journal's folder, and the journal root when it is left empty, then syncs the folder that lost the entry:
 * once this returns, a power loss cannot bring the journal back (to roll back a run that had finished).
 */
async function removeJournalDir(fs: Fs, dir: string): Promise<void> {
  let names: string[] = []
  try {
    names = (await fs.readdir(dir)) as string[]
  } catch (error) {
    if (!isNotFound(error)) throw error
  }
  for (const name of names) await fs.unlink(join(dir, name)).catch(() => {})
  await fs.rmdir(dir).catch(() => {})
  const root = dirname(dir)
  const rootGone = await fs.rmdir(root).then(
    () => true,
    (error: unknown) => isNotFound(error),
  )
  await fs.syncDir(rootGone ? dirname(root) : root)
}

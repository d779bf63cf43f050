// The file system outfit talks to. Injected everywhere so unit tests run on memfs and fault-injection tests can fail
// any single call (or cut the power: test/safety/power-cut-fs.ts); production passes node:fs/promises.
import * as callbackFs from 'node:fs'
import * as nodeFs from 'node:fs/promises'
import { syncFileSystems } from './sync-file-systems.js'

/**
 * Making changes survive a power loss (see "Durability" in docs/safety.md). Both reject like the call that failed
 * (ENOENT for a path that is not there, EIO for a disk that lost the data): a failed sync is never ignored.
 */
export interface Durability {
  /** Writes a regular file's data and metadata (size, mode) through to the disk: fsync. */
  fsync(path: string): Promise<void>
  /** Writes a folder's entries through to the disk, so that names created, renamed or removed in it survive. */
  syncDir(path: string): Promise<void>
  /**
   * Writes everything pending on the file systems that hold these folders through to the disk at once (every file and
   * folder entry on them); false when it could not, and then nothing may be assumed synced. Only where supported.
   */
  syncFileSystems?(folders: readonly string[]): Promise<boolean>
}

/** What an Fs may be told ahead of time (a hint: it may do nothing with it). */
export interface Foresight {
  /**
   * These paths are about to be changed (removed, replaced): a crash journal records their state together, one
   * sync for all instead of one per path as each change comes (journaling-fs.ts).
   */
  willChange?(paths: readonly string[]): Promise<void>
}

export type Fs = Durability &
  Foresight &
  Pick<
    typeof nodeFs,
    | 'readFile'
    | 'writeFile'
    | 'rename'
    | 'unlink'
    | 'mkdir'
    | 'rmdir'
    | 'readdir'
    | 'stat'
    | 'lstat'
    | 'symlink'
    | 'readlink'
    | 'chmod'
    | 'realpath'
    | 'open'
  >

/**
 * node:fs/promises in its interface, but each call made synchronously (see viaSync); `open` gives the part of a
 * FileHandle outfit uses (bounded reads, the crash journal's appends), over synchronous calls too. A promise call hands its work to libuv's thread pool and back: on this workload
 * (thousands of small files, each call taking microseconds in the kernel) the hand-offs — locks, wake-ups, context
 * switches, about 100 per installed file — cost far more than the calls, and dominate a large install on few cores.
 */
export const realFs: Fs = {
  ...nodeFs,
  readFile: viaSync(callbackFs.readFileSync) as unknown as Fs['readFile'],
  writeFile: viaSync(callbackFs.writeFileSync, true) as unknown as Fs['writeFile'],
  rename: viaSync(callbackFs.renameSync, true),
  unlink: viaSync(callbackFs.unlinkSync, true),
  mkdir: viaSync(callbackFs.mkdirSync, true) as unknown as Fs['mkdir'],
  rmdir: viaSync(callbackFs.rmdirSync, true),
  readdir: viaSync(callbackFs.readdirSync) as unknown as Fs['readdir'],
  stat: viaSync(statOrNotFound(callbackFs.statSync, 'stat')) as unknown as Fs['stat'],
  lstat: viaSync(statOrNotFound(callbackFs.lstatSync, 'lstat')) as unknown as Fs['lstat'],
  symlink: viaSync(callbackFs.symlinkSync, true) as unknown as Fs['symlink'],
  readlink: viaSync(callbackFs.readlinkSync) as unknown as Fs['readlink'],
  chmod: viaSync(callbackFs.chmodSync, true),
  realpath: viaSync(callbackFs.realpathSync) as unknown as Fs['realpath'],
  open: viaSync(
    (path: callbackFs.PathLike, flags?: string | number, mode?: number) =>
      new SyncHandle(callbackFs.openSync(path, flags ?? 'r', mode)),
  ) as unknown as Fs['open'],
  fsync: (path) => syncPath(path, process.platform === 'win32' ? 'r+' : 'r'),
  // Windows cannot open a folder to flush it; NTFS journals its folder entries itself.
  syncDir: (path) => (process.platform === 'win32' ? Promise.resolve() : syncPath(path, 'r')),
  syncFileSystems,
}

/**
 * An Fs with nothing to make durable (memory, plan's overlay): its syncs only check that the path is there, as a real
 * sync would. The methods are copied, not inherited, so the result spreads like realFs.
 */
export function withoutDurability<T extends { lstat(path: string): Promise<unknown> }>(
  fs: T,
): T & Durability {
  const check = async (path: string): Promise<void> => {
    await fs.lstat(path)
  }
  return { ...fs, fsync: check, syncDir: check }
}

export function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT'
}

export async function exists(fs: Fs, path: string): Promise<boolean> {
  try {
    await fs.lstat(path)
    return true
  } catch (error) {
    if (isNotFound(error)) return false
    throw error
  }
}

// --- internal ---

/**
 * stat/lstat whose "no such file" costs no stack trace. A first install asks about ~3 paths per written file that are
 * not there yet (its destination, folders on the way); Node throws each as an Error with a captured stack, ~9 µs
 * against ~3 µs for the call itself. The error is Node's in every field callers and messages read (code, errno,
 * syscall, path, message), only without a stack: it is an answer here, not a fault.
 */
function statOrNotFound(
  call: typeof callbackFs.lstatSync,
  syscall: 'stat' | 'lstat',
): (
  path: callbackFs.PathLike,
  options?: callbackFs.StatSyncOptions,
) => callbackFs.Stats | callbackFs.BigIntStats {
  return (path, options) => {
    const st = call(
      path,
      options === undefined
        ? NO_THROW
        : options.bigint === true
          ? NO_THROW_BIGINT
          : { ...options, ...NO_THROW },
    )
    if (st === undefined) throw notFound(syscall, String(path))
    return st
  }
}

const NO_THROW = { throwIfNoEntry: false } as const
const NO_THROW_BIGINT = { bigint: true, throwIfNoEntry: false } as const

function notFound(syscall: string, path: string): NodeJS.ErrnoException {
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = 0
  try {
    return Object.assign(new Error(`ENOENT: no such file or directory, ${syscall} '${path}'`), {
      errno: process.platform === 'win32' ? -4058 : -2, // libuv's UV_ENOENT, as Node reports it
      code: 'ENOENT',
      syscall,
      path,
    })
  } finally {
    Error.stackTraceLimit = limit
  }
}

/** How many reads may run back to back before the event loop gets a turn (signals, timers, a parked crash test). */
const YIELD_EVERY = 64
let sinceYield = 0

/**
 * A promise-returning call that does its work synchronously. Every change, and every 64th read, first lets the event
 * loop turn: concurrent tools then take turns change by change, as they did when every call went through the thread
 * pool, instead of one tool running far ahead of the others between two real waits.
 */
function viaSync<A extends unknown[], R>(
  call: (...args: A) => R,
  change = false,
): (...args: A) => Promise<R> {
  return async (...args: A): Promise<R> => {
    if (change || ++sinceYield >= YIELD_EVERY) {
      sinceYield = 0
      await new Promise<void>((resolve) => setImmediate(resolve))
    }
    return call(...args)
  }
}

/**
 * fsync through libuv's thread pool, not synchronously like the other calls: a sync waits for the disk (milliseconds,
 * not microseconds), and several in flight at once — the crash journal's next lines, a run's files at its end — share
 * the file system's journal commits (measured: 2,000 fresh files synced 13× faster four at a time than one by one).
 * Opened read-only: POSIX syncs the file, not the descriptor, and a read-only file (0444) can be opened so.
 */
function syncPath(path: string, flags: string): Promise<void> {
  // Opened and closed synchronously (microseconds, like every other call here): only the sync itself waits in the
  // pool, one hand-off instead of three per synced path (a 1,000-file install syncs ~5,000 paths).
  let fd: number
  try {
    fd = callbackFs.openSync(path, flags)
  } catch (error) {
    return Promise.reject(error as Error)
  }
  return new Promise((resolve, reject) => {
    callbackFs.fsync(fd, (syncError) => {
      try {
        callbackFs.closeSync(fd)
      } catch (closeError) {
        return reject(syncError ?? (closeError as Error))
      }
      if (syncError) reject(syncError)
      else resolve()
    })
  })
}

/** What outfit uses of a FileHandle (see overlay-fs.ts for the same subset), each call synchronous but `sync`. */
class SyncHandle {
  constructor(readonly fd: number) {}

  async stat(options?: callbackFs.StatOptions): Promise<callbackFs.Stats | callbackFs.BigIntStats> {
    return callbackFs.fstatSync(this.fd, options)
  }

  async read(
    buffer: NodeJS.ArrayBufferView,
    offset: number,
    length: number,
    position: number | null,
  ): Promise<{ bytesRead: number; buffer: NodeJS.ArrayBufferView }> {
    return { bytesRead: callbackFs.readSync(this.fd, buffer, offset, length, position), buffer }
  }

  async appendFile(data: string | Uint8Array): Promise<void> {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data
    for (let at = 0; at < bytes.length;) at += callbackFs.writeSync(this.fd, bytes, at, bytes.length - at)
  }

  /** From the current position, which for a file just created is its start (replace-file.ts). */
  async writeFile(data: string | Uint8Array): Promise<void> {
    await this.appendFile(data)
  }

  /** In the thread pool, like realFs.fsync: lines queued meanwhile go out with the next sync (journal.ts). */
  sync(): Promise<void> {
    return new Promise((resolve, reject) => {
      callbackFs.fsync(this.fd, (error) => (error ? reject(error) : resolve()))
    })
  }

  async close(): Promise<void> {
    callbackFs.closeSync(this.fd)
  }
}

// The file system outfit talks to. Injected everywhere so unit tests run on memfs and fault-injection tests can fail
// any single call; production passes node:fs/promises.
import * as callbackFs from 'node:fs'
import * as nodeFs from 'node:fs/promises'

export type Fs = Pick<
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
  stat: viaSync(callbackFs.statSync) as unknown as Fs['stat'],
  lstat: viaSync(callbackFs.lstatSync) as unknown as Fs['lstat'],
  symlink: viaSync(callbackFs.symlinkSync, true) as unknown as Fs['symlink'],
  readlink: viaSync(callbackFs.readlinkSync) as unknown as Fs['readlink'],
  chmod: viaSync(callbackFs.chmodSync, true),
  realpath: viaSync(callbackFs.realpathSync) as unknown as Fs['realpath'],
  open: viaSync(
    (path: callbackFs.PathLike, flags?: string | number, mode?: number) =>
      new SyncHandle(callbackFs.openSync(path, flags ?? 'r', mode)),
  ) as unknown as Fs['open'],
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

/** What outfit uses of a FileHandle (see overlay-fs.ts for the same subset), each call synchronous. */
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

  async close(): Promise<void> {
    callbackFs.closeSync(this.fd)
  }
}

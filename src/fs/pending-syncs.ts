// The changes of a run that are not yet on the disk, made durable together at the one point a record starts to rely
// on them (before a crash journal is removed: see "Durability" in docs/safety.md). Syncing each write as it happens
// would cost a sync per file on the clock of every step; collected, each folder is synced once, and the files' syncs
// run side by side in the thread pool, where the file system merges them into few commits.
import { dirname } from 'node:path'
import { isNotFound, type Fs } from './fs.js'

/** How many syncs are in flight at once (libuv runs four at a time; the rest wait queued, not in memory). */
const IN_FLIGHT = 16

/**
 * From how many files the run wrote their file systems are synced whole (Fs.syncFileSystems: one syncfs each) instead
 * of path by path. Below it, starting a process (~10 ms here) and flushing whatever else is pending on the file
 * system cost more than the syncs they spare; above it, a sync per file costs far more (see docs/BENCHMARKS.md).
 */
export const WHOLE_FILE_SYSTEM_FROM = 256

export class PendingSyncs {
  /**
   * Paths whose content or mode changed (synced if they are still regular files), each with whether the caller knows
   * it for a regular file it wrote (then it is synced without an lstat first: one per file of a large install).
   */
  readonly #files = new Map<string, boolean>()
  /** Folders an entry was created in, renamed into or out of, or removed from. */
  readonly #dirs = new Set<string>()

  /**
   * `path` was written, created, renamed, removed or had its mode changed. `regularFile`: the caller wrote it as a
   * regular file, and nothing has changed it since.
   */
  changed(path: string, regularFile = false): void {
    this.#files.set(path, regularFile)
    this.#dirs.add(dirname(path))
  }

  /** Makes every change recorded so far durable: files' data first, then each folder's entries once. */
  async flush(fs: Fs): Promise<void> {
    let files = [...this.#files]
    let dirs = [...this.#dirs]
    this.#files.clear()
    this.#dirs.clear()
    const written = files.filter(([, regularFile]) => regularFile).length
    if (written >= WHOLE_FILE_SYSTEM_FROM && fs.syncFileSystems && (await fs.syncFileSystems(dirs))) {
      // Every file the run wrote is a new file in its folder (created, or renamed over the old one), so on the file
      // system of that folder, now synced whole with every folder listed. Other changes (a mode changed in place on
      // what may be another file system's file) are still synced one by one.
      files = files.filter(([, regularFile]) => !regularFile)
      dirs = []
    }
    await eachAtOnce(files, async ([path, regularFile]) => {
      // Only regular files: a link is made durable with its folder (and fsync would follow it), a folder is synced below.
      const st = regularFile ? undefined : await fs.lstat(path).catch(gone)
      if (regularFile || st?.isFile()) await fs.fsync(path).catch(gone)
    })
    await eachAtOnce(dirs, (dir) => fs.syncDir(dir).catch(gone))
  }
}

/**
 * An Fs that tells `pending` of every change made through it. A recursive mkdir tells of each folder it creates, found
 * before the call (their parents must be synced for the deepest one to be reachable).
 */
export function trackChanges(inner: Fs, pending: PendingSyncs): Fs {
  const done = <T>(result: T, ...paths: unknown[]): T => {
    for (const path of paths) if (typeof path === 'string') pending.changed(path)
    return result
  }
  return {
    ...inner,
    async writeFile(...args: Parameters<Fs['writeFile']>) {
      return done(await inner.writeFile(...args), args[0])
    },
    async rename(from, to) {
      return done(await inner.rename(from, to), from, to)
    },
    async unlink(path) {
      return done(await inner.unlink(path), path)
    },
    async mkdir(...args: Parameters<Fs['mkdir']>) {
      const [path, options] = args
      const missing =
        typeof path === 'string' && typeof options === 'object' && options?.recursive
          ? await missingFolders(inner, path)
          : [path]
      return done(await inner.mkdir(...args), ...missing)
    },
    async rmdir(...args: Parameters<Fs['rmdir']>) {
      return done(await inner.rmdir(...args), args[0])
    },
    async symlink(target, path, type) {
      return done(await inner.symlink(target, path, type), path)
    },
    async chmod(path, mode) {
      return done(await inner.chmod(path, mode), path)
    },
  } as Fs
}

/** The folders a recursive mkdir of `path` would create, deepest first. */
export async function missingFolders(fs: Pick<Fs, 'lstat'>, path: string): Promise<string[]> {
  const missing: string[] = []
  for (let dir = path; dir !== dirname(dir); dir = dirname(dir)) {
    try {
      await fs.lstat(dir)
      break
    } catch (error) {
      if (!isNotFound(error)) break
      missing.push(dir)
    }
  }
  return missing
}

// --- internal ---

/** A path that went away after it changed (a temporary file renamed, a folder removed) has nothing left to sync. */
function gone(error: unknown): undefined {
  if (isNotFound(error) || (error as NodeJS.ErrnoException | undefined)?.code === 'ENOTDIR') return undefined
  throw error
}

/** Runs `each` over the items, IN_FLIGHT at a time; rejects with the first failure once all have settled. */
async function eachAtOnce<T>(items: readonly T[], each: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0
  const failures: unknown[] = []
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T
      await each(item).catch((error: unknown) => failures.push(error))
    }
  }
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, items.length) }, worker))
  if (failures.length > 0) throw failures[0]
}

// One outfit process per scope root at a time. The lock is a symlink whose target names its owner (pid, start, a
// random token): creating a symlink is atomic and exclusive, so a lock is never seen half-written, and reading it back
// (readlink) is one call. A lock whose process is gone is stale and taken over — under a second, short-lived lock
// (`lock.takeover`), re-checking that the lock is still the stale one first: two outfits that find the same stale lock
// cannot both take it (one would otherwise delete the other's fresh lock). It lives in outfit's state dir and leaves
// no trace when released.
import { randomBytes } from 'node:crypto'
import { dirname, join } from 'node:path'
import { OutfitError } from '../errors.js'
import { ensureDir } from '../fs/files.js'
import type { Fs } from '../fs/fs.js'

export class LockedError extends OutfitError {
  override readonly code = 'USAGE'
}

export interface Lock {
  release(): Promise<void>
}

export interface LockOptions {
  /** How long to wait for another process to finish (ms). */
  waitMs?: number
  /** Whether a pid is a running process (injectable for tests). */
  isAlive?: (pid: number) => boolean
  /** Resolves after `ms`; injectable so tests never wait on the clock. */
  delay?: (ms: number) => Promise<void>
}

export function lockPath(stateDir: string): string {
  return join(stateDir, 'lock')
}

export async function acquireLock(fs: Fs, stateDir: string, options: LockOptions = {}): Promise<Lock> {
  const path = lockPath(stateDir)
  const isAlive = options.isAlive ?? processIsAlive
  const delay = options.delay ?? ((ms) => new Promise<void>((r) => setTimeout(r, ms)))
  const createdDirs = await ensureDir(fs, dirname(path))
  const me: Owner = {
    pid: process.pid,
    since: new Date().toISOString(),
    token: randomBytes(8).toString('hex'),
  }
  const deadline = Date.now() + (options.waitMs ?? 5000)
  for (let attempt = 0; ; attempt++) {
    if (await create(fs, path, me)) return held(fs, path, me, createdDirs)
    const owner = await readOwner(fs, path)
    if (owner === 'missing') continue
    if (owner !== 'unreadable' && isStale(owner, isAlive) && (await takeOver(fs, path, owner, me, isAlive)))
      return held(fs, path, me, createdDirs)
    if (Date.now() >= deadline) {
      const who =
        owner === 'unreadable' ? 'another outfit' : `another outfit (pid ${owner.pid}, since ${owner.since})`
      throw new LockedError(`${who} is changing ${dirname(stateDir)}`, {
        hint: `wait for it to finish and run again; if no outfit is running, remove ${path}`,
      })
    }
    await delay(Math.min(50 * 2 ** attempt, 500))
  }
}

// --- internal ---

interface Owner {
  pid: number
  since: string
  token: string
  /** An older outfit's lock (a regular file): when it was last written, to tell a torn one from one being written. */
  mtimeMs?: number
}

/** An older outfit wrote its lock in two steps; one that stayed unreadable this long was torn by a crash. */
const TORN_AFTER_MS = 10_000

function isStale(owner: Owner, isAlive: (pid: number) => boolean): boolean {
  if (owner.pid === 0) return owner.mtimeMs !== undefined && Date.now() - owner.mtimeMs > TORN_AFTER_MS
  return !isAlive(owner.pid)
}

/** Creates the lock naming `owner`, atomically; false when one exists. */
async function create(fs: Fs, path: string, owner: Owner): Promise<boolean> {
  try {
    await fs.symlink(`outfit-lock:${owner.pid}:${owner.since}:${owner.token}`, path)
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  }
}

/** Replaces the stale lock, unless another process did so first (checked under the takeover lock). */
async function takeOver(
  fs: Fs,
  path: string,
  stale: Owner,
  me: Owner,
  isAlive: (pid: number) => boolean,
): Promise<boolean> {
  const gate = `${path}.takeover`
  if (!(await create(fs, gate, me))) {
    // Another process is taking over right now; if it died doing so, its gate is stale too.
    const holder = await readOwner(fs, gate)
    if (holder !== 'missing' && holder !== 'unreadable' && !isAlive(holder.pid))
      await unlinkIfOwned(fs, gate, holder)
    return false
  }
  try {
    const now = await readOwner(fs, path)
    if (now !== 'missing' && !(now !== 'unreadable' && sameOwner(now, stale))) return false
    if (now !== 'missing') await fs.unlink(path).catch(() => {})
    return await create(fs, path, me)
  } finally {
    await unlinkIfOwned(fs, gate, me)
  }
}

function held(fs: Fs, path: string, me: Owner, createdDirs: string[]): Lock {
  return {
    async release() {
      await unlinkIfOwned(fs, path, me)
      // Leave no empty state dir behind that the run made only for its lock.
      for (const dir of [...createdDirs].reverse()) await fs.rmdir(dir).catch(() => {})
    },
  }
}

/** Removes a lock only while it still names `owner`: never another process's. */
async function unlinkIfOwned(fs: Fs, path: string, owner: Owner): Promise<void> {
  const now = await readOwner(fs, path)
  if (now !== 'missing' && now !== 'unreadable' && sameOwner(now, owner))
    await fs.unlink(path).catch(() => {})
}

function sameOwner(a: Owner, b: Owner): boolean {
  return a.pid === b.pid && a.since === b.since && a.token === b.token && a.mtimeMs === b.mtimeMs
}

async function readOwner(fs: Fs, path: string): Promise<Owner | 'missing' | 'unreadable'> {
  try {
    const m = /^outfit-lock:(\d+):(.+):([0-9a-f]{16})$/.exec(await fs.readlink(path))
    return m ? { pid: Number(m[1]), since: m[2] as string, token: m[3] as string } : 'unreadable'
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return 'missing'
    if (code !== 'EINVAL' && code !== 'UNKNOWN') throw error
  }
  return readLegacyOwner(fs, path)
}

/** The regular-file lock an older outfit wrote: `{ pid, since }`, or pid 0 while unreadable (torn or being written). */
async function readLegacyOwner(fs: Fs, path: string): Promise<Owner | 'missing' | 'unreadable'> {
  try {
    const st = await fs.lstat(path)
    const mtimeMs = Number(st.mtimeMs)
    try {
      const data = JSON.parse(await fs.readFile(path, 'utf8')) as { pid?: unknown; since?: unknown }
      if (typeof data.pid === 'number' && data.pid > 0)
        return { pid: data.pid, since: String(data.since), token: '', mtimeMs }
    } catch {
      // torn: judged by its age below
    }
    return { pid: 0, since: new Date(mtimeMs).toISOString(), token: '', mtimeMs }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing'
    throw error
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

// One outfit process per scope root at a time. The lock is a file created with O_EXCL holding the owner's pid; a
// lock whose process is gone is stale and taken over. It lives in outfit's state dir and leaves no trace when released.
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
  const deadline = Date.now() + (options.waitMs ?? 5000)
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.writeFile(path, JSON.stringify({ pid: process.pid, since: new Date().toISOString() }), {
        flag: 'wx',
        mode: 0o600,
      })
      return {
        async release() {
          await fs.unlink(path).catch(() => {})
          // Leave no empty state dir behind that the run made only for its lock.
          for (const dir of [...createdDirs].reverse()) await fs.rmdir(dir).catch(() => {})
        },
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const owner = await readOwner(fs, path)
    if (owner === null || !isAlive(owner.pid)) {
      // Stale: its process died (or the file is torn). Take it over.
      await fs.unlink(path).catch(() => {})
      continue
    }
    if (Date.now() >= deadline) {
      throw new LockedError(
        `another outfit (pid ${owner.pid}, since ${owner.since}) is changing ${dirname(stateDir)}`,
        {
          hint: `wait for it to finish and run again; if no outfit is running, remove ${path}`,
        },
      )
    }
    await delay(Math.min(50 * 2 ** attempt, 500))
  }
}

// --- internal ---

async function readOwner(fs: Fs, path: string): Promise<{ pid: number; since: string } | null> {
  try {
    const data = JSON.parse(await fs.readFile(path, 'utf8')) as { pid?: unknown; since?: unknown }
    return typeof data.pid === 'number' ? { pid: data.pid, since: String(data.since) } : null
  } catch {
    return null
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

// Everything a run does happens inside this guard: the scope's lock is held, journals left by a crashed run are rolled
// back first, every change is journaled before it happens, and the journal is dropped only once the run (and its own
// rollback) finished cleanly.
import { dirname } from 'node:path'
import type { Fs } from '../fs/fs.js'
import { Journal, recoverJournals, type Recovered } from './journal.js'
import { journalingFs } from './journaling-fs.js'
import { acquireLock, type Lock, type LockOptions } from './lock.js'

export interface GuardOptions {
  lock?: LockOptions
  /** Test hook: called after every journaled change (crash tests stop the process here). */
  afterChange?: () => Promise<void>
}

export async function guardRun<T>(
  fs: Fs,
  stateDirs: string[],
  run: (fs: Fs, recovered: Recovered[]) => Promise<T>,
  canCommit: (result: T) => boolean,
  options: GuardOptions = {},
): Promise<T> {
  const dirs = [...new Set(stateDirs)].sort()
  const locks: Lock[] = []
  let journals: { root: string; journal: Journal }[] = []
  try {
    for (const dir of dirs) locks.push(await acquireLock(fs, dir, options.lock))
    const recovered: Recovered[] = []
    for (const dir of dirs) recovered.push(...(await recoverJournals(fs, dir)))
    journals = dirs.map((dir) => ({ root: dirname(dir), journal: new Journal(fs, dir) }))
    const result = await run(journalingFs(fs, journals, options.afterChange), recovered)
    if (canCommit(result)) for (const { journal } of journals) await journal.commit()
    return result
  } finally {
    // An uncommitted journal stays on disk for recovery; only its file handle is let go.
    for (const { journal } of journals) await journal.close().catch(() => {})
    for (const lock of locks.reverse()) await lock.release()
    // A state dir left empty (its manifests gone, no journal) goes too, so uninstall leaves no trace.
    for (const dir of dirs) await fs.rmdir(dir).catch(() => {})
  }
}

/** `outfit recover`: roll back what interrupted runs left, under the lock. */
export async function recover(fs: Fs, stateDirs: string[], options: GuardOptions = {}): Promise<Recovered[]> {
  return guardRun(fs, stateDirs, async (_fs, recovered) => recovered, () => true, options)
}

/**
 * A test hook from the environment: after N changes, announce it through a marker file and wait — until the run is
 * aborted (SIGINT/SIGTERM), or forever (SIGKILL tests).
 */
export function pauseAfterChanges(fs: Fs, count: number, marker: string, signal?: AbortSignal): () => Promise<void> {
  let seen = 0
  return async () => {
    seen++
    if (seen === count) {
      await fs.writeFile(marker, String(process.pid))
      // A pending promise alone does not keep Node alive; the interval does, until the abort.
      const alive = setInterval(() => {}, 60_000)
      await new Promise<void>((resolve) => {
        if (signal?.aborted) resolve()
        signal?.addEventListener('abort', () => resolve(), { once: true })
      })
      clearInterval(alive)
    }
  }
}

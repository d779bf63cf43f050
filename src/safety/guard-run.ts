// Everything a run does happens inside this guard: the scope's lock is held, journals left by a crashed run are rolled
// back first, every change is journaled before it happens, nothing outside the scope roots and their state folders can
// be changed, and the journal is dropped only once the run (and its own rollback) finished cleanly.
import { confineFs, type ConfineCaches } from '../fs/confine.js'
import type { Fs } from '../fs/fs.js'
import { ensureStateDir, type ScopeState } from '../state/scope-state.js'
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
  scopeStates: ScopeState[],
  run: (fs: Fs, recovered: Recovered[]) => Promise<T>,
  canCommit: (result: T) => boolean,
  options: GuardOptions = {},
): Promise<T> {
  const states = [...new Map(scopeStates.map((s) => [s.dir, s])).values()].sort((a, b) =>
    a.dir.localeCompare(b.dir),
  )
  const areas = states.flatMap((s) => [s.root, s.dir])
  const caches: ConfineCaches = new Map()
  // The journal and recovery write through a confined view; the run's own changes are checked *before* they are
  // journaled, so a path outside is refused without its content ever being read into the journal.
  const confined = confineFs(fs, areas, caches)
  const locks: Lock[] = []
  let journals: Journal[] = []
  try {
    for (const state of states) {
      await ensureStateDir(fs, state.dir)
      locks.push(await acquireLock(fs, state.dir, options.lock))
    }
    const recovered: Recovered[] = []
    for (const state of states) recovered.push(...(await recoverJournals(confined, state)))
    journals = states.map((state) => new Journal(confined, state))
    const result = await run(
      confineFs(journalingFs(fs, journals, options.afterChange), areas, caches),
      recovered,
    )
    if (canCommit(result)) for (const journal of journals) await journal.commit()
    return result
  } finally {
    // An uncommitted journal stays on disk for recovery; only its file handle is let go.
    for (const journal of journals) await journal.close().catch(() => {})
    for (const lock of locks.reverse()) await lock.release()
    // A state dir left empty (its manifests gone, no journal) goes too, so uninstall leaves no trace.
    for (const state of states) await fs.rmdir(state.dir).catch(() => {})
  }
}

/** `outfit recover`: roll back what interrupted runs left, under the lock. */
export async function recover(
  fs: Fs,
  states: ScopeState[],
  options: GuardOptions = {},
): Promise<Recovered[]> {
  return guardRun(
    fs,
    states,
    async (_fs, recovered) => recovered,
    () => true,
    options,
  )
}

/**
 * A test hook from the environment: after N changes, announce it through a marker file and hold that change and every
 * later one — until the run is aborted (SIGINT/SIGTERM), or forever (SIGKILL tests). Holding all of them, not only the
 * Nth, keeps the other tools from finishing meanwhile, so what an interrupt finds does not depend on timing.
 */
export function pauseAfterChanges(
  fs: Fs,
  count: number,
  marker: string,
  signal?: AbortSignal,
): () => Promise<void> {
  let seen = 0
  let parked: Promise<void> | undefined
  return async () => {
    seen++
    if (seen < count || signal?.aborted) return
    parked ??= (async () => {
      await fs.writeFile(marker, String(process.pid))
      // A pending promise alone does not keep Node alive; the interval does, until the abort.
      const alive = setInterval(() => {}, 60_000)
      await new Promise<void>((resolve) => {
        if (signal?.aborted) resolve()
        signal?.addEventListener('abort', () => resolve(), { once: true })
      })
      clearInterval(alive)
    })()
    await parked
  }
}

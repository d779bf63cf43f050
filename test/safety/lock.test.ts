// The per-scope lock: atomic creation, stale takeover by exactly one process, torn locks of older versions, release
// that never removes another process's lock. Interleavings are forced by gates on observed calls, never by sleeping.
import { describe, expect, it } from 'vitest'
import { acquireLock, lockPath } from '../../src/safety/lock.js'
import type { Fs } from '../../src/fs/fs.js'
import { createTestFs } from '../helpers/test-fs.js'

const DEAD = 4242
const isAlive = (pid: number) => pid !== DEAD
const noWait = { waitMs: 0, isAlive, delay: async () => {} }
const state = '/state/scope'
const lock = lockPath(state)

/** Resolves once `n` callers have arrived. */
function barrier(n: number): () => Promise<void> {
  let arrived = 0
  let open!: () => void
  const opened = new Promise<void>((r) => (open = r))
  return async () => {
    if (++arrived === n) open()
    await opened
  }
}

/** `fs` whose first readlink of the lock waits at `gate` after reading (so two processes both see the same lock). */
function gated(fs: Fs, gate: () => Promise<void>): Fs {
  let first = true
  return {
    ...fs,
    readlink: (async (path: string) => {
      const result = await fs.readlink(path)
      if (path === lock && first) {
        first = false
        await gate()
      }
      return result
    }) as Fs['readlink'],
  }
}

describe('the scope lock', () => {
  it('is taken and released, leaving no trace', async () => {
    const { fs, vol } = createTestFs({ '/state/.keep': '' })
    const held = await acquireLock(fs, state, noWait)
    expect(await fs.readlink(lock)).toMatch(new RegExp(`^outfit-lock:${process.pid}:`))
    await expect(acquireLock(fs, state, noWait)).rejects.toThrow(
      /another outfit \(pid \d+, since .*\) is changing/,
    )
    await held.release()
    expect(vol.existsSync(state)).toBe(false)
  })

  it('two processes that find the same stale lock: exactly one takes it over', async () => {
    const { fs } = createTestFs({})
    await fs.mkdir(state, { recursive: true })
    await fs.symlink(`outfit-lock:${DEAD}:2026-01-01T00:00:00.000Z:00112233aabbccdd`, lock)
    const gate = barrier(2)
    const results = await Promise.allSettled([
      acquireLock(gated(fs, gate), state, noWait),
      acquireLock(gated(fs, gate), state, noWait),
    ])
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected'])
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
    expect(String(lost.reason)).toMatch(/another outfit \(pid \d+, since .*\) is changing/)
    // The winner's lock is the one in place, and stays until the winner releases it.
    const won = results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{
      release(): Promise<void>
    }>
    expect(await fs.readlink(lock)).toMatch(new RegExp(`^outfit-lock:${process.pid}:`))
    await won.value.release()
    await expect(fs.readlink(lock)).rejects.toThrow()
  })

  it("an older outfit's half-written lock is not stale while it may still be being written", async () => {
    const { fs } = createTestFs({ [lock]: '' })
    await expect(acquireLock(fs, state, noWait)).rejects.toThrow(/another outfit .* is changing/)
    // Left torn for longer than any write takes: a crash tore it, and it is taken over.
    const old = new Date(Date.now() - 60_000)
    await (fs as unknown as { utimes(p: string, a: Date, m: Date): Promise<void> }).utimes(lock, old, old)
    const held = await acquireLock(fs, state, noWait)
    await held.release()
  })

  it("takes over an older outfit's lock whose process is gone", async () => {
    const { fs } = createTestFs({ [lock]: JSON.stringify({ pid: DEAD, since: 'then' }) })
    const held = await acquireLock(fs, state, noWait)
    await held.release()
    await expect(fs.lstat(lock)).rejects.toThrow()
  })

  it("release never removes another process's lock", async () => {
    const { fs } = createTestFs({})
    const held = await acquireLock(fs, state, noWait)
    // Someone removed our lock by hand and another outfit took the scope since.
    await fs.unlink(lock)
    await fs.symlink(`outfit-lock:${process.pid}:2026-01-01T00:00:00.000Z:ffeeddccbbaa9988`, lock)
    await held.release()
    expect(await fs.readlink(lock)).toContain('ffeeddccbbaa9988')
  })
})

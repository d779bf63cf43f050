// Writes a file the kit owns outright (agents, commands, skills...). Refuses to replace a file outfit did not write,
// or one the user changed since, unless --force; records what was there so rollback and uninstall can restore it.
import { dirname } from 'node:path'
import { ConflictError } from '../errors.js'
import { ensureDir, readSnapshot, snapshotOf, writeAtomic } from '../fs/files.js'
import type { Snapshot } from '../types.js'
import { claimsOn, previousChange } from './claims.js'
import type { ActionContext } from './types.js'

export async function writeOwnedFile(ctx: ActionContext, path: string, data: Uint8Array | string, mode?: number): Promise<void> {
  return ctx.lock.with(path, async () => {
    const current = await readSnapshot(ctx.fs, path)
    const desired = snapshotOf(data, mode)
    const origin = await originOf(ctx, path, current)
    if (current && current.hash === desired.hash) {
      ctx.record({ kind: 'file', path, before: current, after: current, origin })
      return
    }
    if (current && !ctx.force) await assertOurs(ctx, path, current)
    await ensureDir(ctx.fs, dirname(path), (dir) => ctx.record({ kind: 'dir', path: dir }))
    await writeAtomic(ctx.fs, path, desired.data ?? new Uint8Array(), mode)
    ctx.record({ kind: 'file', path, before: current, after: desired, origin })
  })
}

// --- internal ---

/** What uninstall should put back: the state before outfit first wrote this path, whichever tool did. */
async function originOf(ctx: ActionContext, path: string, current: Snapshot | null): Promise<Snapshot | null> {
  const prev = previousChange(ctx, path)
  if (prev && (prev.kind === 'file' || prev.kind === 'edit')) return prev.origin !== undefined ? prev.origin : prev.before
  if (current) {
    for (const claim of await claimsOn(ctx, path)) {
      const c = claim.change
      if (c.kind === 'file' && c.after?.hash === current.hash) return c.origin !== undefined ? c.origin : c.before
    }
  }
  return current
}

async function assertOurs(ctx: ActionContext, path: string, current: Snapshot): Promise<void> {
  const prev = previousChange(ctx, path)
  if (prev && prev.kind === 'file' && prev.after?.hash === current.hash) return
  const claims = await claimsOn(ctx, path)
  if (claims.some((c) => c.change.kind === 'file' && c.change.after?.hash === current.hash)) return
  if (prev) {
    throw new ConflictError(`${path} was changed since outfit installed it`, {
      hint: 'keep your edits by copying them into the kit, or re-run with --force to overwrite (the original is restored on uninstall)',
    })
  }
  throw new ConflictError(`${path} already exists and was not installed by outfit`, {
    hint: 'move it away, or re-run with --force to replace it (it is backed up and restored on uninstall)',
  })
}

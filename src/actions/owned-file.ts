// Writes a file the kit owns outright (agents, commands, skills...). Refuses to replace a file outfit did not write,
// or one the user changed since, unless --force; records what was there so rollback and uninstall can restore it.
import { ConflictError } from '../errors.js'
import { dirname } from 'node:path'
import { createExclusive, hashOnly, readSnapshot, snapshotOf, writeAtomic } from '../fs/files.js'
import type { Snapshot } from '../types.js'
import { claimsOn, previousChange } from './claims.js'
import { ensureParents } from './parents.js'
import type { ActionContext } from './types.js'

export async function writeOwnedFile(
  ctx: ActionContext,
  path: string,
  data: Uint8Array | string,
  mode?: number,
): Promise<void> {
  return ctx.lock.with(path, async () => {
    if (await createdInNewFolder(ctx, path, data, mode)) return
    const current = await readSnapshot(ctx.fs, path)
    const desired = snapshotOf(data, mode)
    // A file several tools read (a skill in .agents/skills) is one file: two tools of the run wanting other content
    // there (an item's per-tool overrides) cannot both be right, and the last writer would silently win.
    const other = ctx.run.written.get(path)
    if (other !== undefined && other !== desired.hash)
      throw new ConflictError(`${path}: another tool of this run writes other content to this shared file`, {
        hint: "the tools that share it read one copy: give each of them the same outfit.overrides for the item (or set the override in the item's own text)",
      })
    let origin = await originOf(ctx, path, current)
    // Tools installing the same file in one run (shared skills folders) share what was there before the first of them.
    if (!ctx.run.origins.has(path)) ctx.run.origins.set(path, origin)
    // Same bytes but another mode than asked (a script installed before its executable bit was kept) is rewritten.
    if (current && current.hash === desired.hash && (mode === undefined || current.mode === mode)) {
      await ensureParents(ctx, path)
      // Unchanged: nothing to roll back, so the record keeps hashes, not bytes (`origin` keeps its own for uninstall).
      const same = hashOnly(current)
      ctx.record({ kind: 'file', path, before: same, after: same, origin })
      return
    }
    if (current && !(await isOurs(ctx, path, current))) {
      if (!ctx.force) throw conflict(ctx, path)
      // --force replaces the user's content: their version becomes what uninstall puts back (it is backed up).
      ctx.log.warn(`replaced your version of ${path}; it is backed up and uninstall puts it back`)
      origin = current
    }
    await ensureParents(ctx, path)
    await writeAtomic(ctx.fs, path, desired.data ?? new Uint8Array(), mode, current)
    ctx.run.written.set(path, desired.hash)
    // What was written is known by its hash (rollback restores `before`); its bytes are not kept for the whole run.
    ctx.record({ kind: 'file', path, before: current, after: hashOnly(desired), origin })
  })
}

// --- internal ---

/**
 * In a folder this run made, nothing was there before the run, and the run has not written this path: the file is
 * created exclusively without looking first (a first install's ~20,000 lookups that find nothing). False, having
 * changed nothing, when something is there after all (another step put it there, or another process): the caller then
 * looks, and decides, as for any other path.
 */
async function createdInNewFolder(
  ctx: ActionContext,
  path: string,
  data: Uint8Array | string,
  mode: number | undefined,
): Promise<boolean> {
  const dir = dirname(path)
  if (ctx.run.written.has(path) || !(ctx.run.madeDirs.has(dir) || ctx.run.madeDirs.has(dirname(dir))))
    return false
  // A folder inside one the run made (a skill's own folder) is made by the run here, unless something else made it.
  await ensureParents(ctx, path)
  if (!ctx.run.madeDirs.has(dir)) return false
  const desired = snapshotOf(data, mode)
  const origin = await originOf(ctx, path, null)
  if (!(await createExclusive(ctx.fs, path, desired.data ?? new Uint8Array(), mode))) return false
  if (!ctx.run.origins.has(path)) ctx.run.origins.set(path, origin)
  ctx.run.written.set(path, desired.hash)
  ctx.record({ kind: 'file', path, before: null, after: hashOnly(desired), origin })
  return true
}

/** What uninstall should put back: the state before outfit first wrote this path, whichever tool did. */
async function originOf(
  ctx: ActionContext,
  path: string,
  current: Snapshot | null,
): Promise<Snapshot | null> {
  const prev = previousChange(ctx, path)
  if (prev && (prev.kind === 'file' || prev.kind === 'edit'))
    return prev.origin !== undefined ? prev.origin : prev.before
  const inRun = ctx.run.origins.get(path)
  if (inRun !== undefined) return inRun
  if (current) {
    for (const claim of await claimsOn(ctx, path)) {
      const c = claim.change
      if (c.kind === 'file' && c.after?.hash === current.hash)
        return c.origin !== undefined ? c.origin : c.before
    }
  }
  return current
}

/** Whether the file holds what outfit (this tool's last install, or another installed tool) wrote there. */
async function isOurs(ctx: ActionContext, path: string, current: Snapshot): Promise<boolean> {
  const prev = previousChange(ctx, path)
  if (prev && prev.kind === 'file' && prev.after?.hash === current.hash) return true
  if (ctx.run.written.get(path) === current.hash) return true
  const claims = await claimsOn(ctx, path)
  return claims.some((c) => c.change.kind === 'file' && c.change.after?.hash === current.hash)
}

function conflict(ctx: ActionContext, path: string): ConflictError {
  if (previousChange(ctx, path)) {
    return new ConflictError(`${path} was changed since outfit installed it`, {
      hint: 'keep your edits by copying them into the kit, or re-run with --force to overwrite (your version is backed up and put back on uninstall)',
    })
  }
  return new ConflictError(`${path} already exists and was not installed by outfit`, {
    hint: 'move it away, or re-run with --force to replace it (it is backed up and put back on uninstall)',
  })
}

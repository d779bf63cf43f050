// Undo of whole files, directories and links that outfit created. A file the user changed since is kept and reported
// (unless --force); a file another installed tool still uses stays.
import { isNotFound } from '../fs/fs.js'
import { readSnapshot, restoreSnapshot } from '../fs/files.js'
import { loadBackup } from '../state/manifest-file.js'
import { forgetHintFor } from '../state/way-out.js'
import type { Change, Kept } from '../types.js'
import { claimsOn } from './claims.js'
import type { ActionContext, InverseAction, UndoMode } from './types.js'

export async function undoFileChange(change: Change, ctx: ActionContext, how: UndoMode): Promise<Kept[]> {
  switch (change.kind) {
    case 'dir':
      await removeEmptyDir(ctx, change.path)
      return []
    case 'link':
    case 'file':
      return ctx.lock.with(change.path, () => undoFile(change, ctx, how))
    case 'edit':
      throw new Error(
        `${change.path}: an edit of a shared file cannot be undone by a file inverse; use the matching un-merge action`,
      )
  }
}

/** Builds an inverse action that undoes file, dir and link changes in reverse order. */
export function fileInverse(name: string, description: string): InverseAction {
  return {
    name,
    description,
    async undo(changes, ctx, how) {
      const kept: Kept[] = []
      const reversed = [...changes].reverse()
      for (let at = 0; at < reversed.length; at += FORESEEN) {
        const chunk = reversed.slice(at, at + FORESEEN)
        // Announced a chunk at a time: their crash journal records share a sync, and hold a chunk's content at most.
        await ctx.fs.willChange?.(chunk.map((c) => c.path))
        for (const change of chunk) kept.push(...(await undoFileChange(change, ctx, how)))
      }
      return { kept }
    },
  }
}

// --- internal ---

/** How many changes are announced to the Fs ahead of their undo (see Foresight in fs/fs.ts). */
const FORESEEN = 64

async function undoFile(
  change: Extract<Change, { kind: 'file' | 'link' }>,
  ctx: ActionContext,
  how: UndoMode,
): Promise<Kept[]> {
  const current = await readSnapshot(ctx.fs, change.path)
  const after = change.kind === 'file' ? change.after : { hash: '' }
  const target =
    how === 'rollback' || change.kind === 'link'
      ? change.before
      : change.origin === undefined
        ? change.before
        : change.origin
  if (change.kind === 'link') {
    const stillOurs =
      current !== null &&
      current.mode === -1 &&
      current.data !== undefined &&
      new TextDecoder().decode(current.data) === change.target
    if (!stillOurs && !ctx.force)
      return current ? [{ path: change.path, reason: 'no longer the link outfit made' }] : []
    await restoreSnapshot(
      ctx.fs,
      change.path,
      target ? await loadBackup(ctx.fs, ctx.stateDir, target, forgetHintFor(ctx)) : null,
    )
    return []
  }
  if ((current?.hash ?? null) === (target?.hash ?? null)) return []
  if (how === 'uninstall' && current) {
    const users = (await claimsOn(ctx, change.path)).filter(
      (c) => c.change.kind === 'file' && c.change.after?.hash === current.hash,
    )
    if (users.length > 0) {
      ctx.log.info(
        `kept ${change.path}: still installed by ${[...new Set(users.map((u) => u.tool))].join(', ')}`,
      )
      return []
    }
  }
  const untouched = (current?.hash ?? null) === (after?.hash ?? null)
  if (!untouched && !ctx.force) {
    return [
      {
        path: change.path,
        reason: current ? 'changed since outfit wrote it' : 'removed since outfit wrote it',
      },
    ]
  }
  await restoreSnapshot(
    ctx.fs,
    change.path,
    target ? await loadBackup(ctx.fs, ctx.stateDir, target, forgetHintFor(ctx)) : null,
  )
  return []
}

async function removeEmptyDir(ctx: ActionContext, path: string): Promise<void> {
  try {
    await ctx.fs.rmdir(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    // Not empty: the user (or another tool) keeps files there, so the directory stays.
    if (isNotFound(error) || code === 'ENOTEMPTY' || code === 'EEXIST') return
    throw error
  }
}

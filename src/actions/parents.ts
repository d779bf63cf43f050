// The folders above a file outfit writes. Folders are removed on uninstall only when empty, so every step that puts
// a file into a folder outfit made (whichever tool or step made it, in this run or an earlier one) records that folder
// too: the last to leave removes it, instead of the first one finding it still in use and nobody removing it later
// (Gemini CLI's .gemini/ stayed behind empty when the kit dropped the commands whose step had made it, and only
// settings.json, written by another step, was left in it).
import { dirname } from 'node:path'
import { isInside } from '../fs/contain.js'
import { ensureDir } from '../fs/files.js'
import { exists } from '../fs/fs.js'
import { claimsOn, previousChanges } from './claims.js'
import type { ActionContext } from './types.js'

export async function ensureParents(ctx: ActionContext, path: string): Promise<void> {
  const made = ctx.run.madeDirs
  const seen = seenThisStep(ctx)
  // Folders that already exist and that outfit made: recorded first, outermost first, so that undo (newest first)
  // removes the file, then the folders this call creates, then these. Once per step: the step's first record of a
  // folder is undone after every file the step put in it, so recording it again for each file adds nothing.
  // The scope's root among them: a system scope's (/etc/codex) is outfit's to make and remove; a home or project never is.
  const ancestors: string[] = []
  for (let dir = dirname(path); isInside(ctx.scope.root, dir); dir = dirname(dir)) {
    ancestors.unshift(dir)
    if (dir === ctx.scope.root) break
  }
  let missing: string[] = []
  for (const [i, dir] of ancestors.entries()) {
    if (seen.has(dir)) continue
    if (!(await exists(ctx.fs, dir))) {
      missing = ancestors.slice(i)
      break
    }
    if (made.has(dir) || madeByLastInstall(ctx, dir) || (await madeByOtherTool(ctx, dir)))
      ctx.record({ kind: 'dir', path: dir })
    seen.add(dir)
  }
  if (seen.has(dirname(path))) return
  const record = (dir: string): void => {
    made.add(dir)
    seen.add(dir)
    ctx.record({ kind: 'dir', path: dir })
  }
  // Folders above the scope's root (a file outside it, or above a root not made yet): recorded the moment each exists,
  // so a failure halfway still leaves a record of the others.
  if (missing.length === 0) {
    await ensureDir(ctx.fs, dirname(path), record)
    seen.add(dirname(path))
    return
  }
  const first = missing[0] as string
  if (first === ancestors[0] && dirname(first) !== first) await ensureDir(ctx.fs, dirname(first), record)
  // The missing ones inside it: claimed for the run and recorded before they are made (undo passes over a folder that
  // is not there), so that a concurrent tool that finds one made meanwhile (mkdir's EEXIST, or it exists by the time
  // it looks) knows it is outfit's and records it too: ~/.config, shared by OpenCode, Kilo Code, Amp and Crush, stayed
  // behind empty when the tool that made it left first and the one that found it made did not record it.
  for (const dir of missing) record(dir)
  await ensureDir(ctx.fs, dirname(path))
}

/**
 * Records a folder a step created some other way (a shared file's, a link's, mkdir's), and tells the other tools of
 * the run that outfit made it, so that each of them that puts a file below records it too (see above).
 */
export function recordMadeDir(ctx: ActionContext, dir: string): void {
  ctx.run.madeDirs.add(dir)
  ctx.record({ kind: 'dir', path: dir })
}

// --- internal ---

/**
 * Folders this step has already seen exist (and recorded, if they are outfit's). A step's `record` is its own
 * function (run-pipeline.ts), so it tells the steps apart.
 */
const seenBySteps = new WeakMap<ActionContext['record'], Set<string>>()

function seenThisStep(ctx: ActionContext): Set<string> {
  let seen = seenBySteps.get(ctx.record)
  if (!seen) seenBySteps.set(ctx.record, (seen = new Set()))
  return seen
}

/** Whether any step of this tool's last install recorded the folder as outfit's. */
function madeByLastInstall(ctx: ActionContext, dir: string): boolean {
  return previousChanges(ctx, dir).some((c) => c.kind === 'dir')
}

async function madeByOtherTool(ctx: ActionContext, dir: string): Promise<boolean> {
  let known = ctx.run.dirClaimedByOthers(ctx.tool.id, dir)
  if (known === undefined) {
    known = (await claimsOn(ctx, dir)).some((c) => c.change.kind === 'dir')
    ctx.run.rememberDirClaim(ctx.tool.id, dir, known)
  }
  return known
}

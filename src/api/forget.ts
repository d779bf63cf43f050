// `outfit forget`: drops outfit's records of the installs in one scope — install manifests, fast-path stamps and, for
// the whole scope, the crash journal — and nothing else. The files those installs wrote stay where they are; with no
// record of them, the next install treats them as the user's (it refuses to overwrite them without --force) and no
// uninstall removes them. It is the way out of every refusal of outfit's state (exit 4): a lost or replaced state
// key, a damaged or foreign manifest or journal. So it needs no key and reads no record: it only lists and removes.
//
// Backups of files outfit replaced (`install --force`) are never removed here: they hold the user's own content, and
// a forgotten install is exactly the case where nothing else can say whether they are still needed.
import { join } from 'node:path'
import { CancelledError, StateError, UsageError } from '../errors.js'
import { isNotFound, type Fs } from '../fs/fs.js'
import { acquireLock, type LockOptions } from '../safety/lock.js'
import { journalRoot } from '../safety/journal.js'
import { scopeStateDir } from '../state/scope-state.js'
import { monorepoFolders, SUBPROJECT_SCOPE, type SubprojectChoice } from './subprojects.js'
import { scopeRoots } from './targets.js'
import { openWorkspace, type WorkspaceRequest } from './workspace.js'

export interface ForgetRequest {
  fs: Fs
  stateHome: string
  scope: string
  /** The folders the scope stands for (the home for global, the project for project). */
  roots: string[]
  /** Only these tools' installs; none: every install of the scope, and the crash journals of its folders. */
  tools?: string[]
  lock?: LockOptions
}

/** What forgetting one scope root drops (paths in the state home), and what it keeps. */
export interface ForgetPlan {
  /** The scope of these records (in a monorepo, a subproject's are in the subproject scope). */
  scope: string
  root: string
  stateDir: string
  /** Install manifests, by tool. */
  installs: { tool: string; file: string }[]
  /** Fast-path stamps of those installs (they only let a re-install skip work). */
  stamps: string[]
  /** Crash journals of interrupted runs in this folder (only when the whole scope is forgotten). */
  journals: string[]
  /** Backups of replaced files that stay. */
  backups: { dir: string; count: number } | null
}

/** Lists what `forget` would drop, changing nothing. */
export async function planForget(request: ForgetRequest): Promise<ForgetPlan[]> {
  const { fs, scope } = request
  const tools = checkNames(request.tools ?? [], 'tool')
  checkNames([scope], 'scope')
  await checkStateHome(fs, request.stateHome)
  const plans: ForgetPlan[] = []
  for (const root of [...new Set(request.roots)]) {
    const { dir } = await scopeStateDir(fs, request.stateHome, root)
    if (!(await isRealDir(fs, dir))) continue
    const mine = (name: string) => {
      const m = /^([a-z][a-z0-9-]*)\.([a-z][a-z0-9-]*)\.json$/.exec(name)
      return m !== null && m[2] === scope && (tools.length === 0 || tools.includes(m[1] ?? ''))
        ? (m[1] ?? '')
        : null
    }
    const installs = (await list(fs, join(dir, 'manifests')))
      .map((name) => ({ tool: mine(name), file: join(dir, 'manifests', name) }))
      .filter((i): i is { tool: string; file: string } => i.tool !== null)
    const stamps = (await list(fs, join(dir, 'stamps')))
      .filter((name) => mine(name) !== null)
      .map((name) => join(dir, 'stamps', name))
    const journals =
      tools.length === 0 ? (await list(fs, journalRoot(dir))).map((run) => join(journalRoot(dir), run)) : []
    const backupNames = await list(fs, join(dir, 'backups'))
    if (installs.length + stamps.length + journals.length === 0) continue
    plans.push({
      scope,
      root,
      stateDir: dir,
      installs,
      stamps,
      journals,
      backups: backupNames.length > 0 ? { dir: join(dir, 'backups'), count: backupNames.length } : null,
    })
  }
  return plans
}

/**
 * Drops what the plans list, under each scope's lock (never while another outfit changes the scope). A record that
 * appeared after the plan was shown is not in it, and stays.
 */
export async function dropRecords(request: ForgetRequest, plans: ForgetPlan[]): Promise<void> {
  const { fs } = request
  for (const plan of plans) {
    const lock = await acquireLock(fs, plan.stateDir, request.lock)
    try {
      // A damaged record may be anything, a folder too: each goes as it is, never followed.
      for (const { file } of plan.installs) await removeTree(fs, file)
      for (const file of plan.stamps) await removeTree(fs, file)
      for (const dir of plan.journals) await removeTree(fs, dir)
      for (const dir of ['manifests', 'stamps', 'journal'])
        await fs.rmdir(join(plan.stateDir, dir)).catch(() => {})
    } finally {
      await lock.release()
    }
    // Nothing left (no other install, no backups): the scope's state folder goes too.
    await fs.rmdir(plan.stateDir).catch(() => {})
  }
}

export interface ForgetScopeRequest extends WorkspaceRequest, SubprojectChoice {
  /** Only these tools' installs (default: every install of the scope, and its crash journals). */
  tools?: string[]
  /** Only list what would be forgotten. */
  dryRun?: boolean
  /** Forget without asking. */
  yes?: boolean
  /** What would be forgotten, before anything is asked or dropped. */
  onPlan?: (plans: ForgetPlan[], scope: string) => void
  /** Asked before forgetting unless `yes`; absent: refuse (forget changes nothing without a yes). Null: cancelled. */
  confirm?: () => Promise<boolean | null>
}

/** `forget`: list a scope's records, then (given a yes) drop them. */
export async function forget(
  request: ForgetScopeRequest,
): Promise<{ scope: string; plans: ForgetPlan[]; forgotten: boolean }> {
  const ctx = await openWorkspace(request)
  const roots = scopeRoots(ctx.all, ctx.scope, ctx)
  const forgetting = {
    fs: ctx.fs,
    stateHome: ctx.stateHome,
    scope: ctx.scope,
    roots: roots.length > 0 ? roots : [ctx.scope === 'global' ? ctx.home : ctx.project],
    tools: request.tools ?? [],
  }
  // A monorepo: the parts install and uninstall act on, each subproject's records in its own scope and folder.
  const mono = await monorepoFolders(request)
  const parts = mono
    ? [
        ...(mono.root !== undefined ? [{ ...forgetting, roots: [mono.root] }] : []),
        ...mono.subprojects.map((s) => ({ ...forgetting, scope: SUBPROJECT_SCOPE, roots: [s.dir] })),
      ]
    : [forgetting]
  const plans: ForgetPlan[] = []
  for (const part of parts) plans.push(...(await planForget(part)))
  request.onPlan?.(plans, ctx.scope)
  let go = plans.length > 0 && !request.dryRun
  if (go && !request.yes) {
    if (!request.confirm)
      throw new UsageError('outfit forget changes nothing without a yes', {
        hint: 'run it again with --yes to forget what is listed above (or --dry-run to only list it)',
      })
    const answer = await request.confirm()
    if (answer === null) throw new CancelledError('interrupted at the question; nothing was changed')
    go = answer
  }
  if (go) await dropRecords(forgetting, plans)
  return { scope: ctx.scope, plans, forgotten: go }
}

// --- internal ---

function checkNames(names: string[], what: string): string[] {
  for (const name of names)
    if (!/^[a-z][a-z0-9-]*$/.test(name))
      throw new UsageError(`'${name}' is not a ${what} name`, {
        hint: `${what} names are lowercase letters, digits and dashes`,
      })
  return names
}

/** The state home must be a real folder: a link there could lead forget to remove files elsewhere. */
async function checkStateHome(fs: Fs, stateHome: string): Promise<void> {
  try {
    if ((await fs.lstat(stateHome)).isDirectory()) return
  } catch (error) {
    if (isNotFound(error)) return
    throw error
  }
  throw new StateError(`outfit's state folder ${stateHome} is not a folder (a symlink or a file)`, {
    hint: `move it away (mv '${stateHome}' '${stateHome}.old'); outfit makes a new one, and the installs it recorded count as yours`,
  })
}

async function isRealDir(fs: Fs, path: string): Promise<boolean> {
  try {
    return (await fs.lstat(path)).isDirectory()
  } catch (error) {
    if (isNotFound(error)) return false
    throw error
  }
}

async function list(fs: Fs, dir: string): Promise<string[]> {
  if (!(await isRealDir(fs, dir))) return []
  return ((await fs.readdir(dir)) as string[]).sort()
}

async function unlinkIfThere(fs: Fs, path: string): Promise<void> {
  try {
    await fs.unlink(path)
  } catch (error) {
    if (!isNotFound(error)) throw error
  }
}

/** Removes a folder and what it holds, never following a link (a link is removed as itself). */
async function removeTree(fs: Fs, path: string): Promise<void> {
  let st
  try {
    st = await fs.lstat(path)
  } catch (error) {
    if (isNotFound(error)) return
    throw error
  }
  if (!st.isDirectory()) return unlinkIfThere(fs, path)
  for (const name of (await fs.readdir(path)) as string[]) await removeTree(fs, join(path, name))
  await fs.rmdir(path)
}

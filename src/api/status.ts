// status: per tool, whether it is detected, what outfit installed there (kit and version), and what drifted since:
// files changed or deleted, merged keys changed, owned blocks edited.
import { join } from 'node:path'
import type { Fs } from '../fs/fs.js'
import { LOCK_FILE, readLock, type Lockfile } from '../lock/lock-file.js'
import { decodeUtf8, readSnapshot } from '../fs/files.js'
import { deepEqual } from '../formats/deep-equal.js'
import { getAt } from '../formats/json-edit.js'
import { findBlock, type BlockRef, type BlockValue, type CommentStyle } from '../formats/marked-block.js'
import { buildPipeline } from '../pipeline/build-pipeline.js'
import { manifestMemo, readManifest } from '../state/manifest-file.js'
import { blockTag, openScopeState, type ScopeState } from '../state/scope-state.js'
import { baseVars, stateHomeOf } from '../run/run-tools.js'
import type { Change, LoadedTarget } from '../types.js'
import { detectTool, pickTargets, scopeRoots } from './targets.js'
import { acrossSubprojects, type SubprojectChoice, type WithSubprojects } from './subprojects.js'
import { openWorkspace, type WorkspaceRequest } from './workspace.js'
import { cachedStamp, createdByOutfit, type StampCache } from './detect.js'
import { allAsStamped, statsAsStamped } from '../run/fast-path.js'

export interface Drift {
  path: string
  problem: 'changed' | 'missing'
}

export interface ToolStatus {
  tool: string
  name: string
  scope: string
  detected: boolean
  installed: { kit: string; version: string; installedAt: string } | null
  drift: Drift[]
}

/** Per tool of the scope: detected, installed kit, drift (the drift reader behind `status` and tool choice). */
export async function toolStatus(request: {
  fs: Fs
  targets: LoadedTarget[]
  scope: string
  home: string
  project: string
  sysroot?: string
  stateHome?: string
}): Promise<ToolStatus[]> {
  const base = baseVars(request)
  const stateHome = stateHomeOf(request)
  // What outfit itself created does not count as "detected"; read from every manifest once, not once per tool.
  // One memo for the run: each manifest's text is parsed and unsealed once (for detection, then for drift).
  const memo = manifestMemo()
  const stamps: StampCache = new Map()
  const created = await createdByOutfit(request.fs, { ...base, stateHome }, memo, stamps)
  // Every tool of a scope shares its root: its state (and the key) is opened once.
  const states = new Map<string, Promise<ScopeState | null>>()
  const stateOf = (root: string) =>
    states.get(root) ??
    states.set(root, openScopeState(request.fs, stateHome, root, { create: false })).get(root)
  return Promise.all(
    request.targets
      .filter((t) => Object.hasOwn(t.spec.scopes, request.scope))
      .map(async (target): Promise<ToolStatus> => {
        const { scope, areas } = buildPipeline(target.spec, request.scope, base)
        // Read-only: no key yet means outfit never wrote state for this user, so nothing is installed.
        const state = await stateOf(scope.root)
        const detected = () => detectTool(request.fs, target, { ...base, stateHome }, undefined, created)
        // A stamp vouches for the manifest it was written with (the manifest stats as recorded). A file or link the
        // tool alone owns that still stats exactly as the stamp of its last clean install recorded it (size, mtime and
        // ctime in ns, inode, mode: an edit changes ctime even when size and mtime are kept) has the content that
        // install wrote, so it is not read and hashed. When every recorded path does — shared files with merged keys
        // and blocks among them — nothing drifted, and the manifest itself (megabytes for a large kit) is not read.
        const stamp = state
          ? await cachedStamp(request.fs, state, target.spec.id, scope.name, stamps)
          : undefined
        if (stamp?.installed && (await allAsStamped(request.fs, stamp.files)))
          return {
            tool: target.spec.id,
            name: target.spec.name,
            scope: scope.name,
            detected: await detected(),
            installed: stamp.installed,
            drift: [],
          }
        const manifest = state
          ? await readManifest(request.fs, state, target.spec.id, scope.name, areas, memo)
          : null
        const stamped = manifest ? stamp?.files : undefined
        const drift: Drift[] = []
        for (const step of manifest?.steps ?? []) {
          for (const change of step.changes) {
            if (
              stamped &&
              (change.kind === 'file' || change.kind === 'link') &&
              (await statsAsStamped(request.fs, stamped, change.path))
            )
              continue
            drift.push(...(await driftOf(request.fs, change, (id) => blockTag(state as ScopeState, id))))
          }
        }
        return {
          tool: target.spec.id,
          name: target.spec.name,
          scope: scope.name,
          detected: await detected(),
          installed: manifest
            ? { kit: manifest.kit.name, version: manifest.kit.version, installedAt: manifest.installedAt }
            : null,
          drift,
        }
      }),
  )
}

/**
 * The scope roots where an interrupted run left a crash journal. status reads without the lock and changes nothing, so
 * it does not recover; it says so instead, since what it shows there may be half of an install.
 */
export async function interruptedRuns(fs: Fs, stateHome: string, roots: string[]): Promise<string[]> {
  const out: string[] = []
  for (const root of [...new Set(roots)]) {
    const state = await openScopeState(fs, stateHome, root, { create: false }).catch(() => null)
    if (!state) continue
    try {
      if (((await fs.readdir(join(state.dir, 'journal'))) as string[]).length > 0) out.push(root)
    } catch {
      // No journal folder: nothing was interrupted.
    }
  }
  return out
}

export interface StatusRequest extends WorkspaceRequest, SubprojectChoice {
  /** Only these tools (default: every known tool with the scope). */
  tools?: string[]
}

export interface StatusResult {
  scope: string
  /** The folders the scope stands for across the tools (what is being described). */
  roots: string[]
  rows: ToolStatus[]
  /** Folders where an outfit run was interrupted: what is shown may be partial until it is recovered. */
  interrupted: string[]
  /** What the project's outfit.lock pins (for fleets: which kit version this machine is meant to have). */
  lock?: LockSummary
}

export interface LockSummary {
  file: string
  kits: Lockfile['kits']
  mcp?: Record<string, string>
}

/** `status`: what outfit installed in a scope, tool by tool, and what drifted since. */
export async function status(request: StatusRequest): Promise<WithSubprojects<StatusResult>> {
  return acrossSubprojects(request, statusOne)
}

async function statusOne(request: StatusRequest): Promise<StatusResult> {
  const ctx = await openWorkspace(request)
  const targets = request.tools && request.tools.length > 0 ? pickTargets(ctx.all, request.tools) : ctx.all
  const rows = await toolStatus({ ...ctx, targets })
  const interrupted = await interruptedRuns(
    ctx.fs,
    ctx.stateHome,
    rows.length > 0
      ? [
          ctx.scope === 'global' ? ctx.home : ctx.project,
          ctx.home,
          ctx.project,
          ...scopeRoots(targets, ctx.scope, ctx),
        ]
      : [],
  )
  const lockFile = join(ctx.config?.dir ?? ctx.project, LOCK_FILE)
  const lock = ctx.scope === 'global' || ctx.scope === 'system' ? undefined : await readLock(lockFile)
  return {
    scope: ctx.scope,
    roots: scopeRoots(targets, ctx.scope, ctx),
    rows,
    interrupted,
    ...(lock ? { lock: summarize(lockFile, lock) } : {}),
  }
}

// --- internal ---

function summarize(file: string, lock: Lockfile): LockSummary {
  const servers = Object.entries(lock.mcp ?? {})
  return {
    file,
    kits: lock.kits,
    ...(servers.length > 0
      ? { mcp: Object.fromEntries(servers.map(([n, s]) => [n, `${s.name}@${s.version}`])) }
      : {}),
  }
}

async function driftOf(fs: Fs, change: Change, tagOf: (id: string) => string): Promise<Drift[]> {
  if (change.kind === 'dir') return []
  const current = await readSnapshot(fs, change.path)
  if (change.kind === 'link')
    return current?.mode === -1 ? [] : [{ path: change.path, problem: current ? 'changed' : 'missing' }]
  if (change.kind === 'file') {
    if (change.after === null) return []
    if (!current) return [{ path: change.path, problem: 'missing' }]
    return current.hash === change.after.hash ? [] : [{ path: change.path, problem: 'changed' }]
  }
  if (!current?.data) return change.owned.length > 0 ? [{ path: change.path, problem: 'missing' }] : []
  if (current.hash === change.after?.hash) return []
  const text = decodeUtf8(current.data, change.path)
  const out: Drift[] = []
  for (const key of change.owned) {
    if (key.container) continue
    if (change.format === 'json') {
      const at = getAt(text, key.path)
      const ok = key.append
        ? Array.isArray(at.value) && at.value.some((v) => deepEqual(v, key.value))
        : at.found && deepEqual(at.value, key.value)
      if (!ok)
        out.push({
          path: `${change.path} › ${key.path.join('.')}`,
          problem: at.found ? 'changed' : 'missing',
        })
    } else {
      const [id, style] = key.path as [string, CommentStyle]
      const block = safeFindBlock(text, { id, tag: tagOf(id), style })
      if (!block) out.push({ path: `${change.path} › block ${id}`, problem: 'missing' })
      else if (block.content !== (key.value as BlockValue).content.replace(/\n+$/, ''))
        out.push({ path: `${change.path} › block ${id}`, problem: 'changed' })
    }
  }
  return out
}

function safeFindBlock(text: string, ref: BlockRef): ReturnType<typeof findBlock> {
  try {
    return findBlock(text, ref)
  } catch {
    // A block whose end marker was deleted has certainly drifted.
    return null
  }
}

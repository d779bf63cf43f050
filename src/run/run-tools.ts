// The engine's entry: install a loaded kit into chosen targets, or uninstall them. Builds one pipeline per tool and
// runs them all concurrently, fail-fast, under the scope's lock and crash journal, returning a report. Where the kit
// comes from (sources, lock, trust) is the install use case's job (api/install.ts), not this one's.
import { resolve } from 'node:path'
import { UsageError } from '../errors.js'
import type { Fs } from '../fs/fs.js'
import { buildPipeline, type BaseVars } from '../pipeline/build-pipeline.js'
import { checkWritable, makeSystemFolders } from './system-folders.js'
import type { Pipeline } from '../pipeline/types.js'
import { guardRun, type GuardOptions } from '../safety/guard-run.js'
import type { Recovered } from '../safety/journal.js'
import { runPipeline } from '../pipeline/run-pipeline.js'
import { runAll } from './run-all.js'
import { collectGarbage } from '../state/collect-garbage.js'
import { defaultStateHome, openScopeState, type ScopeState } from '../state/scope-state.js'
import { uninstallTool } from './uninstall-tool.js'
import type { Dropped, Kit, LoadedTarget, RunReport, ToolResult } from '../types.js'
import { dropStamp, inputsOf, isUnchanged, kitDigest, unchangedResult, writeStamp } from './fast-path.js'
import { manifestPath, readManifest, type ManifestFile } from '../state/manifest-file.js'
import { gitIgnoreMode, type GitIgnoreQuestion } from './git-ignore-choice.js'
import { checkIgnoreFile, ignoreFile, syncIgnore, type GitIgnoreMode } from './git-ignore.js'
import { version } from '../version.js'

export interface RunRequest {
  fs: Fs
  targets: LoadedTarget[]
  scope: string
  home: string
  project: string
  /** `--root`: the folder a system scope's paths go under (default: the real root). */
  sysroot?: string
  force?: boolean
  signal?: AbortSignal
  concurrency?: number
  onToolDone?: (result: ToolResult) => void
  onStep?: (tool: string, step: string, index: number, total: number) => void
  /** Where outfit keeps its state (default: `<home>/.local/state/outfit`); never inside a scope it describes. */
  stateHome?: string
  /** Lock and crash-journal options (tests). */
  safety?: GuardOptions
  /** The environment to check `${VAR}` references of MCP servers against (default: process.env). */
  env?: Readonly<Record<string, string | undefined>>
  /** Keep the files outfit installed in the project out of git: a block in .gitignore or .git/info/exclude. */
  gitignore?: GitIgnoreMode
  /** Asked on the first install into a git project when the config does not say `gitignore:` (a terminal). */
  askGitignore?: GitIgnoreQuestion
  /** A monorepo subproject's run: the repository's root, whose remembered gitignore answer it follows. */
  gitRoot?: string
}

/** The engine installs a kit already loaded and checked (fetched, merged: see api/kits.ts; a folder: requireKit). */
export async function installTools(request: RunRequest & { kit: Kit }): Promise<RunReport> {
  checkScopes(request)
  const { kit } = request
  // Registry servers need the network and outfit.lock: prepareKits (api/kits.ts) resolves them; never drop them here.
  if (kit.registry?.length)
    throw new UsageError(
      `the kit names MCP server${kit.registry.length > 1 ? 's' : ''} ${kit.registry.map((r) => `'${r.kitName}'`).join(', ')} by registry, which this install cannot resolve`,
      { hint: 'install it with outfit install, which resolves and locks them' },
    )
  return execute('install', request, kit)
}

export async function uninstallTools(request: RunRequest): Promise<RunReport> {
  // Uninstall works from the manifests alone; the kit is only named for variables in logs.
  const kit: Kit = { dir: request.project, name: '', version: '', mcp: [], hooks: [], files: [] }
  return execute('uninstall', request, kit)
}

/** The folders `{{home}}`, `{{project}}` and `{{sysroot}}` stand for in a request. */
export function baseVars(request: { home: string; project: string; sysroot?: string }): BaseVars {
  return {
    home: resolve(request.home),
    project: resolve(request.project),
    ...(request.sysroot !== undefined ? { sysroot: resolve(request.sysroot) } : {}),
  }
}

/** The state home a request uses. */
export function stateHomeOf(request: { home: string; stateHome?: string }): string {
  return resolve(request.stateHome ?? defaultStateHome(resolve(request.home)))
}

/** The state of every scope root the pipelines touch, keyed by root (made, with the user's key, if missing). */
export async function scopeStates(
  request: RunRequest,
  pipelines: Pipeline[],
): Promise<Map<string, ScopeState>> {
  const states = new Map<string, ScopeState>()
  for (const root of new Set(pipelines.map((p) => p.scope.root))) {
    states.set(
      root,
      (await openScopeState(request.fs, stateHomeOf(request), root, { create: true })) as ScopeState,
    )
  }
  return states
}

/** Every selected tool must have the requested scope; checked before anything is read, fetched or written. */
export function checkScopes(request: Pick<RunRequest, 'targets' | 'scope'>): void {
  if (request.targets.length === 0) throw new UsageError('no tools selected')
  const unsupported = request.targets.filter((t) => !Object.hasOwn(t.spec.scopes, request.scope))
  if (unsupported.length > 0) throw missingScope(unsupported, request.scope)
}

/** Tools without the scope asked for: which, what they have instead, and for `system` what that means. */
export function missingScope(unsupported: LoadedTarget[], scope: string): UsageError {
  const names = unsupported.map((t) => t.spec.name).join(', ')
  const has = unsupported.length > 1 ? 'have' : 'has'
  // A tool without a system scope reads no machine-wide file that outfit knows of (its target cites where it looked).
  const why =
    scope === 'system'
      ? ': no machine-wide, managed location that its users cannot override is known for it, so outfit cannot install there'
      : ''
  return new UsageError(`${names} ${has} no '${scope}' scope${why}`, {
    hint: `${unsupported.map((t) => `${t.spec.id}: ${Object.keys(t.spec.scopes).join(', ')}`).join('; ')}${scope === 'system' ? ' (outfit list shows which tools have a system scope)' : ''}`,
  })
}

// --- internal ---

async function execute(command: RunReport['command'], request: RunRequest, kit: Kit): Promise<RunReport> {
  checkScopes(request)
  const base = baseVars(request)
  const pipelines = request.targets.map((t) => buildPipeline(t.spec, request.scope, base))
  // Machine-wide folders need an administrator: refused here, before outfit's state or any tool's file is touched.
  if (request.scope === 'system') {
    const roots = pipelines.map((p) => p.scope.root)
    await checkWritable(request.fs, [stateHomeOf(request), ...roots])
    await makeSystemFolders(request.fs, roots)
  }
  const states = await scopeStates(request, pipelines)
  const projectState = states.get(base.project)
  const gitignore = projectState
    ? await gitIgnoreMode(request.fs, projectState, base.project, {
        configured: request.gitignore,
        ask: command === 'install' ? request.askGitignore : undefined,
        ...(request.gitRoot !== undefined
          ? { repository: { dir: resolve(request.gitRoot), stateHome: stateHomeOf(request) } }
          : {}),
        ...(request.signal ? { signal: request.signal } : {}),
      })
    : 'none'
  // A .gitignore outfit may not write is refused before anything changes, not after every tool has run.
  if (projectState && gitignore !== 'none') {
    const file = await ignoreFile(request.fs, base.project, gitignore)
    if (file) await checkIgnoreFile(request.fs, file)
  }
  // Lock, recover what a crashed run left, journal every change; keep the journal only if a rollback failed.
  return guardRun(
    request.fs,
    [...states.values()],
    async (fs, recovered) => {
      const report = await runPipelines(command, { ...request, fs }, kit, pipelines, base, recovered, states)
      if (!projectState || report.results.every((r) => r.status === 'unchanged')) return report
      // Derived from the manifests as they now are; a failure here is told, and changes nothing the tools did.
      const note = await syncIgnore(fs, projectState, base.project, gitignore).catch(
        (error: unknown) => `! the ignore block was not updated: ${(error as Error).message}`,
      )
      return note ? { ...report, notes: [note] } : report
    },
    (report) => report.results.every((r) => r.rollbackErrors.length === 0),
    request.safety ?? {},
  )
}

async function runPipelines(
  command: RunReport['command'],
  request: RunRequest,
  kit: Kit,
  pipelines: Pipeline[],
  base: BaseVars,
  recovered: Recovered[],
  states: Map<string, ScopeState>,
): Promise<RunReport> {
  // A tool whose last clean install had the same inputs, over an unchanged tree, is not run again (fast-path.ts).
  // --force runs every tool, but still computes the inputs: a forced install that ends cleanly is stamped like any.
  const fast =
    command === 'install'
      ? await fastPath(request, kit, pipelines, base, states, !request.force).catch(() => undefined)
      : undefined
  const skipped = new Map<Pipeline, ToolResult>()
  for (const pipeline of pipelines)
    if (fast?.unchanged.has(pipeline))
      skipped.set(
        pipeline,
        unchangedResult(pipeline, fast?.stamps.get(pipeline) ?? { dropped: [], warnings: [] }),
      )
  for (const result of skipped.values()) request.onToolDone?.(result)
  const {
    results: ran,
    cancelled,
    manifests,
  } = await runAll(
    pipelines.filter((p) => !skipped.has(p)),
    {
      runTools: pipelines.map((p) => p.tool.id),
      fs: request.fs,
      kit,
      ...base,
      force: request.force ?? false,
      ...(request.signal ? { signal: request.signal } : {}),
      ...(request.concurrency ? { concurrency: request.concurrency } : {}),
      ...(request.onToolDone ? { onToolDone: request.onToolDone } : {}),
      ...(request.onStep ? { onStep: request.onStep } : {}),
      stateFor: (pipeline) => states.get(pipeline.scope.root) as ScopeState,
      // Uninstalling Codex and OpenCode together must remove their shared AGENTS.md block, not leave it to each other.
      ...(command === 'uninstall'
        ? { leaving: new Set(pipelines.map((p) => `${p.tool.id}.${p.scope.name}`)) }
        : {}),
      ...(request.env ? { env: request.env } : {}),
      runner:
        command === 'install'
          ? (p, ctx) => runPipeline(p, ctx, request.onStep ? { onStep: request.onStep } : {})
          : uninstallTool,
    },
  )
  const results = pipelines.map(
    (p) =>
      skipped.get(p) ?? (ran.find((r) => r.tool === p.tool.id && r.scope === p.scope.name) as ToolResult),
  )
  await updateStamps(command, request, kit, pipelines, results, base, states, fast, manifests)
  if (command === 'install' && results.some((r) => r.status === 'failed' || r.status === 'cancelled')) {
    // Backups are shared between tools and not undone step by step: once every rollback has settled, drop those that
    // no manifest refers to, so that a rolled-back install leaves outfit's state folder as it found it.
    // Best effort: an unreferenced backup is harmless, and must not hide the report of what failed.
    for (const state of states.values()) await collectGarbage(request.fs, state).catch(() => {})
  }
  return { command, results, cancelled, recovered }
}

/**
 * The tools an install of `request` would skip as unchanged (the fast path), found without writing anything (no state
 * folder is created): `plan` reports them as install would, instead of simulating each file of a large kit.
 */
export async function provenUnchanged(request: RunRequest & { kit: Kit }): Promise<Map<string, ToolResult>> {
  const out = new Map<string, ToolResult>()
  if (request.force) return out
  const base = baseVars(request)
  const targets = request.targets.filter((t) => Object.hasOwn(t.spec.scopes, request.scope))
  const pipelines = targets.map((t) => buildPipeline(t.spec, request.scope, base))
  const states = new Map<string, ScopeState>()
  for (const root of new Set(pipelines.map((p) => p.scope.root))) {
    const state = await openScopeState(request.fs, stateHomeOf(request), root, { create: false }).catch(
      () => null,
    )
    // No state for one of the roots: nothing was installed there, and the full plan says what would be.
    if (!state) return out
    states.set(root, state)
  }
  const fast = await fastPath({ ...request, targets }, request.kit, pipelines, base, states).catch(
    () => undefined,
  )
  for (const pipeline of fast?.unchanged ?? [])
    out.set(
      pipeline.tool.id,
      unchangedResult(pipeline, fast?.stamps.get(pipeline) ?? { dropped: [], warnings: [] }),
    )
  return out
}

/** Which tools the fast path proves unchanged, with the inputs digest of each tool (for its next stamp). */
async function fastPath(
  request: RunRequest,
  kit: Kit,
  pipelines: Pipeline[],
  base: BaseVars,
  states: Map<string, ScopeState>,
  prove = true,
) {
  const kitHash = await kitDigest(request.fs, kit, request.env ?? process.env)
  const inputs = new Map<Pipeline, string>()
  const unchanged = new Set<Pipeline>()
  const stamps = new Map<Pipeline, { dropped: Dropped[]; warnings: string[] }>()
  const runTools = pipelines.map((p) => p.tool.id)
  for (const [i, pipeline] of pipelines.entries()) {
    const spec = request.targets[i]?.spec
    if (!spec) continue
    const digest = inputsOf(kitHash, spec, pipeline, base, version)
    inputs.set(pipeline, digest)
    if (!prove) continue
    const stamped = await isUnchanged(
      request.fs,
      states.get(pipeline.scope.root) as ScopeState,
      pipeline,
      kit,
      digest,
      base,
      runTools,
    )
    if (stamped) {
      unchanged.add(pipeline)
      stamps.set(pipeline, stamped)
    }
  }
  return { inputs, unchanged, stamps }
}

/**
 * After a run: a stamp for every tool of an install that ended cleanly for all of them (no failure, nothing kept, no
 * warning), none for any other outcome, and none for what was uninstalled. Best effort: a missing stamp only means
 * the next install takes the full path.
 */
async function updateStamps(
  command: RunReport['command'],
  request: RunRequest,
  kit: Kit,
  pipelines: Pipeline[],
  results: ToolResult[],
  base: BaseVars,
  states: Map<string, ScopeState>,
  fast: { inputs: Map<Pipeline, string>; unchanged: Set<Pipeline> } | undefined,
  manifests: ReadonlyMap<string, ManifestFile>,
): Promise<void> {
  // Warnings are replayed from the stamp: what they depend on is in it (kit, target, set variables, companions).
  // Not those about the user's own files (kept, replaced): they depend on files the stamp does not describe.
  const stateWarning = (text: string) => /^(kept |replaced your )/.test(text)
  const clean =
    command === 'install' &&
    fast !== undefined &&
    results.every(
      (r) =>
        (r.status === 'installed' || r.status === 'updated' || r.status === 'unchanged') &&
        r.kept.length === 0 &&
        !r.log.some((e) => e.level === 'error' || (e.level === 'warn' && stateWarning(e.text))),
    )
  for (const pipeline of pipelines) {
    // A tool the fast path skipped keeps its stamp (a shared file another tool changed since shows in its stat).
    if (clean && fast?.unchanged.has(pipeline)) continue
    const state = states.get(pipeline.scope.root) as ScopeState
    const inputs = fast?.inputs.get(pipeline)
    try {
      // The manifest the tool's last step just wrote (or found up to date), as it wrote it: not read back and checked.
      const manifest =
        clean && inputs
          ? (manifests.get(manifestPath(state.dir, pipeline.tool.id, pipeline.scope.name)) ??
            (await readManifest(request.fs, state, pipeline.tool.id, pipeline.scope.name, pipeline.areas)))
          : null
      const result = results[pipelines.indexOf(pipeline)]
      if (manifest && inputs && result)
        await writeStamp(
          request.fs,
          state,
          pipeline,
          kit,
          inputs,
          manifest,
          base,
          result,
          pipelines.map((p) => p.tool.id),
        )
      else await dropStamp(request.fs, state, pipeline.tool.id, pipeline.scope.name)
    } catch {
      await dropStamp(request.fs, state, pipeline.tool.id, pipeline.scope.name).catch(() => {})
    }
  }
}

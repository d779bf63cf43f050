// Runs one pipeline per tool concurrently through p-all, fail-fast: the first failure aborts a shared controller,
// the others stop at their next step boundary and roll back. Resolves only after every pipeline, rollbacks included,
// has settled, and prints each tool's log as one block as soon as that tool finishes.
import pAll from 'p-all'
import { RunState } from '../actions/run-state.js'
import type { ActionContext } from '../actions/types.js'
import type { Fs } from '../fs/fs.js'
import { PathLock } from '../fs/path-lock.js'
import type { Pipeline } from '../pipeline/types.js'
import { CancelledError, OutfitError } from '../errors.js'
import type { Kit, ToolResult } from '../types.js'
import {
  manifestMemo,
  readManifest,
  readOtherManifests,
  type ManifestFile,
  type ManifestMemo,
} from '../state/manifest-file.js'
import type { ScopeState } from '../state/scope-state.js'
import { runVariables } from './run-variables.js'
import { ToolLog } from '../actions/tool-log.js'
import { shareCheckedFiles } from '../actions/kit-file.js'
import { kitForTool } from '../transforms/targeting.js'

export interface RunOptions {
  fs: Fs
  /** Every tool of the run, when some are not run here (the fast path proved them unchanged); default: the pipelines'. */
  runTools?: string[]
  kit: Kit
  home: string
  project: string
  force?: boolean
  /** Outer cancellation (Ctrl-C). */
  signal?: AbortSignal
  /** Default: one slot per pipeline. */
  concurrency?: number
  /** Called once per tool, as soon as its pipeline (and rollback) has finished. */
  onToolDone?: (result: ToolResult) => void
  onStep?: (tool: string, step: string, index: number, total: number) => void
  /**
   * The installs this run uninstalls (`tool.scope`): their claims on shared files do not keep content for each other.
   * By tool and scope: with the project folder at the home, the same tool's other scope still claims its files.
   */
  leaving?: ReadonlySet<string>
  /** The state (manifests, backups, key) of the pipeline's scope root. */
  stateFor: (pipeline: Pipeline) => ScopeState
  /** Checked for the variables MCP servers reference (default: process.env). */
  env?: Readonly<Record<string, string | undefined>>
  /** Runs a pipeline; tests substitute their own. Defaults to the install runner. */
  runner: (pipeline: Pipeline, ctx: ActionContext) => Promise<ToolResult>
}

export async function runAll(
  pipelines: Pipeline[],
  options: RunOptions,
): Promise<{ results: ToolResult[]; cancelled: boolean; manifests: RunState['manifests'] }> {
  const controller = new AbortController()
  const outer = options.signal
  const onOuterAbort = () => controller.abort(outer?.reason ?? new CancelledError('interrupted'))
  if (outer?.aborted) onOuterAbort()
  else outer?.addEventListener('abort', onOuterAbort, { once: true })
  const lock = new PathLock()
  const shared = new RunState(options.runTools ?? pipelines.map((p) => p.tool.id))
  const memo = manifestMemo()

  const tasks = pipelines.map((pipeline) => async (): Promise<ToolResult> => {
    const ctx = contextFor(pipeline, options, controller.signal, lock, shared, memo)
    let result: ToolResult
    try {
      // A manifest that cannot be trusted fails its tool before any step runs: never "nothing installed".
      ctx.previous = await readManifest(
        ctx.fs,
        ctx.state,
        pipeline.tool.id,
        pipeline.scope.name,
        pipeline.areas,
        memo,
      )
      result = await options.runner(pipeline, ctx)
    } catch (error) {
      // A runner must not reject; if one does anyway, it is reported like a failed step rather than lost.
      result = crashed(pipeline, ctx.log, error)
    }
    if (result.status === 'failed' && !controller.signal.aborted)
      controller.abort(new CancelledError(`${pipeline.tool.name} failed`))
    options.onToolDone?.(result)
    return result
  })

  try {
    // Tasks never reject, so p-all resolves only once every pipeline has settled, rollbacks included.
    const results = await pAll(tasks, { concurrency: options.concurrency ?? Math.max(1, pipelines.length) })
    return { results, cancelled: outer?.aborted ?? false, manifests: shared.manifests }
  } finally {
    outer?.removeEventListener('abort', onOuterAbort)
  }
}

// --- internal ---

function contextFor(
  pipeline: Pipeline,
  options: RunOptions,
  signal: AbortSignal,
  lock: PathLock,
  shared: RunState,
  memo: ManifestMemo,
): ActionContext {
  const { fs } = options
  // The kit as this tool gets it: the items whose `outfit.tools` leave it out are not there at all.
  const kit = shareCheckedFiles(options.kit, kitForTool(options.kit, pipeline.tool.id))
  const scope = pipeline.scope
  const state = options.stateFor(pipeline)
  const log = new ToolLog()
  let others: Promise<ManifestFile[]> | undefined
  return {
    fs,
    signal,
    log,
    kit,
    serverOrder: options.kit.mcp.map((s) => s.name),
    tool: pipeline.tool,
    scope,
    lock,
    run: shared,
    force: options.force ?? false,
    previous: null,
    completed: [],
    state,
    stateDir: state.dir,
    record: () => {},
    env: options.env ?? process.env,
    others: () =>
      (others ??= readOtherManifests(fs, state, pipeline.tool.id, scope.name, memo).then((all) =>
        all.filter((m) => !options.leaving?.has(`${m.tool}.${m.scope}`)),
      )),
    vars: runVariables(pipeline, kit, options),
  }
}

function crashed(pipeline: Pipeline, log: ToolLog, error: unknown): ToolResult {
  const err = error instanceof Error ? error : new Error(String(error))
  log.error(err instanceof OutfitError ? err.message : `internal error: ${err.message}`)
  if (err instanceof OutfitError && err.hint) log.info(`→ ${err.hint}`)
  return {
    tool: pipeline.tool.id,
    name: pipeline.tool.name,
    scope: pipeline.scope.name,
    status: 'failed',
    steps: [],
    failure: { step: '(runner)', error: err },
    rollbackErrors: [],
    kept: [],
    dropped: log.dropped,
    log: log.entries,
    written: 0,
  }
}

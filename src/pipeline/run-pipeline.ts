// Runs one tool's pipeline: checks the signal before every step, skips steps whose guard says so, and on failure or
// abort unwinds the completed steps in reverse. Never rejects: the outcome is data.
import { CancelledError, StepFailedError, describeCause } from '../errors.js'
import { exists } from '../fs/fs.js'
import { isRealChange } from '../actions/manifest.js'
import type { ActionContext } from '../actions/types.js'
import type { Change, Kept, StepOutcome, ToolResult } from '../types.js'
import { interpolate } from '../vars/interpolate.js'
import type { Pipeline, Step } from './types.js'
import { reportOverlaps, reportUnsupported } from './report-unsupported.js'
import { UndoStack } from './undo-stack.js'
import { matcher } from '../glob.js'

export interface PipelineEvents {
  /** A step starts (no `items`), or a long step reports how many of its items are done. */
  onStep?: (
    tool: string,
    step: string,
    index: number,
    total: number,
    items?: { done: number; total: number },
  ) => void
}

export async function runPipeline(
  pipeline: Pipeline,
  ctx: ActionContext,
  events: PipelineEvents = {},
): Promise<ToolResult> {
  const { log, signal } = ctx
  const completed: { step: string; action: string; inverse: string; changes: Change[] }[] = []
  const outcomes: StepOutcome[] = []
  const undo = new UndoStack()
  const kept: Kept[] = []
  let failure: ToolResult['failure']
  const stepCtx: ActionContext = { ...ctx, completed }
  reportUnsupported(pipeline.unsupported ?? [], ctx)
  // A discontinued tool still gets the kit (its users' files exist), with a word on what happened to it.
  const eol = pipeline.endOfLife
  if (eol) ctx.log.warn(`${ctx.tool.name} reached end of life on ${eol.since}: ${eol.note}`)
  await reportOverlaps(pipeline.alsoReads ?? [], ctx)

  for (const [index, step] of pipeline.steps.entries()) {
    if (signal.aborted) {
      failure = { step: step.name, error: new CancelledError(`cancelled before '${step.name}'`) }
      break
    }
    events.onStep?.(pipeline.tool.id, step.name, index, pipeline.steps.length)
    const skip = await skipReason(step, ctx)
    if (skip) {
      log.step(`${step.name}: skipped (${skip})`)
      outcomes.push({ name: step.name, status: 'skipped', changes: 0 })
      continue
    }
    const changes: Change[] = []
    // Pushed before the step runs: a step that fails halfway still has its recorded changes undone.
    undo.push({
      step: step.name,
      undo: async () => {
        const real = changes.filter(isRealChange)
        if (real.length === 0) return
        const result = await step.undo(real, stepCtx, 'rollback')
        kept.push(...result.kept)
      },
    })
    try {
      const onStep = events.onStep
      const progress = onStep
        ? (done: number, of: number) =>
            onStep(pipeline.tool.id, step.name, index, pipeline.steps.length, { done, total: of })
        : undefined
      await step.run({
        ...stepCtx,
        record: (change) => changes.push(change),
        ...(progress ? { progress } : {}),
      })
      completed.push({ step: step.name, action: step.action, inverse: step.inverse, changes })
      const real = changes.filter((c) => counts(c, ctx)).length
      const bookkeeping = changes.some((c) => isRealChange(c) && c.kind !== 'dir')
      outcomes.push({
        name: step.name,
        status: real > 0 || bookkeeping ? 'done' : 'unchanged',
        changes: real,
      })
      log.step(
        `${step.name}: ${real > 0 ? `${real} change${real === 1 ? '' : 's'}` : bookkeeping ? 'recorded' : 'up to date'}`,
      )
    } catch (error) {
      failure = { step: step.name, error: new StepFailedError(pipeline.tool.name, step.name, 'run', error) }
      outcomes.push({ name: step.name, status: 'failed', changes: 0 })
      log.error(`${step.name}: failed: ${describeCause(error)}`)
      break
    }
  }

  const rollbackErrors = failure ? await unwind(undo, outcomes, log) : []
  const cancelled = failure?.error instanceof CancelledError
  const written = completed.reduce((n, s) => n + s.changes.filter((c) => counts(c, ctx)).length, 0)
  return {
    tool: pipeline.tool.id,
    name: pipeline.tool.name,
    scope: pipeline.scope.name,
    status: failure
      ? cancelled
        ? 'cancelled'
        : 'failed'
      : updatedFrom(ctx)
        ? 'updated'
        : written > 0 || firstRecord(ctx, completed)
          ? 'installed'
          : 'unchanged',
    steps: outcomes,
    ...(failure ? { failure } : {}),
    rollbackErrors,
    kept,
    dropped: log.dropped,
    log: log.entries,
    written: failure ? 0 : written,
  }
}

// --- internal ---

/** A first install that wrote only its record (another tool of the run had already written the same files). */
function firstRecord(ctx: ActionContext, completed: { changes: Change[] }[]): boolean {
  return (
    ctx.previous === null && completed.some((s) => s.changes.some((c) => isRealChange(c) && c.kind !== 'dir'))
  )
}

/** A re-install of a different kit version (or kit) over an earlier install: reported as an update. */
function updatedFrom(ctx: ActionContext): boolean {
  const prev = ctx.previous?.kit
  return prev !== undefined && (prev.version !== ctx.kit.version || prev.name !== ctx.kit.name)
}

/** A change the person would count: a file of the tool's, not a directory or outfit's own manifest and backups. */
function counts(change: Change, ctx: ActionContext): boolean {
  return isRealChange(change) && change.kind !== 'dir' && !change.path.startsWith(`${ctx.stateDir}/`)
}

async function unwind(
  undo: UndoStack,
  outcomes: StepOutcome[],
  log: ActionContext['log'],
): Promise<{ step: string; error: Error }[]> {
  if (undo.size > 0) log.info(`rolling back ${undo.size} step${undo.size === 1 ? '' : 's'}`)
  return undo.unwind((step, error) => {
    const outcome = outcomes.find((o) => o.name === step)
    if (outcome && (error || outcome.status !== 'failed'))
      outcome.status = error ? 'rollback-failed' : 'rolled-back'
    if (error) log.error(`${step}: rollback failed: ${error.message}`)
    else log.step(`${step}: rolled back`)
  })
}

/** Why a step's `when` guard says not to run it, or undefined to run it. */
async function skipReason(step: Step, ctx: ActionContext): Promise<string | undefined> {
  const when = step.when
  if (!when) return undefined
  const render = (t: string) => interpolate(t, ctx.vars)
  if (when.exists !== undefined && !(await exists(ctx.fs, render(when.exists))))
    return `${render(when.exists)} does not exist`
  if (when.missing !== undefined && (await exists(ctx.fs, render(when.missing))))
    return `${render(when.missing)} already exists`
  if (when.kit !== undefined) {
    if (when.kit === 'mcp' && ctx.kit.mcp.length === 0) return 'the kit has no MCP servers'
    else if (when.kit === 'hooks' && ctx.kit.hooks.length === 0) return 'the kit has no hooks'
    else if (when.kit !== 'mcp' && when.kit !== 'hooks') {
      const isMatch = matcher(when.kit)
      if (!ctx.kit.files.some((f) => isMatch(f))) return `the kit has no ${when.kit}`
    }
  }
  return undefined
}

// How the commands that change files show a run: each tool's block as soon as it finishes (live status lines in a
// terminal), then the summary or the --json document and the exit code; and how a plan is shown.
import type { PlanResult } from '../api/plan.js'
import type { WithSubprojects } from '../api/subprojects.js'
import type { RunEvents } from '../api/prepare-run.js'
import { renderPlan, renderRecovered, renderSummary, renderToolBlock } from '../report/render.js'
import { subprojectHeading, withParts } from '../report/subprojects.js'
import { planDocument, runDocument } from '../report/to-json.js'
import { WarningDigest } from '../report/warning-digest.js'
import type { RunReport, ToolResult } from '../types.js'
import type { CommonFlags } from './common.js'
import type { CliDeps } from './deps.js'
import { ExitCode, exitCodeForReport } from './exit-code.js'
import { liveProgress, type Progress } from './progress.js'

export interface RunOutput {
  events: RunEvents
  /** Clears the live lines (after the run, whatever its outcome). */
  stop(): void
  /** How many warnings were not repeated (another tool's block already gave them). */
  hidden(): number
}

export function stream(deps: CliDeps, flags: CommonFlags & { verbose?: boolean }): RunOutput {
  // Each tool's block is printed whole as soon as that tool finishes, so concurrent output never interleaves.
  const digest = flags.verbose ? undefined : new WarningDigest()
  const hidden = () => digest?.hidden ?? 0
  if (flags.json) return { events: {}, stop: () => {}, hidden }
  const render = (result: ToolResult) =>
    renderToolBlock(digest ? digest.filter(result) : result, { color: deps.color })
  const tty = deps.tty
  if (tty && deps.isTTY) {
    let progress: Progress | undefined
    return {
      events: {
        onStart: (tools) => {
          progress = liveProgress(
            tools.map((t) => ({ id: t.spec.id, name: t.spec.name })),
            tty,
            deps.color,
          )
        },
        // Long steps add item counts (a fifth argument) that the live line shows.
        onStep: (...args: Parameters<Progress['step']>) => progress?.step(...args),
        onToolDone: (result) => progress?.done(result, render(result)),
      },
      stop: () => progress?.stop(),
      hidden,
    }
  }
  return {
    events: { onToolDone: (result) => render(result).forEach((line) => deps.out(line)) },
    stop: () => {},
    hidden,
  }
}

/** The summary (or the --json document) of a run, and its exit code. */
export function finish(
  deps: CliDeps,
  result: { report: RunReport; scope: string },
  flags: CommonFlags,
  hidden = 0,
): number {
  const { report } = result
  if (flags.json) deps.out(JSON.stringify(runDocument(report, result.scope), null, 2))
  else {
    if (hidden > 0)
      deps.err(
        `note: ${hidden} warning${hidden === 1 ? '' : 's'} already shown for another tool ${hidden === 1 ? 'was' : 'were'} not repeated (--verbose shows every one)`,
      )
    if (report.recovered?.length)
      for (const line of renderRecovered(report.recovered, { color: deps.color })) deps.err(line)
    deps.out('')
    for (const line of renderSummary(report, { color: deps.color })) deps.out(line)
    for (const note of report.notes ?? []) deps.out(note)
  }
  return exitCodeForReport(report, deps.abortedBy?.())
}

/** `finish` across a monorepo: the root's summary (or the one subproject's), then each subproject's; the worst code. */
export function finishAll(
  deps: CliDeps,
  result: WithSubprojects<{ report: RunReport; scope: string }>,
  flags: CommonFlags,
  hidden = 0,
): number {
  const parts = (result.subprojects ?? []).flatMap((p) => (p.result ? [p.result] : []))
  if (flags.json) {
    const doc = (r: { report: RunReport; scope: string }) => runDocument(r.report, r.scope)
    deps.out(JSON.stringify(withParts(doc(result), result, doc), null, 2))
    return worst([result, ...parts].map((r) => exitCodeForReport(r.report, deps.abortedBy?.())))
  }
  if (result.subproject !== undefined) deps.out(subprojectHeading(result.subproject))
  const codes = [finish(deps, result, flags, hidden)]
  for (const part of result.subprojects ?? []) {
    deps.out('')
    deps.out(subprojectHeading(part.path))
    if (part.result) codes.push(finish(deps, part.result, flags))
    else deps.out(`  not installed: ${part.skipped ?? ''}`)
  }
  return worst(codes)
}

/** `showPlan` across a monorepo. */
export function showPlanAll(
  deps: CliDeps,
  result: WithSubprojects<PlanResult>,
  flags: CommonFlags & { check?: boolean },
): number {
  const parts = (result.subprojects ?? []).flatMap((p) => (p.result ? [p.result] : []))
  if (flags.json) {
    const doc = (r: PlanResult) => planDocument(r.plans, r.scope)
    deps.out(JSON.stringify(withParts(doc(result), result, doc), null, 2))
    return worst([result, ...parts].map((r) => showPlan({ ...deps, out: () => {}, err: () => {} }, r, flags)))
  }
  if (result.subproject !== undefined) deps.out(subprojectHeading(result.subproject))
  const codes = [showPlan(deps, result, flags)]
  for (const part of result.subprojects ?? []) {
    deps.out('')
    deps.out(subprojectHeading(part.path))
    if (part.result) codes.push(showPlan(deps, part.result, flags))
    else deps.out(`  nothing to plan: ${part.skipped ?? ''}`)
  }
  return worst(codes)
}

/** A plan (`plan`, `install --dry-run`); with --check, any change fails (for CI drift checks). */
export function showPlan(
  deps: CliDeps,
  result: PlanResult,
  flags: CommonFlags & { check?: boolean },
): number {
  // After a crash, the plan is what install does after rolling the interrupted run back first: say so.
  for (const root of result.interrupted)
    deps.err(
      `! an outfit run in ${root} was interrupted and left changes half-done; install rolls it back first (or run \`outfit recover\`), and the plan below starts from there.`,
    )
  const { plans } = result
  if (flags.json) deps.out(JSON.stringify(planDocument(plans, result.scope), null, 2))
  else for (const line of renderPlan(plans, { color: deps.color, cwd: deps.cwd })) deps.out(line)
  if (plans.some((p) => p.failure)) return ExitCode.Failed
  return flags.check && plans.some((p) => p.changes.length > 0 || p.status === 'updated')
    ? ExitCode.Failed
    : ExitCode.Success
}

// --- internal ---

/** The first failing exit code of several runs (they ran one after another; the first failure is the one to fix). */
function worst(codes: number[]): number {
  return codes.find((c) => c !== ExitCode.Success) ?? ExitCode.Success
}

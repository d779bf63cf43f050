// `plan` (and `install --dry-run`): every file an install would create, change or remove, with diffs; nothing is
// written, outfit.lock and the content-check memo included.
import { plan as planTools, type ToolPlan } from '../plan/plan.js'
import { prepareRun, type KitRunRequest } from './prepare-run.js'
import { interruptedRuns } from './status.js'
import { acrossSubprojects, type SubprojectChoice, type WithSubprojects } from './subprojects.js'

export interface PlanRequest extends KitRunRequest, SubprojectChoice {
  /** Plan exactly what outfit.lock says; fail if it is missing or would change. */
  frozen?: boolean
}

export interface PlanResult {
  dryRun: true
  scope: string
  plans: ToolPlan[]
  /** Folders where a run was interrupted: install rolls it back first, and the plan starts from there. */
  interrupted: string[]
}

export async function plan(request: PlanRequest): Promise<WithSubprojects<PlanResult>> {
  return acrossSubprojects(request, (one) => planRun(one, request.frozen ? 'frozen' : 'install', 'Plan for'))
}

/** The plan of an install; `verb` names it in the question of which tools (plan, or install --dry-run). */
export async function planRun(
  request: KitRunRequest,
  mode: 'install' | 'frozen',
  verb: string,
): Promise<PlanResult> {
  const { ctx, targets, kits } = await prepareRun(request, { mode, verb, remember: false })
  // After a crash, the plan is what install does after rolling the interrupted run back first.
  const interrupted = await interruptedRuns(ctx.fs, ctx.stateHome, [
    ctx.scope === 'global' ? ctx.home : ctx.project,
  ])
  const plans = await planTools({ ...ctx, targets, kit: kits.kit, force: request.force ?? false })
  return { dryRun: true, scope: ctx.scope, plans, interrupted }
}

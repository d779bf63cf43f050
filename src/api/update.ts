// `update [kits]`: resolve the kits anew, say how outfit.lock moves and what that changes in each tool (the plan of
// the new kit against what is installed), ask when it can, then install and write the lock.
import { CancelledError } from '../errors.js'
import { plan as planTools, type ToolPlan } from '../plan/plan.js'
import { installTools } from '../run/run-tools.js'
import type { LockChange } from '../sources/resolve-kits.js'
import type { SkippedRelease } from '../sources/release-age.js'
import type { RunReport } from '../types.js'
import { checkTrust, type TrustChoice } from './kit-sources.js'
import { prepareRun, succeeded, type KitRunRequest } from './prepare-run.js'
import {
  acrossSubprojects,
  SUBPROJECT_SCOPE,
  type SubprojectChoice,
  type WithSubprojects,
} from './subprojects.js'
import { readConfig } from './workspace.js'

export interface UpdateRequest extends Omit<KitRunRequest, 'tools'>, TrustChoice, SubprojectChoice {
  /** The kits to move, by name (default: all). */
  kits?: string[]
  /** Show what would change and write nothing (outfit.lock included). */
  dryRun?: boolean
  /** The lock changes and their plan (and what minReleaseAge skipped), before anything is asked or written. */
  onPlan?: (changes: LockChange[], plans: ToolPlan[], skipped: SkippedRelease[]) => void
  /** Asked before an update that changes something is applied; absent: apply. Null when the person cancels. */
  confirmApply?: () => Promise<boolean | null>
}

export interface UpdateResult {
  scope: string
  changes: LockChange[]
  plans: ToolPlan[]
  /** The releases minReleaseAge skipped, and what was taken instead. */
  skipped: SkippedRelease[]
  /** Whether the update was installed and outfit.lock written. */
  applied: boolean
  /** The person said no at the question: nothing was changed. */
  declined?: boolean
  report?: RunReport
}

export async function update(request: UpdateRequest): Promise<WithSubprojects<UpdateResult>> {
  return acrossSubprojects(request, async (one) => {
    // Kits named on the command line are the root's: a subproject moves those of them it has, else nothing.
    if (!request.kits?.length || one.scope !== SUBPROJECT_SCOPE) return updateOne(one)
    const names = (await readConfig(one, one.config))?.kits?.map((k) => k.name) ?? []
    const only = request.kits.filter((k) => names.includes(k))
    if (only.length > 0) return updateOne({ ...one, kits: only })
    return { scope: one.scope, changes: [], plans: [], skipped: [], applied: false }
  })
}

// --- internal ---

async function updateOne(request: UpdateRequest): Promise<UpdateResult> {
  const { ctx, targets, kits } = await prepareRun(
    { ...request, tools: [] },
    // The audit runs with the checks, as install's does: files that stat as when they were found clean are not read
    // again (the check memo); the trust step shows its findings. Nothing is remembered: update may stop at a plan.
    {
      mode: 'update',
      verb: 'Update in',
      remember: false,
      audit: true,
      ...(request.kits ? { only: request.kits } : {}),
    },
  )
  const force = request.force ?? false
  const plans = kits.changes.length === 0 ? [] : await planTools({ ...ctx, targets, kit: kits.kit, force })
  request.onPlan?.(kits.changes, plans, kits.skipped)
  const result = { scope: ctx.scope, changes: kits.changes, plans, skipped: kits.skipped, applied: false }
  if (kits.changes.length === 0 || request.dryRun || plans.some((p) => p.failure)) return result
  if (request.confirmApply) {
    const answer = await request.confirmApply()
    // Ctrl-C at the question is an interrupt, like everywhere else; a plain no changes nothing.
    if (answer === null) throw new CancelledError('interrupted at the question; nothing was changed')
    if (!answer) return { ...result, declined: true }
  }
  await checkTrust(ctx, kits, request)
  const report = await installTools({ ...ctx, kit: kits.kit, targets, force })
  const applied = succeeded(report)
  if (applied) await kits.saveLock()
  return { ...result, applied, report }
}

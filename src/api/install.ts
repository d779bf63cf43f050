// `install`: the whole use case, the same for the CLI and for a program using outfit as a library. Where (config,
// scope, folders) → which tools → kit sources → lock policy → fetch or cache → checks → trust → install → outfit.lock
// written only when every tool installed. update and plan share the steps up to the install (prepare-run.ts).
// Questions and progress are injected callbacks; the result is data for the caller to render.
import type { LockChange } from '../sources/resolve-kits.js'
import type { GitIgnoreQuestion } from '../run/git-ignore-choice.js'
import { installTools } from '../run/run-tools.js'
import type { RunReport } from '../types.js'
import { checkTrust, type TrustChoice } from './kit-sources.js'
import { planRun, type PlanResult } from './plan.js'
import { prepareRun, succeeded, type KitRunRequest, type RunEvents } from './prepare-run.js'
import { acrossSubprojects, type SubprojectChoice, type WithSubprojects } from './subprojects.js'

export interface InstallRequest extends KitRunRequest, TrustChoice, RunEvents, SubprojectChoice {
  /** Install exactly what outfit.lock says; fail if it is missing or would change. */
  frozen?: boolean
  /** Only plan: what would change, with diffs; nothing is written (outfit.lock included). */
  dryRun?: boolean
  /** How many tools to install at once (default: the config's, else all). */
  concurrency?: number
  /** Asked on the first install into a git project whose config does not say `gitignore:`; absent: none. */
  askGitignore?: GitIgnoreQuestion
}

export interface InstallResult {
  dryRun?: false
  scope: string
  report: RunReport
  /** How outfit.lock moved, kit by kit, and whether it was written (only after an install that succeeded). */
  lock: { changes: LockChange[]; saved: boolean }
}

export async function install(
  request: InstallRequest & { dryRun: true },
): Promise<WithSubprojects<PlanResult>>
export async function install(
  request: InstallRequest & { dryRun?: false },
): Promise<WithSubprojects<InstallResult>>
export async function install(
  request: InstallRequest,
): Promise<WithSubprojects<InstallResult> | WithSubprojects<PlanResult>>
export async function install(
  request: InstallRequest,
): Promise<WithSubprojects<InstallResult> | WithSubprojects<PlanResult>> {
  const mode = request.frozen ? 'frozen' : 'install'
  // A monorepo: the root, then each subproject into its tools' nested places (subprojects.ts).
  if (request.dryRun) return acrossSubprojects(request, (one) => planRun(one, mode, 'Install into'))
  return acrossSubprojects(request, installOne)
}

// --- internal ---

async function installOne(request: InstallRequest): Promise<InstallResult> {
  const mode = request.frozen ? 'frozen' : 'install'
  const { ctx, targets, kits } = await prepareRun(request, {
    mode,
    verb: 'Install into',
    remember: true,
    audit: true,
  })
  await checkTrust(ctx, kits, request)
  request.onStart?.(targets)
  const concurrency = request.concurrency ?? ctx.config?.concurrency
  const report = await installTools({
    ...ctx,
    kit: kits.kit,
    targets,
    force: request.force ?? false,
    ...(concurrency ? { concurrency } : {}),
    ...(request.askGitignore ? { askGitignore: request.askGitignore } : {}),
    ...(request.onStep ? { onStep: request.onStep } : {}),
    ...(request.onToolDone ? { onToolDone: request.onToolDone } : {}),
  })
  const saved = succeeded(report) && (await kits.saveLock())
  return { scope: ctx.scope, report, lock: { changes: kits.changes, saved } }
}

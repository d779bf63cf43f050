// `outfit update [kits]`: resolve the kits anew, show how outfit.lock moves and what that changes in each tool (the
// plan of the new kit against what is installed), ask in a terminal, then install and write the lock.
import { CancelledError } from '../errors.js'
import { checkScopes, install } from '../api/install.js'
import { plan } from '../plan/plan.js'
import { renderLockChanges, renderPlan, renderSummary } from '../report/render.js'
import { renderSkipped } from '../report/render-skipped.js'
import { runDocument, updateDocument } from '../report/to-json.js'
import type { RunReport } from '../types.js'
import { chooseTools, type ChooseFlags } from './choose-tools.js'
import { context, type CommonFlags } from './context.js'
import { ExitCode, exitCodeForReport, succeeded } from './exit-code.js'
import type { CliDeps } from './index.js'
import { checkTrust, prepare } from './kit-input.js'
import { clackPrompter } from './prompts.js'

export interface UpdateFlags extends CommonFlags, ChooseFlags {
  kit?: string
  force?: boolean
  dryRun?: boolean
  trust?: boolean
  minReleaseAge?: string
}

export async function update(deps: CliDeps, kitNames: string[], flags: UpdateFlags): Promise<number> {
  const ctx = await context(deps, flags)
  const targets = await chooseTools(deps, ctx, [], flags, 'Update in')
  checkScopes({ targets, scope: ctx.scope })
  const kits = await prepare(deps, ctx, flags, 'update', kitNames)
  const force = flags.force ?? false
  const plans = kits.changes.length === 0 ? [] : await plan({ ...ctx, targets, kit: kits.kit, force })
  const document = (applied: boolean, report?: RunReport) => ({
    ...updateDocument(
      ctx.scope,
      kits.changes,
      plans,
      applied,
      report ? runDocument(report, ctx.scope) : undefined,
    ),
    ...(kits.skipped.length > 0 ? { skipped: kits.skipped } : {}),
  })
  const print = (doc: unknown) => deps.out(JSON.stringify(doc, null, 2))
  if (!flags.json)
    for (const line of [
      ...renderSkipped(kits.skipped),
      ...renderLockChanges(kits.changes),
      ...renderPlan(plans, { color: deps.color, cwd: deps.cwd }),
    ])
      deps.out(line)
  const failing = plans.some((p) => p.failure)
  if (kits.changes.length === 0 || flags.dryRun || failing) {
    if (flags.json) print(document(false))
    return failing ? ExitCode.Failed : ExitCode.Success
  }
  if (deps.isTTY && !flags.yes && !flags.json) {
    const answer = await (deps.prompter ?? clackPrompter()).confirm('Apply this update?', deps.signal)
    // Ctrl-C at the question is an interrupt (130), like everywhere else; a plain no is a success that changes nothing.
    if (answer === null) throw new CancelledError('interrupted at the question; nothing was changed')
    if (!answer) {
      deps.out('nothing was changed')
      return ExitCode.Success
    }
  }
  await checkTrust(deps, ctx, flags, kits)
  const report = await install({ ...ctx, kit: kits.kit, targets, force })
  const ok = succeeded(report)
  if (ok) await kits.saveLock()
  if (flags.json) print(document(ok, report))
  else {
    deps.out('')
    for (const line of renderSummary(report, { color: deps.color })) deps.out(line)
  }
  return exitCodeForReport(report, deps.abortedBy?.())
}

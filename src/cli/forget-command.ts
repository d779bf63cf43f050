// `outfit forget`: shows what outfit would forget in a scope, asks (or takes --yes), then drops those records.
import { forget, planForget, type ForgetPlan } from '../api/forget.js'
import { scopeRoots } from '../api/targets.js'
import { CancelledError, UsageError } from '../errors.js'
import type { ForgetDocument } from '../generated/output.js'
import { renderForget } from '../report/render-forget.js'
import type { Fs } from '../fs/fs.js'
import type { LoadedTarget } from '../types.js'
import { ExitCode } from './exit-code.js'
import { clackPrompter, type Prompter } from './prompts.js'

/** What forget needs of the CLI's dependencies and context (named here so this module imports neither). */
interface ForgetDeps {
  fs: Fs
  out: (line: string) => void
  isTTY: boolean
  prompter?: Prompter
  signal?: AbortSignal
}
interface ForgetContext {
  all: LoadedTarget[]
  scope: string
  home: string
  project: string
  stateHome: string
}

export async function forgetCommand(
  deps: ForgetDeps,
  ctx: ForgetContext,
  tools: string[],
  flags: { json?: boolean; yes?: boolean; dryRun?: boolean },
): Promise<number> {
  const roots = scopeRoots(ctx.all, ctx.scope, ctx)
  const request = {
    fs: deps.fs,
    stateHome: ctx.stateHome,
    scope: ctx.scope,
    roots: roots.length > 0 ? roots : [ctx.scope === 'global' ? ctx.home : ctx.project],
    tools,
  }
  const plans = await planForget(request)
  const document = (forgotten: boolean): ForgetDocument => ({
    command: 'forget',
    scope: ctx.scope,
    forgotten,
    roots: plans.map(describe),
  })
  if (!flags.json) for (const line of renderForget(plans, ctx.scope)) deps.out(line)
  let go = plans.length > 0 && !flags.dryRun
  if (go && !flags.yes) {
    if (!deps.isTTY || flags.json)
      throw new UsageError('outfit forget changes nothing without a yes', {
        hint: 'run it again with --yes to forget what is listed above (or --dry-run to only list it)',
      })
    const answer = await (deps.prompter ?? clackPrompter()).confirm(
      'Forget these records?',
      deps.signal,
      false,
    )
    if (answer === null) throw new CancelledError('interrupted at the question; nothing was changed')
    go = answer
  }
  if (go) await forget(request, plans)
  if (flags.json) deps.out(JSON.stringify(document(go), null, 2))
  else if (go) deps.out(`✓ forgotten; the files stay as they are`)
  else if (plans.length > 0) deps.out('nothing was changed')
  return ExitCode.Success
}

function describe(plan: ForgetPlan): ForgetDocument['roots'][number] {
  return {
    root: plan.root,
    installs: plan.installs,
    journals: plan.journals,
    ...(plan.backups ? { backups: plan.backups.dir } : {}),
  }
}

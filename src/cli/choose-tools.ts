// Which tools a command acts on: named ones, --all, --detected, the config file's list, or (in a terminal) the
// person's choice from a multiselect. Without a terminal it never asks.
import { status } from '../api/status.js'
import { createdByOutfit, detectTool, pickTargets } from '../api/targets.js'
import { CancelledError, UsageError } from '../errors.js'
import type { LoadedTarget } from '../types.js'
import type { Context } from './context.js'
import type { CliDeps } from './index.js'
import { clackPrompter } from './prompts.js'

export interface ChooseFlags {
  all?: boolean
  detected?: boolean
  yes?: boolean
}

export async function chooseTools(
  deps: CliDeps,
  ctx: Context,
  tools: string[],
  flags: ChooseFlags,
  verb = 'Install into',
): Promise<LoadedTarget[]> {
  if (tools.length > 0 && (flags.all || flags.detected))
    throw new UsageError('name tools or use --all/--detected, not both')
  // --all and --detected mean "every tool that can take this scope": the others are named, not fatal.
  const withScope = ctx.all.filter((t) => Object.hasOwn(t.spec.scopes, ctx.scope))
  const skipped = ctx.all.filter((t) => !withScope.includes(t))
  if ((flags.all || flags.detected) && skipped.length > 0) {
    deps.err(`note: skipping ${skipped.map((t) => t.spec.name).join(', ')} (no '${ctx.scope}' scope)`)
  }
  if (flags.all) return withScope
  if (flags.detected) {
    const found = []
    const created = await createdByOutfit(deps.fs, ctx)
    for (const t of withScope)
      if (await detectTool(deps.fs, t, ctx, deps.env.PATH ?? '', created)) found.push(t)
    if (found.length === 0)
      throw new UsageError('no supported tool was detected', {
        hint: `name the tools to use: ${ctx.all.map((t) => t.spec.id).join(', ')}`,
      })
    return found
  }
  if (tools.length > 0) return withScopeOnly(pickTargets(ctx.all, tools), ctx.scope)
  if (ctx.config?.tools) return withScopeOnly(pickTargets(ctx.all, ctx.config.tools), ctx.scope)
  if (deps.isTTY && !flags.yes && !deps.env.CI) return ask(deps, ctx, withScope, verb)
  // Without a question to ask: the tools outfit installed in this scope are the ones meant (uninstall, plan, update,
  // a re-install), as the manifests remember them.
  const installed = await installedTools(ctx, withScope)
  if (installed.length > 0) {
    deps.err(
      `note: acting on the tools installed here: ${installed.map((t) => t.spec.id).join(', ')} (name tools to choose others)`,
    )
    return installed
  }
  // uninstall has no --detected (whether a tool is on this machine says nothing about what outfit installed there).
  const choices = verb === 'Uninstall from' ? 'pass --all' : 'pass --all or --detected'
  throw new UsageError(`which tools? name them, or ${choices}`, {
    hint: `without a terminal (or with --yes) outfit never asks; known tools: ${ctx.all.map((t) => t.spec.id).join(', ')}`,
  })
}

// --- internal ---

/** The tools with an install of this scope on record; none when the records cannot be read (the command says why). */
async function installedTools(ctx: Context, candidates: LoadedTarget[]): Promise<LoadedTarget[]> {
  const rows = await status({ ...ctx, targets: candidates }).catch(() => [])
  const ids = new Set(rows.filter((r) => r.installed).map((r) => r.tool))
  return candidates.filter((t) => ids.has(t.spec.id))
}

/** Named tools must all have the scope: checked before the kit is read or anything is asked. */
function withScopeOnly(targets: LoadedTarget[], scope: string): LoadedTarget[] {
  const unsupported = targets.filter((t) => !Object.hasOwn(t.spec.scopes, scope))
  if (unsupported.length === 0) return targets
  throw new UsageError(
    `${unsupported.map((t) => t.spec.name).join(', ')} ${unsupported.length > 1 ? 'have' : 'has'} no '${scope}' scope`,
    {
      hint: unsupported.map((t) => `${t.spec.id}: ${Object.keys(t.spec.scopes).join(', ')}`).join('; '),
    },
  )
}

/** In a terminal with no tools named: pick from the detected ones, then confirm. */
async function ask(
  deps: CliDeps,
  ctx: Context,
  candidates: LoadedTarget[],
  verb: string,
): Promise<LoadedTarget[]> {
  const prompter = deps.prompter ?? clackPrompter()
  const detected = new Set<string>()
  const created = await createdByOutfit(deps.fs, ctx)
  for (const t of candidates)
    if (await detectTool(deps.fs, t, ctx, deps.env.PATH ?? '', created)) detected.add(t.spec.id)
  const options = candidates.map((t) => ({
    value: t.spec.id,
    label: t.spec.name,
    ...(detected.has(t.spec.id) ? { hint: 'detected' } : {}),
  }))
  const interrupted = () => new CancelledError('interrupted while asking; nothing was changed')
  if (deps.signal?.aborted) throw interrupted()
  const chosen = await prompter.selectTools(options, [...detected], deps.signal)
  if (deps.signal?.aborted) throw interrupted()
  if (chosen === null || chosen.length === 0)
    throw new CancelledError('nothing selected; nothing was changed')
  const picked = pickTargets(ctx.all, chosen)
  const confirmed = await prompter.confirm(
    `${verb} ${picked.map((t) => t.spec.name).join(', ')} (${ctx.scope} scope)?`,
    deps.signal,
  )
  if (deps.signal?.aborted) throw interrupted()
  if (!confirmed) throw new CancelledError('not confirmed; nothing was changed')
  return picked
}

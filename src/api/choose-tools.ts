// Which tools a use case acts on: named ones, --all, --detected, the config file's list, or the person's choice
// through the injected question. Without a question (no terminal, --yes, CI) it never asks.
import { toolStatus } from './status.js'
import { createdByOutfit, detectTool, pickTargets } from './targets.js'
import { CancelledError, UsageError } from '../errors.js'
import type { LoadedTarget } from '../types.js'
import { missingScope } from '../run/run-tools.js'
import type { Note, Workspace } from './workspace.js'

/** Asks a person which tools (the detected ones preselected), then to confirm; null when they cancel. */
export interface ToolQuestion {
  select(
    options: { value: string; label: string; hint?: string }[],
    initial: string[],
  ): Promise<string[] | null>
  confirm(message: string): Promise<boolean | null>
}

export interface ToolChoice {
  /** Tools named by id. */
  tools?: string[]
  /** Every known tool that has the scope. */
  all?: boolean
  /** Every tool with the scope found on this machine. */
  detected?: boolean
  /** Asked when nothing above (nor the config) names the tools; absent: never ask. */
  askTools?: ToolQuestion
  onNote?: (note: Note) => void
}

export async function chooseTools(
  ctx: Workspace,
  choice: ToolChoice,
  verb = 'Install into',
): Promise<LoadedTarget[]> {
  const tools = choice.tools ?? []
  const note = (text: string) => choice.onNote?.({ text, about: 'tools' })
  if (tools.length > 0 && (choice.all || choice.detected))
    throw new UsageError('name tools or use --all/--detected, not both')
  // --all and --detected mean "every tool that can take this scope": the others are named, not fatal.
  const withScope = ctx.all.filter((t) => Object.hasOwn(t.spec.scopes, ctx.scope))
  const skipped = ctx.all.filter((t) => !withScope.includes(t))
  if ((choice.all || choice.detected) && skipped.length > 0) {
    note(`note: skipping ${skipped.map((t) => t.spec.name).join(', ')} (no '${ctx.scope}' scope)`)
  }
  if (choice.all) return withScope
  if (choice.detected) {
    const found = []
    const created = await createdByOutfit(ctx.fs, ctx)
    for (const t of withScope)
      if (await detectTool(ctx.fs, t, ctx, ctx.env.PATH ?? '', created)) found.push(t)
    if (found.length === 0)
      throw new UsageError('no supported tool was detected', {
        hint: `name the tools to use: ${ctx.all.map((t) => t.spec.id).join(', ')}`,
      })
    return found
  }
  if (tools.length > 0) return withScopeOnly(pickTargets(ctx.all, tools), ctx.scope)
  if (ctx.config?.tools) return withScopeOnly(pickTargets(ctx.all, ctx.config.tools), ctx.scope)
  if (choice.askTools) return ask(choice.askTools, ctx, withScope, verb)
  // Without a question to ask: the tools outfit installed in this scope are the ones meant (uninstall, plan, update,
  // a re-install), as the manifests remember them.
  const installed = await installedTools(ctx, withScope)
  if (installed.length > 0) {
    note(
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
async function installedTools(ctx: Workspace, candidates: LoadedTarget[]): Promise<LoadedTarget[]> {
  const rows = await toolStatus({ ...ctx, targets: candidates }).catch(() => [])
  const ids = new Set(rows.filter((r) => r.installed).map((r) => r.tool))
  return candidates.filter((t) => ids.has(t.spec.id))
}

/** Named tools must all have the scope: checked before the kit is read or anything is asked. */
function withScopeOnly(targets: LoadedTarget[], scope: string): LoadedTarget[] {
  const unsupported = targets.filter((t) => !Object.hasOwn(t.spec.scopes, scope))
  if (unsupported.length === 0) return targets
  throw missingScope(unsupported, scope)
}

/** In a terminal with no tools named: pick from the detected ones, then confirm. */
async function ask(
  question: ToolQuestion,
  ctx: Workspace,
  candidates: LoadedTarget[],
  verb: string,
): Promise<LoadedTarget[]> {
  const detected = new Set<string>()
  const created = await createdByOutfit(ctx.fs, ctx)
  for (const t of candidates)
    if (await detectTool(ctx.fs, t, ctx, ctx.env.PATH ?? '', created)) detected.add(t.spec.id)
  const options = candidates.map((t) => ({
    value: t.spec.id,
    label: t.spec.name,
    ...(detected.has(t.spec.id) ? { hint: 'detected' } : {}),
  }))
  const interrupted = () => new CancelledError('interrupted while asking; nothing was changed')
  if (ctx.signal?.aborted) throw interrupted()
  const chosen = await question.select(options, [...detected])
  if (ctx.signal?.aborted) throw interrupted()
  if (chosen === null || chosen.length === 0)
    throw new CancelledError('nothing selected; nothing was changed')
  const picked = pickTargets(ctx.all, chosen)
  const confirmed = await question.confirm(
    `${verb} ${picked.map((t) => t.spec.name).join(', ')} (${ctx.scope} scope)?`,
  )
  if (ctx.signal?.aborted) throw interrupted()
  if (!confirmed) throw new CancelledError('not confirmed; nothing was changed')
  return picked
}

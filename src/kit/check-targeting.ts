// The kit's `outfit:` blocks checked against the targets known to this run (built-in and --targets alike): every tool
// id must name one, and every override key must be one that tool takes for that item — what the target declares its
// tool accepts (`accepts:`, from the tool's documentation), else what it writes. Errors at the key's file:line:col.
import { matcher } from '../glob.js'
import { staticBase } from '../actions/copy.js'
import { didYouMean } from '../did-you-mean.js'
import { copyAccepts, entriesAccepts, unionAccepted, type Accepted } from '../transforms/accepted-keys.js'
import { transformsFor } from '../transforms/apply.js'
import type { CopyParams, Entries } from '../generated/target.js'
import type { Diagnostic, LoadedTarget, StepSpec } from '../types.js'
import type { TargetingSite } from './read-targeting.js'

export function checkTargeting(
  sites: readonly TargetingSite[],
  targets: readonly LoadedTarget[],
): Diagnostic[] {
  const ids = targets.map((t) => t.spec.id)
  const byId = new Map(targets.map((t) => [t.spec.id, t]))
  const out: Diagnostic[] = []
  const error = (site: TargetingSite, segments: (string | number)[], message: string, key = false) =>
    out.push({ ...site.at(segments, key), pointer: '', message, severity: 'error' })
  for (const site of sites) {
    const { tools, overrides } = site.targeting
    const listed = tools === undefined ? [] : Array.isArray(tools) ? tools : tools.not
    listed.forEach((id, i) => {
      if (!byId.has(id))
        error(
          site,
          Array.isArray(tools) ? ['tools', i] : ['tools', 'not', i],
          `unknown tool '${id}'${didYouMean(id, ids)}`,
        )
    })
    for (const [id, keys] of Object.entries(overrides ?? {})) {
      const target = byId.get(id)
      if (!target) {
        error(site, ['overrides', id], `unknown tool '${id}'${didYouMean(id, ids)}`, true)
        continue
      }
      const accepted = acceptedFor(target, site.item)
      for (const key of Object.keys(keys)) {
        if (accepted === 'any' || accepted?.has(key)) continue
        error(site, ['overrides', id, key], refusal(target, site.item, key, accepted), true)
      }
    }
  }
  return out
}

/**
 * The keys a target takes for one item, over all its steps and scopes that install it; undefined when none does.
 * `item` is a kit path (a skill by its SKILL.md), `mcp:<server>` or `hooks:<index>`.
 */
export function acceptedFor(target: LoadedTarget, item: string): Accepted | undefined {
  const found: Accepted[] = []
  for (const step of target.spec.steps) {
    const taken = stepAccepts(step, item)
    if (taken !== undefined) found.push(taken)
  }
  return found.length === 0 ? undefined : unionAccepted(found)
}

// --- internal ---

function stepAccepts(step: StepSpec, item: string): Accepted | undefined {
  const params = ('with' in step.run ? step.run.with : undefined) as Record<string, unknown> | undefined
  if (!params) return undefined
  const entries = params.entries as Entries | undefined
  if (item.startsWith('mcp:') || item.startsWith('hooks:')) {
    const from = item.startsWith('mcp:') ? 'mcp' : 'hooks'
    return entries?.from === from ? entriesAccepts(entries) : undefined
  }
  if (step.run.action !== 'copy' && step.run.action !== 'block') return undefined
  const from = params.from as string | string[] | undefined
  if (from === undefined) return undefined
  const patterns = Array.isArray(from) ? from : [from]
  if (!matcher(patterns)(item)) return undefined
  // A block has no keys of its own: the rule's text goes in, its frontmatter does not.
  if (step.run.action === 'block') return new Set()
  const copy = params as unknown as CopyParams
  const base = copy.base ?? staticBase(patterns[0] ?? '')
  const relPath = base === '' ? item : item.slice(base.length + 1)
  return copyAccepts({ ...copy, transform: transformsFor(relPath, copy.transform ?? []) })
}

function refusal(target: LoadedTarget, item: string, key: string, accepted: Accepted | undefined): string {
  const what = item.startsWith('mcp:')
    ? `MCP server '${item.slice(4)}'`
    : item.startsWith('hooks:')
      ? 'this hook'
      : item
  if (accepted === undefined)
    return `${target.spec.name} does not install ${what}: it has no keys to override`
  const keys = [...(accepted as ReadonlySet<string>)].sort()
  if (keys.length === 0)
    return `${target.spec.name} writes ${what} without keys of its own (its text only): '${key}' cannot be set`
  return `'${key}' is not a key ${target.spec.name} takes for ${what} (it takes: ${keys.join(', ')})${didYouMean(key, keys)}`
}

// A kit MCP server's or hook's `outfit.overrides.<tool>` set last on the entry in the tool's shape: the tool's own
// keys (a `null` removes one the shape writes). Keys the step does not accept are reported and never written.
import type { Entries } from '../generated/target.js'
import { entriesAccepts } from '../transforms/accepted-keys.js'
import { acceptedOverrides, applyOverrides, overridesFor } from '../transforms/targeting.js'
import type { ItemTargeting } from '../types.js'
import type { ActionContext } from './types.js'

export function entryOverrides(
  value: unknown,
  targeting: ItemTargeting | undefined,
  what: string,
  spec: Entries,
  ctx: ActionContext,
): unknown {
  const own = overridesFor(targeting, ctx.tool.id)
  if (!own || !value || typeof value !== 'object' || Array.isArray(value)) return value
  const { accepted, refused } = acceptedOverrides(own, entriesAccepts(spec))
  for (const key of refused)
    ctx.log.drop(`override '${key}' of ${what}`, `${ctx.tool.name} does not take '${key}' here`)
  return applyOverrides(value as Record<string, unknown>, accepted)
}

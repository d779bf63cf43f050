// Builds the owned entries (MCP servers, hooks) a json-merge or toml-merge step adds, from the kit's data, and the
// leaves of a merge patch.
import type { Entries } from '../generated/target.js'
import { buildHookEntries } from './hook-entries.js'
import { buildServerEntries, type BuiltEntry } from './mcp-entries.js'
import { render } from './resolve.js'
import type { ActionContext } from './types.js'

export type { BuiltEntry }

export function buildEntries(spec: Entries, ctx: ActionContext): BuiltEntry[] {
  return spec.from === 'mcp' ? buildServerEntries(spec, ctx) : buildHookEntries(spec, ctx)
}

/** Flattens an RFC 7396 merge patch into its leaves; strings are interpolated. */
export function patchLeaves(
  patch: Record<string, unknown>,
  ctx: ActionContext,
  prefix: string[] = [],
): BuiltEntry[] {
  const out: BuiltEntry[] = []
  for (const [key, value] of Object.entries(patch)) {
    const path = [...prefix, render(ctx, key)]
    if (value && typeof value === 'object' && !Array.isArray(value))
      out.push(...patchLeaves(value as Record<string, unknown>, ctx, path))
    else out.push({ path, value: renderDeep(value, ctx), append: false })
  }
  return out
}

// --- internal ---

function renderDeep(value: unknown, ctx: ActionContext): unknown {
  if (typeof value === 'string') return render(ctx, value)
  if (Array.isArray(value)) return value.map((v) => renderDeep(v, ctx))
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [render(ctx, k), renderDeep(v, ctx)]))
  return value
}

// Builds the owned entries (MCP servers, hooks) a json-merge or toml-merge step adds, from the kit's data.
import type { Entries } from '../generated/target.js'
import { hookFields, mapShape, mcpFields } from '../formats/map-entry.js'
import { render } from './resolve.js'
import type { ActionContext } from './types.js'

export interface BuiltEntry {
  path: string[]
  value: unknown
  append: boolean
}

export function buildEntries(spec: Entries, ctx: ActionContext): BuiltEntry[] {
  const out: BuiltEntry[] = []
  const append = spec.mode === 'append'
  if (spec.from === 'mcp') {
    for (const server of ctx.kit.mcp) {
      const shape = server.command !== undefined ? spec.stdio : spec.remote
      if (shape === undefined) {
        ctx.log.warn(`MCP server '${server.name}' skipped: ${ctx.tool.name} has no ${server.command !== undefined ? 'local (stdio)' : 'remote'} server format in this target`)
        continue
      }
      const vars = { 'entry.name': server.name, 'entry.event': '', 'entry.matcher': '' }
      const fields = mcpFields(server)
      const value = mapShape(shape, fields, (s) => render(ctx, s, vars))
      const at = spec.at.map((seg) => render(ctx, seg, vars))
      out.push({ path: append ? at : [...at, server.name], value, append })
    }
  } else {
    for (const hook of ctx.kit.hooks) {
      const event = spec.events ? spec.events[hook.event] : hook.event
      if (event === undefined) {
        ctx.log.warn(`hook on '${hook.event}' skipped: ${ctx.tool.name} has no such event`)
        continue
      }
      const vars = { 'entry.name': hook.command, 'entry.event': event, 'entry.matcher': hook.matcher ?? '' }
      const value = mapShape(spec.shape ?? {}, hookFields(hook, event), (s) => render(ctx, s, vars))
      const at = spec.at.map((seg) => render(ctx, seg, vars))
      out.push({ path: at, value, append })
    }
  }
  return out
}

/** Flattens an RFC 7396 merge patch into its leaves; strings are interpolated. */
export function patchLeaves(patch: Record<string, unknown>, ctx: ActionContext, prefix: string[] = []): BuiltEntry[] {
  const out: BuiltEntry[] = []
  for (const [key, value] of Object.entries(patch)) {
    const path = [...prefix, render(ctx, key)]
    if (value && typeof value === 'object' && !Array.isArray(value)) out.push(...patchLeaves(value as Record<string, unknown>, ctx, path))
    else out.push({ path, value: renderDeep(value, ctx), append: false })
  }
  return out
}

function renderDeep(value: unknown, ctx: ActionContext): unknown {
  if (typeof value === 'string') return render(ctx, value)
  if (Array.isArray(value)) return value.map((v) => renderDeep(v, ctx))
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [render(ctx, k), renderDeep(v, ctx)]))
  return value
}

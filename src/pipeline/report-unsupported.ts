// A target's `unsupported` list: kit content its tool (or one of its scopes) cannot take. Before any step runs, each
// piece of the kit it names is reported as not installed, so plan, install and --json say so per tool.
import picomatch from 'picomatch'
import type { ActionContext } from '../actions/types.js'
import type { Unsupported } from '../generated/target.js'

export function reportUnsupported(unsupported: readonly Unsupported[], ctx: ActionContext): void {
  for (const entry of unsupported) {
    for (const what of kitContent(entry.kit, ctx)) ctx.log.drop(what, entry.reason)
  }
}

// --- internal ---

/** What in the kit a `kit` selector names: each MCP server, each hook, or each matching file. */
function kitContent(selector: string, ctx: ActionContext): string[] {
  if (selector === 'mcp') return ctx.kit.mcp.map((s) => `MCP server '${s.name}'`)
  if (selector === 'hooks') return ctx.kit.hooks.map((h) => `hook ${h.event}${h.matcher ? ` (${h.matcher})` : ''} '${h.command}'`)
  const isMatch = picomatch(selector)
  return ctx.kit.files.filter((f) => isMatch(f))
}

// What a target declares about kit content it does not simply install. `unsupported`: content its tool (or one of its
// scopes) cannot take — each piece is reported as not installed, so plan, install and --json say so per tool.
// `alsoReads`: places where the tool also reads what another target installs — when that target is installed in this
// scope too (in this run or before), the person is told the tool sees that content twice, and why. A target naming
// itself declares a duplicate between two of its own files (VS Code reads Copilot's .vscode/mcp.json and .mcp.json).
import { matcher } from '../glob.js'
import type { ActionContext } from '../actions/types.js'
import type { AlsoReads, Unsupported } from '../generated/target.js'

export function reportUnsupported(unsupported: readonly Unsupported[], ctx: ActionContext): void {
  for (const entry of unsupported) {
    ctx.log.dropAll(kitContent(entry.kit, ctx), entry.reason)
  }
}

export async function reportOverlaps(overlaps: readonly AlsoReads[], ctx: ActionContext): Promise<void> {
  if (overlaps.length === 0) return
  const companions = new Set([...ctx.run.tools, ...(await ctx.others()).map((m) => m.tool)])
  for (const overlap of overlaps) {
    // A target naming itself declares a duplicate between two of its own files: it is there whenever it installs.
    if (overlap.target !== ctx.tool.id && !companions.has(overlap.target)) continue
    const content = kitContent(overlap.kit, ctx)
    if (content.length > 0)
      ctx.log.warn(`${ctx.tool.name} will see ${content.join(', ')} twice: ${overlap.reason}`)
  }
}

// --- internal ---

/** What in the kit a `kit` selector names: each MCP server, each hook, or each matching file. */
function kitContent(selector: string, ctx: ActionContext): string[] {
  if (selector === 'mcp') return ctx.kit.mcp.map((s) => `MCP server '${s.name}'`)
  if (selector === 'hooks')
    return ctx.kit.hooks.map((h) => `hook ${h.event}${h.matcher ? ` (${h.matcher})` : ''} '${h.command}'`)
  const isMatch = matcher(selector)
  return ctx.kit.files.filter((f) => isMatch(f))
}

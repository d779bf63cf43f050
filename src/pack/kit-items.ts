// A kit's items named as install's reports name them (src/pipeline/report-unsupported.ts): each content file, each
// MCP server, each hook. Pack lists, per package, which of them it carries and which it does not, with the reason.
import type { Dropped, Hook, Kit } from '../types.js'

export function hookItem(hook: Hook): string {
  return `hook ${hook.event}${hook.matcher ? ` (${hook.matcher})` : ''} '${hook.command}'`
}

/** Every item of the kit that no `dropped` entry names. */
export function carriedItems(kit: Kit, dropped: readonly Dropped[]): string[] {
  const left = new Set(dropped.map((d) => d.what))
  return [...kit.files, ...kit.mcp.map((s) => `MCP server '${s.name}'`), ...kit.hooks.map(hookItem)].filter(
    (item) => !left.has(item),
  )
}

// Everything a kit would make a tool run: hook commands and local (stdio) MCP servers, one readable line each.
// Remote MCP servers (url) run nothing on this machine; files (skills, rules) are text the assistant reads.
import type { Kit } from '../types.js'

export function kitCommands(kit: Pick<Kit, 'hooks' | 'mcp'>): string[] {
  const hooks = kit.hooks.map((h) => `hook ${h.event}${h.matcher ? ` (${h.matcher})` : ''}: ${h.command}`)
  const servers = kit.mcp
    .filter((s) => s.command !== undefined)
    .map(
      (s) => `MCP server ${s.name}: ${[s.command, ...(s.args ?? [])].map(quote).join(' ')}${envNote(s.env)}`,
    )
  return [...hooks, ...servers]
}

// --- internal ---

function quote(word: string | undefined): string {
  const text = word ?? ''
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`
}

function envNote(env: Record<string, string> | undefined): string {
  const names = Object.keys(env ?? {})
  return names.length > 0 ? ` (env: ${names.join(', ')})` : ''
}

// Everything a kit would make a tool run or send: hook commands, local (stdio) MCP servers with their whole
// environment, and remote MCP servers that are sent the user's variables (a token in a header goes to that host).
// One line each, escaped for the terminal; a change in any part of a line (an env value, an argument, the host a
// token goes to) makes a new line, which is asked about again. Files (skills, rules) are text the assistant reads.
import { envRefs } from '../formats/env-refs.js'
import { escapeForTerminal } from '../formats/escape.js'
import type { Kit, McpServer } from '../types.js'

export function kitCommands(kit: Pick<Kit, 'hooks' | 'mcp'>): string[] {
  const hooks = kit.hooks.map((h) => `hook ${h.event}${h.matcher ? ` (${h.matcher})` : ''}: ${h.command}`)
  const servers = kit.mcp.flatMap((s) => {
    if (s.command !== undefined)
      return [`MCP server ${s.name}: ${[s.command, ...(s.args ?? [])].map(quote).join(' ')}${envNote(s.env)}`]
    return sendsSecrets(s) ? [`MCP server ${s.name}: sends ${headerNote(s)} to ${s.url ?? ''}`] : []
  })
  return [...hooks, ...servers].map(escapeForTerminal)
}

// --- internal ---

function quote(word: string | undefined): string {
  const text = word ?? ''
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`
}

/** The whole environment: `NODE_OPTIONS=--require=…` changes what a command does as much as its arguments. */
function envNote(env: Record<string, string> | undefined): string {
  const entries = Object.entries(env ?? {})
  return entries.length > 0 ? ` (env: ${entries.map(([k, v]) => `${k}=${quote(v)}`).join(' ')})` : ''
}

/** A remote server that receives one of the user's variables (`Authorization: Bearer ${GITHUB_TOKEN}`). */
function sendsSecrets(server: McpServer): boolean {
  return [server.url ?? '', ...Object.values(server.headers ?? {})].some((v) => envRefs(v).length > 0)
}

function headerNote(server: McpServer): string {
  const headers = Object.entries(server.headers ?? {}).filter(([, v]) => envRefs(v).length > 0)
  const parts = headers.map(([k, v]) => `${k}: ${v}`)
  if (envRefs(server.url ?? '').length > 0) parts.push('variables in its URL')
  return parts.join(', ')
}

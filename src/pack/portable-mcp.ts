// A kit's MCP server in Agent Plugins 1.0's portable mcp.json, or why it cannot be (spec/1.0.0.md §7.2, §9.2 of
// github.com/agentplugins/agent-plugins-spec). The portable form expands only ${PLUGIN_ROOT} and ${PLUGIN_DATA}, only
// in args, env and cwd, and forbids secrets in env and headers: a kit server that needs `${TOKEN}` has no portable
// form (it stays in the vendor packages, which expand it, and in dev.outfit/mcp.yaml). `command` is one executable
// token; remote URLs are https (http only on loopback); the kit's `http` transport is `streamable-http`.
import type { McpServer } from '../types.js'

export type PortableServer =
  | { type: 'stdio'; command: string; args?: string[]; env?: Record<string, string> }
  | { type: 'streamable-http' | 'sse'; url: string; headers?: Record<string, string> }

export function portableServer(server: McpServer): { server: PortableServer } | { reason: string } {
  if (server.command !== undefined) return stdio(server, server.command)
  if (server.url !== undefined) return remote(server, server.url)
  return { reason: 'it has neither a command nor a url' }
}

// --- internal ---

const PLACEHOLDERS = new Set(['PLUGIN_ROOT', 'PLUGIN_DATA'])
const REFERENCE = /\$\{([^}]*)\}/g

function stdio(server: McpServer, command: string): { server: PortableServer } | { reason: string } {
  if (/\s/.test(command) || command.includes('${'))
    return { reason: `its command '${command}' is not one executable token, as Agent Plugins require` }
  if (command.includes('/') && !command.startsWith('./'))
    return {
      reason: `its command '${command}' is a path outside the plugin (Agent Plugins take a bare name or ./path)`,
    }
  for (const arg of server.args ?? []) {
    const ref = foreignReference(arg)
    if (ref) return { reason: `its args use \${${ref}}, which Agent Plugins do not expand` }
  }
  for (const [key, value] of Object.entries(server.env ?? {})) {
    if (PLACEHOLDERS.has(key)) return { reason: `its env sets ${key}, which Agent Plugins reserve` }
    const ref = foreignReference(value)
    if (ref)
      return {
        reason: `its env uses \${${ref}}: Agent Plugins expand no variables and forbid secrets in env (the vendor packages keep it)`,
      }
  }
  return {
    server: {
      type: 'stdio',
      command,
      ...(server.args?.length ? { args: server.args } : {}),
      ...(server.env && Object.keys(server.env).length > 0 ? { env: server.env } : {}),
    },
  }
}

function remote(server: McpServer, url: string): { server: PortableServer } | { reason: string } {
  if (url.includes('${')) return { reason: 'its url uses a variable, which Agent Plugins do not expand' }
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return { reason: `its url '${url}' is not an absolute URL` }
  }
  if (parsed.username || parsed.password || parsed.hash)
    return { reason: 'its url holds user information or a fragment, which Agent Plugins forbid' }
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopback(parsed.hostname)))
    return { reason: 'its url is not https (Agent Plugins allow http only on loopback)' }
  for (const [name, value] of Object.entries(server.headers ?? {})) {
    if (value.includes('${'))
      return {
        reason: `its ${name} header uses a variable: Agent Plugins expand none and forbid secrets in headers (the vendor packages keep it)`,
      }
  }
  return {
    server: {
      type: server.transport === 'sse' ? 'sse' : 'streamable-http',
      url,
      ...(server.headers && Object.keys(server.headers).length > 0 ? { headers: server.headers } : {}),
    },
  }
}

/** The first `${NAME}` in `text` that is not one of the two placeholders Agent Plugins expand. */
function foreignReference(text: string): string | undefined {
  for (const match of text.matchAll(REFERENCE)) if (!PLACEHOLDERS.has(match[1] ?? '')) return match[1]
  return undefined
}

function loopback(host: string): boolean {
  return host === 'localhost' || /^127(\.\d{1,3}){3}$/.test(host) || host === '[::1]'
}

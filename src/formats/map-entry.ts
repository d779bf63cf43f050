// Declarative entry shapes: a target says how one MCP server or hook looks in its tool's format, with `$field`
// references into the kit entry. Keys that resolve to nothing are left out, so optional fields stay optional.
import type { Hook, McpServer } from '../types.js'

export type EntryFields = Record<string, unknown>

export function mcpFields(server: McpServer): EntryFields {
  return {
    name: server.name,
    command: server.command,
    args: server.args,
    argv: server.command === undefined ? undefined : [server.command, ...(server.args ?? [])],
    env: server.env && Object.keys(server.env).length > 0 ? server.env : undefined,
    url: server.url,
    headers: server.headers && Object.keys(server.headers).length > 0 ? server.headers : undefined,
    transport: server.transport,
  }
}

export function hookFields(hook: Hook, event: string): EntryFields {
  return { name: `${event}:${hook.matcher ?? '*'}:${hook.command}`, event, matcher: hook.matcher, command: hook.command, timeout: hook.timeout }
}

/** Maps a shape over the fields; `render` interpolates the other strings. Returns undefined when nothing is left. */
export function mapShape(shape: unknown, fields: EntryFields, render: (s: string) => string): unknown {
  if (typeof shape === 'string') {
    if (shape.startsWith('$$')) return render(shape.slice(1))
    if (shape.startsWith('$')) return fields[shape.slice(1)]
    return render(shape)
  }
  if (Array.isArray(shape)) {
    const out = shape.map((item) => mapShape(item, fields, render)).filter((v) => v !== undefined)
    return out
  }
  if (shape && typeof shape === 'object') {
    const out: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(shape)) {
      const mapped = mapShape(value, fields, render)
      if (mapped !== undefined) out[key] = mapped
    }
    return Object.keys(out).length > 0 ? out : undefined
  }
  return shape
}

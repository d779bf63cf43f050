// The merged kinds of several tools as one kit: MCP servers by name and hooks by event, matcher and command. The same
// server in several tools is one kit server when the tools' readings agree (each tool's own keys kept as its
// overrides); a server or hook only some of the adopted tools have is targeted at those (`outfit.tools`), so that
// installing the adopted kit creates nothing new in the others. Servers of one name that differ are a conflict,
// reported side by side, unless a tool is preferred. The kit files: mcp.yaml and hooks.yaml.
import { stringify } from 'yaml'
import { deepEqual } from '../formats/deep-equal.js'
import { hookKey } from './hooks.js'
import type { AdoptPart, ItemTargeting, KitHookEntry, KitMcpServer, Skipped } from './types.js'

/** Versions of one server (or hook) that differ, each with the tools and files it came from. */
export interface MergedConflict {
  kind: 'mcp' | 'hooks'
  /** `mcp.yaml › servers › <name>`, or `hooks.yaml › <event> <matcher> <command>`. */
  path: string
  versions: { tools: string[]; files: string[]; text: string }[]
}

export interface MergedKinds {
  servers: Record<string, KitMcpServer>
  hooks: KitHookEntry[]
  conflicts: MergedConflict[]
  /** Versions set aside for the preferred tool's: said, never dropped silently. */
  skipped: Skipped[]
  /** Where each server or hook was found (by its path, `mcp.yaml › servers › <name>`), for the report. */
  sources: Record<string, { tool: string; file: string }[]>
}

/**
 * `tools`: the adopted tools (an item every one of them has gets no `tools` list); `preferFor`, the tool whose version
 * wins a conflict.
 */
export function mergeMergedKinds(
  mcp: Map<string, AdoptPart<Record<string, KitMcpServer>>>,
  hooks: Map<string, AdoptPart<KitHookEntry[]>>,
  tools: string[],
  preferFor?: (path: string) => string | undefined,
): MergedKinds {
  const out: MergedKinds = { servers: {}, hooks: [], conflicts: [], skipped: [], sources: {} }
  const names = [...new Set([...mcp.values()].flatMap((p) => Object.keys(p.value)))].sort()
  for (const name of names) {
    const path = `mcp.yaml › servers › ${name}`
    const found = [...mcp].flatMap(([tool, part]) => {
      const server = part.value[name]
      return server ? [{ tool, server, files: part.sources[name] ?? [] }] : []
    })
    const merged = mergeVersions(found, tools, path, 'mcp', preferFor?.(path), out)
    if (merged) out.servers[name] = merged
    out.sources[path] = found.flatMap((f) => f.files.map((file) => ({ tool: f.tool, file })))
  }
  const keys = new Map<string, { tool: string; hook: KitHookEntry; files: string[] }[]>()
  for (const [tool, part] of hooks)
    for (const hook of part.value) {
      const key = hookKey(hook)
      keys.set(key, [...(keys.get(key) ?? []), { tool, hook, files: part.sources[key] ?? [] }])
    }
  for (const [key, found] of keys) {
    const path = `hooks.yaml › ${key}`
    out.sources[path] = found.flatMap((f) => f.files.map((file) => ({ tool: f.tool, file })))
    const merged = mergeVersions(
      found.map((f) => ({ tool: f.tool, server: f.hook, files: f.files })),
      tools,
      path,
      'hooks',
      preferFor?.(path),
      out,
    )
    if (merged) out.hooks.push(merged)
  }
  return out
}

/** mcp.yaml for the adopted servers (undefined when there are none). */
export function mcpYaml(servers: Record<string, KitMcpServer>): string | undefined {
  if (Object.keys(servers).length === 0) return undefined
  return `# yaml-language-server: $schema=https://github.com/outfit-dev/outfit/schemas/mcp.schema.json\n${stringify({ servers })}`
}

/** hooks.yaml for the adopted hooks (undefined when there are none). */
export function hooksYaml(hooks: KitHookEntry[]): string | undefined {
  if (hooks.length === 0) return undefined
  return `# yaml-language-server: $schema=https://github.com/outfit-dev/outfit/schemas/hooks.schema.json\n${stringify({ hooks })}`
}

// --- internal ---

type Versioned<T> = { tool: string; server: T; files: string[] }

function mergeVersions<T extends { outfit?: ItemTargeting }>(
  found: Versioned<T>[],
  tools: string[],
  path: string,
  kind: MergedConflict['kind'],
  prefer: string | undefined,
  out: MergedKinds,
): T | undefined {
  const bare = (v: T) => withoutOutfit(v)
  const ordered = [...found].sort((a, b) => Number(b.tool === prefer) - Number(a.tool === prefer))
  const first = ordered[0]
  if (!first) return undefined
  const agree = found.every((f) => deepEqual(bare(f.server), bare(first.server)))
  if (!agree && prefer === undefined) {
    const versions: MergedConflict['versions'] = []
    for (const f of found) {
      const text = stringify(bare(f.server)).trimEnd()
      const same = versions.find((v) => v.text === text)
      if (same) {
        same.tools.push(f.tool)
        same.files.push(...f.files)
      } else versions.push({ tools: [f.tool], files: [...f.files], text })
    }
    out.conflicts.push({ kind, path, versions })
    return undefined
  }
  const kept = found.filter((f) => deepEqual(bare(f.server), bare(first.server)))
  for (const f of found.filter((f) => !kept.includes(f)))
    out.skipped.push({
      tool: f.tool,
      where: f.files.join(', '),
      what: path,
      reason: `differs from the version chosen (${prefer ?? ''}); install gives this tool that one`,
    })
  const targeting: ItemTargeting = {}
  // A tool whose version was set aside still gets the item (the chosen version): it is listed too.
  const targeted = [...new Set(found.map((f) => f.tool))].sort()
  if (tools.some((t) => !targeted.includes(t))) targeting.tools = targeted
  const overrides = Object.assign({}, ...kept.map((f) => f.server.outfit?.overrides ?? {})) as Record<
    string,
    Record<string, unknown>
  >
  if (Object.keys(overrides).length > 0) targeting.overrides = overrides
  const value = bare(first.server)
  return (targeting.tools || targeting.overrides ? { ...value, outfit: targeting } : value) as T
}

function withoutOutfit<T extends { outfit?: ItemTargeting }>(value: T): Omit<T, 'outfit'> {
  const { outfit: _outfit, ...rest } = value
  return rest
}

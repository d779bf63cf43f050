// A tool's MCP server entries and hooks back into the kit's mcp.yaml and hooks.yaml, through the `entries` a target
// declares for them: each entry matched against the declared shape (`$command`, `$url`, ... are the kit's fields),
// event names, matcher tool names, time units and `${VAR}` syntax read back with formats/mappings.ts `backward`, and the
// fields a tool splits secrets into (Codex's env_vars, bearer_token_env_var) joined back into `${VAR}` references.
// Whatever an entry holds that the kit has no field for is named, never dropped silently. The backward reading itself is
// `outfit adopt`'s: server entries through src/adopt/mcp.ts readServer, hook entries through formats/unmap-entry.ts
// unmapShape, with the same mappings; what differs is policy (a plugin's extra keys are named and left out, where adopt
// keeps a user's as the tool's own overrides).
import { readServer } from '../adopt/mcp.js'
import type { Entries } from '../generated/target.js'
import { backward, forwardMatcher } from '../formats/mappings.js'
import { unmapShape } from '../formats/unmap-entry.js'
import type { Hook } from '../types.js'
import type { KitServer } from './draft.js'
import { isRecord } from './plugin-files.js'

export interface Read<T> {
  value: T
  notes: string[]
}

const SERVER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_-]*$/

/** `servers` is the object of entries by name (the value at the declaration's `at`). */
export function backwardServers(
  servers: unknown,
  decl: Entries,
  where: string,
): Read<Record<string, KitServer>> {
  const value: Record<string, KitServer> = {}
  const notes: string[] = []
  if (!isRecord(servers)) return { value, notes }
  for (const [name, entry] of Object.entries(servers)) {
    const what = `MCP server '${name}' (${where})`
    if (!isRecord(entry)) {
      notes.push(`${what}: not an object; left out`)
      continue
    }
    if (entry.cwd !== undefined) {
      notes.push(`${what}: it runs in ${String(entry.cwd)}, and a kit server has no working folder; left out`)
      continue
    }
    const read = declared(decl, entry)
    if (typeof read === 'string') {
      notes.push(`${what}: ${read}; left out`)
      continue
    }
    const { server, extra } = read
    if (typeof entry.description === 'string') server.description = entry.description
    const kitName = SERVER_NAME.test(name)
      ? name
      : name.replace(/[^a-zA-Z0-9_-]/g, '-').replace(/^[-_]+/, '') || 'server'
    if (kitName !== name)
      notes.push(`${what}: named '${kitName}' (a kit server name is letters, digits, - and _)`)
    if (extra.length > 0) notes.push(`${what}: ${extra.join(', ')} left out (no kit field)`)
    value[kitName] = server
  }
  return { value, notes }
}

/** `file` is the whole hooks document; the declaration's `at` says where each event's list is. */
export function backwardHooks(file: unknown, decl: Entries, where: string): Read<Hook[]> {
  const value: Hook[] = []
  const notes: string[] = []
  let container: unknown = file
  for (const seg of decl.at.slice(0, -1)) container = isRecord(container) ? container[seg] : undefined
  if (!isRecord(container)) return { value, notes }
  const events = decl.events ? invert(decl.events) : undefined
  for (const [toolEvent, list] of Object.entries(container)) {
    const event = events ? events[toolEvent] : toolEvent
    if (event === undefined) {
      notes.push(`hooks on '${toolEvent}' (${where}): the kit has no such event; left out`)
      continue
    }
    const shape =
      (decl.eventShapes && Object.hasOwn(decl.eventShapes, toolEvent)
        ? decl.eventShapes[toolEvent]
        : decl.shape) ?? {}
    for (const element of Array.isArray(list) ? list : []) {
      const rejected: unknown[] = []
      const extra = new Set<string>()
      const bindings: Record<string, unknown>[] = []
      // The one backward reading of entry shapes (formats/unmap-entry.ts, as adopt reads a tool's hooks): a group
      // with two handlers gives two readings; a handler whose constants differ (`type: prompt`) runs no command.
      for (const reading of unmapShape(shape, element, (t) => (t.includes('{{') ? undefined : t))) {
        if (reading.mismatch.length > 0) {
          rejected.push(reading)
          continue
        }
        for (const path of reading.extra)
          extra.add(
            path
              .split(/[.[\]]/)
              .filter(Boolean)
              .pop() ?? path,
          )
        bindings.push(reading.fields)
      }
      for (const b of bindings) {
        const hook = toKitHook(b, event, decl)
        if (typeof hook === 'string') notes.push(`a hook on '${toolEvent}' (${where}): ${hook}; left out`)
        else {
          const lost = lostTools(b.matcher, hook.matcher, decl.tools)
          if (lost.length > 0)
            notes.push(
              `a hook on '${toolEvent}' (${where}) matches only ${hook.matcher}: ${lost.join(', ')} has no kit name`,
            )
          value.push(hook)
        }
      }
      if (rejected.length > 0)
        notes.push(
          `${rejected.length} hook${rejected.length > 1 ? 's' : ''} on '${toolEvent}' (${where}) that run no command (a kit hook runs a shell command); left out`,
        )
      if (extra.size > 0)
        notes.push(`${[...extra].join(', ')} of hooks on '${toolEvent}' (${where}) left out (no kit field)`)
    }
  }
  return { value, notes }
}

// --- internal ---

/**
 * An entry of a format a target declares, read by adopt's reader of a tool's server entries (src/adopt/mcp.ts): the
 * one backward mapping of entries, shared with `outfit adopt`. The keys adopt would keep as the tool's own overrides
 * are, for a plugin, keys the kit has no field for.
 */
function declared(
  decl: Entries,
  entry: Record<string, unknown>,
): { server: KitServer; extra: string[] } | string {
  const { description: _, ...rest } = entry
  // A plugin's `{ "url": … }` without a type is a remote server over HTTP, as plugin hosts take it; adopt, reading a
  // user's own file, leaves that choice to the user instead.
  const remoteType = isRecord(decl.remote) ? decl.remote.type : undefined
  if (rest.type === undefined && rest.url !== undefined && typeof remoteType === 'string')
    rest.type = remoteType
  const read = readServer(decl, rest, { vars: {} }, 'the plugin')
  if ('reason' in read) return read.reason
  const { outfit, ...server } = read.server
  const own = Object.values(outfit?.overrides ?? {})[0]
  return { server, extra: Object.keys(isRecord(own) ? own : {}).filter((k) => !IGNORED.includes(k)) }
}

/** Keys every format may hold that say nothing the kit needs (the kind is known from the entry's shape). */
const IGNORED = ['type', 'description', 'httpUrl']

function toKitHook(b: Record<string, unknown>, event: string, decl: Entries): Hook | string {
  if (typeof b.command !== 'string' || b.command === '') return 'its command is not a string'
  let matcher: string | undefined
  if (typeof b.matcher === 'string' && b.matcher !== '' && b.matcher !== '*') {
    matcher = decl.tools ? (backward({ kind: 'tools', map: decl.tools }, b.matcher) as string) : b.matcher
    if (matcher === '') return `its matcher '${b.matcher}' names no tool the kit knows`
  }
  let timeout: number | undefined
  if (typeof b.timeout === 'number' && b.timeout > 0) {
    const seconds = backward({ kind: 'timeUnit', unit: decl.timeoutUnit ?? 'seconds' }, b.timeout) as number
    timeout = Math.max(1, Math.ceil(seconds))
  }
  return {
    event,
    ...(matcher !== undefined ? { matcher } : {}),
    command: b.command,
    ...(timeout !== undefined ? { timeout } : {}),
  }
}

/** The tool names of a matcher that the kit matcher it became no longer covers. */
function lostTools(
  matcher: unknown,
  kit: string | undefined,
  tools: Record<string, string> | undefined,
): string[] {
  if (typeof matcher !== 'string' || kit === undefined || tools === undefined) return []
  const covered = new Set((forwardMatcher(kit, tools).value ?? '').split('|'))
  return matcher
    .split('|')
    .map((s) => s.trim())
    .filter((name) => !covered.has(name))
}

function invert(map: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [kit, tool] of Object.entries(map)) if (!Object.hasOwn(out, tool)) out[tool] = kit
  return out
}

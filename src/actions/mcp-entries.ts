// One owned entry per kit MCP server, in the tool's shape for its transport (stdio, streamable HTTP, SSE), with the
// kit's `${VAR}` references written the way the tool expands them. What the tool cannot take is reported per tool.
import type { Entries } from '../generated/target.js'
import { envRefs, rewriteEnvRefs, splitRefs } from '../formats/env-refs.js'
import { mapShape, unplacedFields, type EntryFields } from '../formats/map-entry.js'
import type { McpServer } from '../types.js'
import { render } from './resolve.js'
import { entryOverrides } from './entry-overrides.js'
import type { ActionContext } from './types.js'

export interface BuiltEntry {
  path: string[]
  value: unknown
  append: boolean
  /** An element of a named list (entries `mode: named`): the field that identifies it. */
  key?: string
  /**
   * The target's shape the value was made from: an entry already in the file that reads the same through it (keys
   * holding the shape's constants left out) is the same entry to the tool, taken over rather than refused.
   */
  shape?: unknown
  /** The tool's other spellings of this kind of entry, and the other kinds' shapes (see sameEntry). */
  readAlso?: unknown[]
  others?: unknown[]
  /** The names of the kit's entries of this kind, in kit order (a new key goes before the later ones already there). */
  order?: readonly string[]
}

/** Per kit field, the `$names` of a shape that carry it. */
const TAKERS: Record<string, string[]> = {
  command: ['command', 'argv'],
  args: ['args', 'argv'],
  env: ['env'],
  envVars: ['envVars'],
  url: ['url'],
  headers: ['headers'],
  envHeaders: ['envHeaders'],
  bearerEnv: ['bearerEnv'],
}

const TRANSPORT = { stdio: 'local (stdio)', remote: 'streamable HTTP', sse: 'SSE' } as const
const KINDS = ['stdio', 'remote', 'sse'] as const

export function buildServerEntries(spec: Entries, ctx: ActionContext): BuiltEntry[] {
  const out: BuiltEntry[] = []
  const append = spec.mode === 'append' || spec.mode === 'named'
  const order = ctx.serverOrder ?? ctx.kit.mcp.map((s) => s.name)
  for (const server of ctx.kit.mcp) {
    const what = `MCP server '${server.name}'`
    const kind = server.command !== undefined ? 'stdio' : server.transport === 'sse' ? 'sse' : 'remote'
    const shape = spec[kind]
    if (shape === undefined) {
      ctx.log.drop(what, `${ctx.tool.name} has no ${TRANSPORT[kind]} servers`)
      continue
    }
    warnUnset(server, ctx)
    const fields = serverFields(server, spec.envRefs)
    // A reference in the command line or URL would reach the server as literal text: the server cannot go in. An
    // env or header entry the tool cannot express is left out alone; the rest of the server still works.
    const fatal = fields.lost.filter((l) => !isEntryKey(l.key))
    if (fatal.length > 0) {
      ctx.log.drop(what, fatal.map((l) => `${l.key}: ${l.reason}`).join('; '))
      continue
    }
    for (const l of fields.lost) ctx.log.drop(`${l.key} of ${what}`, l.reason)
    // A tool that starts servers with its own environment passes `KEY: ${KEY}` through without being told.
    if (spec.inheritEnv && kind === 'stdio') delete fields.values.envVars
    const unplaced = unplacedFields(shape, fields.values, TAKERS).filter((f) => !fields.optional?.includes(f))
    if (unplaced.length > 0) {
      ctx.log.drop(what, unplacedReason(ctx.tool.name, TRANSPORT[kind], unplaced))
      continue
    }
    const vars = { 'entry.name': server.name, 'entry.event': '', 'entry.matcher': '' }
    const value = entryOverrides(
      mapShape(shape, fields.values, (s) => render(ctx, s, vars)),
      server.outfit,
      what,
      spec,
      ctx,
    )
    const at = spec.at.map((seg) => render(ctx, seg, vars))
    out.push({
      path: append ? at : [...at, server.name],
      value,
      append,
      ...(spec.mode === 'named' ? { key: 'name' } : {}),
      shape,
      readAlso: spec.readAlso?.[kind],
      others: KINDS.filter((k) => k !== kind && spec[k] != null).map((k) => spec[k]),
      ...(append ? {} : { order }),
    })
  }
  return out
}

/** The `$fields` of one server, with references translated; `lost` lists what the tool's syntax cannot express. */
export function serverFields(
  server: McpServer,
  syntax: Entries['envRefs'],
): {
  values: EntryFields
  lost: { key: string; reason: string }[]
  /** Fields an entry shape may leave out without losing anything (the tool finds those variables itself). */
  optional?: (keyof EntryFields)[]
} {
  const nonEmpty = <T extends object>(o: T | undefined): T | undefined =>
    o && Object.keys(o).length > 0 ? o : undefined
  const base = { name: server.name, command: server.command, transport: server.transport }
  if (syntax !== undefined && syntax !== 'none' && syntax.only) return partlyExpanded(server, syntax, base)
  if (syntax === 'none') {
    const split = splitRefs(server.env, server.headers)
    const literal = (label: string, values: string[]) =>
      values
        .filter((v) => envRefs(v).length > 0)
        .map((v) => ({
          key: label,
          reason: `'${v}' would reach the server literally: this tool expands no variables`,
        }))
    const lost = [
      ...split.lost,
      ...literal('args', server.args ?? []),
      ...literal('url', server.url === undefined ? [] : [server.url]),
    ]
    return {
      lost,
      values: {
        ...base,
        args: server.args,
        argv: argv(server),
        env: nonEmpty(split.env),
        envVars: split.envVars.length > 0 ? split.envVars : undefined,
        url: server.url,
        headers: nonEmpty(split.headers),
        envHeaders: nonEmpty(split.envHeaders),
        bearerEnv: split.bearerEnv,
      },
    }
  }
  const t = (s: string): string => (syntax === undefined ? s : rewriteEnvRefs(s, syntax))
  const mapValues = (o: Record<string, string> | undefined) =>
    nonEmpty(o && Object.fromEntries(Object.entries(o).map(([k, v]) => [k, t(v)])))
  const args = server.args?.map(t)
  return {
    lost: [],
    values: {
      ...base,
      command: server.command === undefined ? undefined : t(server.command),
      args,
      argv: server.command === undefined ? undefined : [t(server.command), ...(args ?? [])],
      env: mapValues(server.env),
      url: server.url === undefined ? undefined : t(server.url),
      headers: mapValues(server.headers),
    },
  }
}

// --- internal ---

/** `env.KEY` and `headers.Name`: one entry of a map, which can be left out without the rest of the server. */
function isEntryKey(key: string): boolean {
  return key.startsWith('env.') || key.startsWith('headers.')
}

type Syntax = Exclude<NonNullable<Entries['envRefs']>, 'none'>

/**
 * A tool that expands references only in some fields (Goose expands `${VAR}` in HTTP headers, from the variables its
 * `env_keys` lists): those fields keep their references, the others are split as for a tool that expands nothing,
 * and `$envVars` names every variable either needs.
 */
function partlyExpanded(
  server: McpServer,
  syntax: Syntax,
  base: EntryFields,
): { values: EntryFields; lost: { key: string; reason: string }[]; optional?: (keyof EntryFields)[] } {
  const only = new Set(syntax.only)
  const t = (s: string): string => rewriteEnvRefs(s, syntax)
  const nonEmpty = <T extends object>(o: T | undefined): T | undefined =>
    o && Object.keys(o).length > 0 ? o : undefined
  const mapValues = (o: Record<string, string> | undefined) =>
    nonEmpty(o && Object.fromEntries(Object.entries(o).map(([k, v]) => [k, t(v)])))
  const split = splitRefs(only.has('env') ? {} : server.env, only.has('headers') ? {} : server.headers)
  const literal = (field: 'args' | 'url', values: string[]) =>
    only.has(field)
      ? []
      : values
          .filter((v) => envRefs(v).length > 0)
          .map((v) => ({
            key: field,
            reason: `'${v}' would reach the server literally: this tool expands variables only in ${[...only].join(', ')}`,
          }))
  const expanded = [
    ...(only.has('env') ? Object.values(server.env ?? {}) : []),
    ...(only.has('headers') ? Object.values(server.headers ?? {}) : []),
    ...(only.has('args') ? (server.args ?? []) : []),
    ...(only.has('url') && server.url ? [server.url] : []),
  ]
  const envVars = [...new Set([...split.envVars, ...expanded.flatMap(envRefs)])]
  const args = only.has('args') ? server.args?.map(t) : server.args
  return {
    // Variables only the expanded fields name are for a shape that lists them (Goose's env_keys); a tool that expands
    // them from its own environment (Augment) needs no list.
    ...(split.envVars.length === 0 ? { optional: ['envVars' as const] } : {}),
    lost: [
      ...split.lost,
      ...literal('args', server.args ?? []),
      ...literal('url', server.url === undefined ? [] : [server.url]),
    ],
    values: {
      ...base,
      args,
      argv: server.command === undefined ? undefined : [server.command, ...(args ?? [])],
      env: only.has('env') ? mapValues(server.env) : nonEmpty(split.env),
      envVars: envVars.length > 0 ? envVars : undefined,
      url: server.url === undefined || !only.has('url') ? server.url : t(server.url),
      headers: only.has('headers') ? mapValues(server.headers) : nonEmpty(split.headers),
      envHeaders: nonEmpty(split.envHeaders),
      bearerEnv: split.bearerEnv,
    },
  }
}

/** Why a server is not installed: the fields its entry shape has no place for, said plainly for references. */
function unplacedReason(tool: string, transport: string, unplaced: string[]): string {
  const REFS: Record<string, string> = { envVars: 'env', envHeaders: 'headers', bearerEnv: 'headers' }
  if (!unplaced.every((f) => f in REFS))
    return `${tool}'s ${transport} server entry has no place for its ${unplaced.join(', ')}`
  const where = [...new Set(unplaced.map((f) => REFS[f]))].join(' and ')
  return `${tool} does not expand \${VAR} in a server's ${where}, and its ${transport} server entry has no other place for them (${unplaced.join(', ')})`
}

function argv(server: McpServer): string[] | undefined {
  return server.command === undefined ? undefined : [server.command, ...(server.args ?? [])]
}

/** A reference to a variable that is not set now will most likely not be set when the tool starts the server either. */
function warnUnset(server: McpServer, ctx: ActionContext): void {
  const texts = [
    server.command ?? '',
    ...(server.args ?? []),
    ...Object.values(server.env ?? {}),
    server.url ?? '',
    ...Object.values(server.headers ?? {}),
  ]
  const names = [...new Set(texts.flatMap(envRefs))]
  for (const name of names.filter((n) => ctx.env[n] === undefined)) {
    // Once per tool, even when a target writes the server into two files (Copilot: VS Code's and the CLI's).
    if (!ctx.run.firstWarning(ctx.tool.id, server.name, name)) continue
    ctx.log.warn(
      `MCP server '${server.name}' uses \${${name}}, which is not set in this environment: set it before ${ctx.tool.name} starts the server`,
    )
  }
}

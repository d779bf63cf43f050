// A tool's MCP servers read back into the kit's mcp.yaml form, through the same declaration install writes them with:
// the step's `entries` (its stdio/remote/sse shapes, `at`, `mode`, `envRefs`) run backwards. A key the shapes have no
// place for is kept as the tool's own (`outfit.overrides.<tool>`), a literal secret becomes a reference, and an entry
// that fits none of the tool's shapes is listed as skipped with the reason. Pure: reads through the given Fs only.
import type { Entries } from '../generated/target.js'
import { deepEqual } from '../formats/deep-equal.js'
import { backward } from '../formats/mappings.js'
import { unmapShape, type Unmapped } from '../formats/unmap-entry.js'
import { entryDocuments, renderWith, whereIn, type EntryDocument } from './entry-files.js'
import { referenceSecrets } from './secrets.js'
import type { AdoptPart, AdoptToolInput, KitMcpServer } from './types.js'

const KINDS = ['stdio', 'remote', 'sse'] as const
type Kind = (typeof KINDS)[number]

export async function adoptMcpServers(
  input: AdoptToolInput,
): Promise<AdoptPart<Record<string, KitMcpServer>>> {
  const tool = input.target.id
  const part: AdoptPart<Record<string, KitMcpServer>> = { value: {}, sources: {}, skipped: [], secrets: [] }
  const { documents, skipped } = await entryDocuments(input, 'mcp')
  part.skipped.push(...skipped)
  for (const doc of documents) {
    for (const { name, entry } of serverEntries(doc, input)) {
      const what = `mcp server ${name}`
      const skip = (reason: string) => part.skipped.push({ tool, where: whereIn(doc, name), what, reason })
      const read = readServer(doc.entries, entry, input, tool)
      if ('reason' in read) {
        skip(read.reason)
        continue
      }
      const safe = referenceSecrets(name, read.server, doc, tool)
      const previous = part.value[name]
      if (previous !== undefined) {
        // One tool keeping a server in two files (Copilot: VS Code's and the CLI's): one kit server if they agree.
        if (deepEqual(previous, safe.server)) part.sources[name]?.push(doc.file)
        else skip(`differs from the server of that name in ${part.sources[name]?.join(', ')}; kept that one`)
        continue
      }
      part.value[name] = safe.server
      part.sources[name] = [doc.file]
      part.secrets.push(...safe.secrets)
    }
  }
  return part
}

/** One entry of a tool's servers, as the tool's own shapes read it, in the kit's form (secrets not yet replaced). */
export function readServer(
  spec: Entries,
  entry: unknown,
  input: Pick<AdoptToolInput, 'vars'>,
  tool: string,
): { server: KitMcpServer } | { reason: string } {
  const constant = (template: string) => renderWith(input.vars, template)
  // Each kind through the shape install writes, then through the tool's other spellings of it (Gemini's `httpUrl`).
  const readings = KINDS.flatMap((kind) => {
    const shapes = [spec[kind], ...(spec.readAlso?.[kind] ?? [])].filter((s) => s !== undefined && s !== null)
    return shapes.flatMap((shape) => {
      const [reading] = unmapShape(shape, entry, constant)
      const missing = missingConstants(shape, entry)
      return reading && fits(kind, reading) ? [{ kind, shape, reading, missing }] : []
    })
  })
  // The reading that leaves the fewest keys over, then the fewest constants out: an entry with `"type": "sse"` is the
  // tool's SSE shape, not its HTTP one.
  const rank = (r: (typeof readings)[number]) => r.reading.extra.length * 1000 + r.missing.length
  const [best, next] = readings.sort((a, b) => rank(a) - rank(b))
  if (best === undefined)
    return {
      reason: `fits none of ${tool}'s server entries (${KINDS.filter((k) => spec[k]).join(', ')}): a key it needs is missing or holds another value`,
    }
  // `{ "url": … }` where only `"type"` tells HTTP from SSE: which one the tool takes is not for outfit to guess.
  if (
    next !== undefined &&
    next.kind !== best.kind &&
    rank(next) === rank(best) &&
    JSON.stringify(next.shape) !== JSON.stringify(best.shape)
  )
    return {
      reason: `could be ${tool}'s ${best.kind} or ${next.kind} entry: it leaves out ${best.missing.join(', ')}, which tells them apart; write it in the tool's file`,
    }
  const nested = best.reading.extra.filter((path) => path.includes('.') || path.includes('['))
  if (nested.length > 0)
    return { reason: `holds ${nested.join(', ')}, inside keys the kit writes; the kit has no place for it` }
  const server = serverOf(spec, best.kind, best.reading.fields)
  if ('reason' in server) return server
  const extra = best.reading.extra
  if (extra.length > 0 && entry && typeof entry === 'object') {
    const own = Object.fromEntries(extra.map((key) => [key, (entry as Record<string, unknown>)[key]]))
    server.outfit = { overrides: { [tool]: own } }
  }
  return { server }
}

// --- internal ---

/** The servers of one file: the keys of the object at `at`, or the elements of the list there (named by `name`). */
function serverEntries(doc: EntryDocument, input: AdoptToolInput): { name: string; entry: unknown }[] {
  const at = doc.entries.at.map((seg) => renderWith(input.vars, seg))
  if (at.some((seg) => seg === undefined)) return []
  let node: unknown = doc.data
  for (const seg of at as string[]) node = isRecord(node) ? node[seg] : undefined
  if (Array.isArray(node))
    return node.flatMap((entry) => {
      const name = isRecord(entry) ? nameField(doc.entries, entry) : undefined
      return typeof name === 'string' ? [{ name, entry }] : []
    })
  return isRecord(node) ? Object.entries(node).map(([name, entry]) => ({ name, entry })) : []
}

/** The key of a list element that holds its name: the one the shapes fill from `$name`. */
function nameField(spec: Entries, entry: Record<string, unknown>): unknown {
  for (const kind of KINDS) {
    const shape = spec[kind] as Record<string, unknown> | undefined
    const key = shape && Object.keys(shape).find((k) => shape[k] === '$name')
    if (key !== undefined) return entry[key]
  }
  return entry.name
}

/** The top-level keys of the shape holding a constant (`type: stdio`) that the entry leaves out. */
function missingConstants(shape: unknown, entry: unknown): string[] {
  if (!isRecord(shape) || !isRecord(entry)) return []
  return Object.entries(shape)
    .filter(
      ([key, value]) => !Object.hasOwn(entry, key) && (typeof value !== 'string' || !value.startsWith('$')),
    )
    .filter(([, value]) => value === null || typeof value !== 'object')
    .map(([key]) => key)
}

function fits(kind: Kind, reading: Unmapped): boolean {
  if (reading.mismatch.length > 0) return false
  const f = reading.fields
  return kind === 'stdio' ? f.command !== undefined || f.argv !== undefined : f.url !== undefined
}

function serverOf(
  spec: Entries,
  kind: Kind,
  fields: Record<string, unknown>,
): KitMcpServer | { reason: string } {
  const argv = fields.argv
  if (argv !== undefined && !isStrings(argv)) return { reason: 'its command line is not a list of strings' }
  const command = fields.command ?? argv?.[0]
  const args = fields.args ?? argv?.slice(1)
  const checks: [string, boolean][] = [
    ['command', command === undefined || (typeof command === 'string' && command !== '')],
    ['args', args === undefined || isStrings(args)],
    ['url', fields.url === undefined || typeof fields.url === 'string'],
    ['env', fields.env === undefined || isStringMap(fields.env)],
    ['headers', fields.headers === undefined || isStringMap(fields.headers)],
    ['env vars', fields.envVars === undefined || isStrings(fields.envVars)],
    ['env headers', fields.envHeaders === undefined || isStringMap(fields.envHeaders)],
    ['bearer variable', fields.bearerEnv === undefined || typeof fields.bearerEnv === 'string'],
  ]
  const bad = checks.filter(([, ok]) => !ok).map(([what]) => what)
  if (bad.length > 0) return { reason: `its ${bad.join(', ')} ${bad.length === 1 ? 'is' : 'are'} not text` }
  const syntax = spec.envRefs
  const back = (value: string, field: 'env' | 'headers' | 'args' | 'url'): string =>
    syntax === undefined || syntax === 'none' || (syntax.only && !syntax.only.includes(field))
      ? value
      : (backward({ kind: 'envRefs', prefix: syntax.prefix, suffix: syntax.suffix }, value) as string)
  const mapBack = (o: unknown, field: 'env' | 'headers') =>
    Object.fromEntries(Object.entries(o as Record<string, string>).map(([k, v]) => [k, back(v, field)]))
  const env: Record<string, string> = fields.env === undefined ? {} : mapBack(fields.env, 'env')
  const headers: Record<string, string> =
    fields.headers === undefined ? {} : mapBack(fields.headers, 'headers')
  // What a tool that expands no references (or only in some fields) takes instead, back into references.
  const referenced = new Set(
    Object.values(headers).flatMap((v) => [...v.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1])),
  )
  for (const name of (fields.envVars as string[] | undefined) ?? [])
    if (!referenced.has(name) && !Object.hasOwn(env, name)) env[name] = `\${${name}}`
  for (const [header, name] of Object.entries(
    (fields.envHeaders as Record<string, string> | undefined) ?? {},
  ))
    headers[header] = `\${${name}}`
  if (typeof fields.bearerEnv === 'string') headers.Authorization = `Bearer \${${fields.bearerEnv}}`
  const server: KitMcpServer = {}
  if (typeof command === 'string') server.command = back(command, 'args')
  if (args !== undefined && (args as string[]).length > 0)
    server.args = (args as string[]).map((a) => back(a, 'args'))
  if (Object.keys(env).length > 0) server.env = env
  if (typeof fields.url === 'string') server.url = back(fields.url, 'url')
  if (Object.keys(headers).length > 0) server.headers = headers
  if (kind === 'sse') server.transport = 'sse'
  return server
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function isStrings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string')
}

function isStringMap(value: unknown): boolean {
  return isRecord(value) && Object.values(value).every((v) => typeof v === 'string')
}

// The mappings a target declares between the kit's form and its tool's — frontmatter key renames, list ↔ string joins
// and splits, environment reference syntax, hook event names, hook matcher tool names, time units — as data that reads
// both ways. `forward` is what install does with a declaration (the engine calls these very functions); `backward`
// turns the tool's form back into the kit's from the same declaration, for adopting a tool's existing files into a
// kit. Each mapping round-trips: backward(forward(x)) = x for kit values (test/formats/mappings.test.ts, on every
// built-in target). What is not a mapping (keep, drop, set, cases, templates) is one-way by nature and not here.
import type { StepSpec } from '../types.js'
import { rewriteEnvRefs } from './env-refs.js'

export type Mapping =
  /** Keys (frontmatter) or names (hook events) renamed one to one: { kit: tool }. */
  | { kind: 'rename'; map: Record<string, string> }
  /** A kit list written as one string (`join`), or a kit string written as a list (`split`). */
  | { kind: 'join' | 'split'; key: string; separator: string }
  /** `${VAR}` in the kit, `<prefix>VAR<suffix>` in the tool. */
  | { kind: 'envRefs'; prefix: string; suffix: string }
  /** Hook matcher alternatives (`Edit|Write`): kit tool names → the tool's; several may map to one. */
  | { kind: 'tools'; map: Record<string, string> }
  /** Hook timeouts: seconds in the kit, this unit in the tool. */
  | { kind: 'timeUnit'; unit: 'seconds' | 'milliseconds' }

export type Frontmatter = Record<string, unknown>

/** kit form → tool form. */
export function forward(mapping: Mapping, value: unknown): unknown {
  switch (mapping.kind) {
    case 'rename':
      return isRecord(value) ? renameKeys(value, mapping.map) : renameName(value, mapping.map)
    case 'join':
    case 'split': {
      if (!isRecord(value) || !Object.hasOwn(value, mapping.key)) return value
      const joining = mapping.kind === 'join'
      return {
        ...value,
        [mapping.key]: (joining ? joinList : splitString)(value[mapping.key], mapping.separator),
      }
    }
    case 'envRefs':
      return typeof value === 'string' ? rewriteEnvRefs(value, mapping) : value
    case 'tools':
      return typeof value === 'string' ? forwardMatcher(value, mapping.map).value : value
    case 'timeUnit':
      return typeof value === 'number' && mapping.unit === 'milliseconds' ? value * 1000 : value
  }
}

/** tool form → kit form, from the same declaration. */
export function backward(mapping: Mapping, value: unknown): unknown {
  switch (mapping.kind) {
    case 'rename':
      return forward({ kind: 'rename', map: invert(mapping.map) }, value)
    case 'join':
    case 'split':
      return forward({ ...mapping, kind: mapping.kind === 'join' ? 'split' : 'join' }, value)
    case 'envRefs':
      return typeof value === 'string' ? readEnvRefs(value, mapping) : value
    case 'tools':
      return typeof value === 'string' ? backwardMatcher(value, mapping.map) : value
    case 'timeUnit':
      return typeof value === 'number' && mapping.unit === 'milliseconds' ? value / 1000 : value
  }
}

/** Several mappings in the order install applies them; backward undoes them in reverse. */
export const forwardAll = (mappings: Mapping[], value: unknown): unknown =>
  mappings.reduce((v, m) => forward(m, v), value)
export const backwardAll = (mappings: Mapping[], value: unknown): unknown =>
  mappings.reduceRight((v, m) => backward(m, v), value)

/** A mapping that cannot be read backwards: a rename of two keys to one name. */
export function ambiguity(mapping: Mapping): string | undefined {
  if (mapping.kind !== 'rename') return undefined
  const seen = new Map<string, string>()
  for (const [from, to] of Object.entries(mapping.map)) {
    const other = seen.get(to)
    if (other !== undefined) return `'${other}' and '${from}' both become '${to}'`
    seen.set(to, from)
  }
  return undefined
}

/** Where each mapping of a step sits, and what it maps (frontmatter of one transform, or MCP/hook entries). */
export interface DeclaredMappings {
  step: string
  applies: 'frontmatter' | 'mcp values' | 'hook events' | 'hook matchers' | 'hook timeouts'
  mappings: Mapping[]
}

/** The mappings a step declares, read from the step itself (the same data install uses). */
export function declaredMappings(step: StepSpec): DeclaredMappings[] {
  const out: DeclaredMappings[] = []
  const params = ('with' in step.run ? step.run.with : undefined) as Record<string, unknown> | undefined
  for (const transform of (params?.transform ?? []) as { frontmatter?: Record<string, unknown> }[]) {
    const mappings = frontmatterMappings(transform.frontmatter)
    if (mappings.length > 0) out.push({ step: step.name, applies: 'frontmatter', mappings })
  }
  const entries = params?.entries as Record<string, unknown> | undefined
  if (entries) {
    const envRefs = entries.envRefs
    if (isRecord(envRefs) && typeof envRefs.prefix === 'string' && typeof envRefs.suffix === 'string')
      out.push({
        step: step.name,
        applies: 'mcp values',
        mappings: [{ kind: 'envRefs', prefix: envRefs.prefix, suffix: envRefs.suffix }],
      })
    if (isRecord(entries.events))
      out.push({
        step: step.name,
        applies: 'hook events',
        mappings: [{ kind: 'rename', map: entries.events as Record<string, string> }],
      })
    if (isRecord(entries.tools))
      out.push({
        step: step.name,
        applies: 'hook matchers',
        mappings: [{ kind: 'tools', map: entries.tools as Record<string, string> }],
      })
    if (entries.timeoutUnit === 'milliseconds')
      out.push({
        step: step.name,
        applies: 'hook timeouts',
        mappings: [{ kind: 'timeUnit', unit: 'milliseconds' }],
      })
  }
  return out
}

/** The mappings of one frontmatter transform, in the order install applies them (rename, then join, then split). */
export function frontmatterMappings(spec: Record<string, unknown> | undefined): Mapping[] {
  if (!spec) return []
  const out: Mapping[] = []
  if (isRecord(spec.rename) && Object.keys(spec.rename).length > 0)
    out.push({ kind: 'rename', map: spec.rename as Record<string, string> })
  for (const kind of ['join', 'split'] as const)
    for (const [key, separator] of Object.entries((spec[kind] ?? {}) as Record<string, string>))
      out.push({ kind, key, separator })
  return out
}

/**
 * Renames keys all at once, from the values before any rename: renaming a key to itself keeps it, and two renames
 * never overwrite each other's source ({ a: b, b: a } swaps).
 */
export function renameKeys(fm: Frontmatter, renames: Record<string, string>): Frontmatter {
  const out: Frontmatter = {}
  for (const [key, value] of Object.entries(fm)) {
    const to = Object.hasOwn(renames, key) ? (renames[key] ?? key) : key
    // A renamed key wins over a key that already had the new name.
    if (!Object.hasOwn(out, to) || to !== key) out[to] = value
  }
  return out
}

/** A list value as one string (other values unchanged). */
export function joinList(value: unknown, separator: string): unknown {
  return Array.isArray(value) ? value.map(String).join(separator) : value
}

/** A string value as a list of its trimmed, non-empty parts (other values unchanged). */
export function splitString(value: unknown, separator: string): unknown {
  return typeof value === 'string'
    ? value
        .split(separator)
        .map((s) => s.trim())
        .filter(Boolean)
    : value
}

/**
 * Kit matchers use Claude Code's tool names, as alternatives (`Edit|Write`). With a `tools` map each alternative is
 * renamed (several may become one: Codex edits with apply_patch); `*` and an empty matcher mean every tool.
 */
export function forwardMatcher(
  matcher: string | undefined,
  tools: Record<string, string> | undefined,
): { value?: string; unknown: string[] } {
  if (matcher === undefined || matcher === '' || matcher === '*') return { unknown: [] }
  if (tools === undefined) return { value: matcher, unknown: [] }
  const names: string[] = []
  const unknown: string[] = []
  for (const alternative of matcher.split('|').map((s) => s.trim())) {
    const mapped = Object.hasOwn(tools, alternative) ? tools[alternative] : undefined
    if (mapped === undefined) unknown.push(alternative)
    else for (const name of mapped.split('|')) if (!names.includes(name)) names.push(name)
  }
  return names.length > 0 ? { value: names.join('|'), unknown } : { unknown }
}

// --- internal ---

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function renameName(value: unknown, map: Record<string, string>): unknown {
  return typeof value === 'string' && Object.hasOwn(map, value) ? map[value] : value
}

function invert(map: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(map).map(([from, to]) => [to, from]))
}

/** `<prefix>VAR<suffix>` → `${VAR}`. */
function readEnvRefs(value: string, syntax: { prefix: string; suffix: string }): string {
  const ref = new RegExp(
    `${escapeRegExp(syntax.prefix)}([A-Za-z_][A-Za-z0-9_]*)${escapeRegExp(syntax.suffix)}`,
    'g',
  )
  return value.replace(ref, (_m, name: string) => `\${${name}}`)
}

/**
 * A tool matcher → every kit name whose tool names are all among its alternatives (`apply_patch` →
 * `Edit|MultiEdit|Write` for Codex; Antigravity's `multi_replace_file_content` → `MultiEdit` only, as Edit stands for
 * two of its tools), so that the kit matcher maps forward to the same tools again.
 */
function backwardMatcher(matcher: string, tools: Record<string, string>): string {
  const alternatives = new Set(matcher.split('|').map((s) => s.trim()))
  return Object.entries(tools)
    .filter(([, tool]) => tool.split('|').every((name) => alternatives.has(name)))
    .map(([kit]) => kit)
    .join('|')
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

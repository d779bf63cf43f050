// Loads one target: YAML syntax → JSON Schema → presets and conventions filled in (expand.ts) → the expanded steps
// checked against the schema → semantic rules. Returns every problem as data; never throws for user mistakes. A YAML
// syntax error stops the later layers, whose errors would only mislead. Problems inside a step that came from a
// preset are reported at the line of the parameter that caused them, else at the `preset:` line.
import type { Fs } from '../fs/fs.js'
import { validateValue } from '../schema/validate-shape.js'
import type { Diagnostic, LoadResult, LoadedTarget, TargetSource } from '../types.js'
import { expandTarget, sourcePointer, type Expanded } from './expand.js'
import { locate, pointerToSegments, segmentsToPointer } from './locate.js'
import { prevalidated } from './prevalidated.js'
import { MAX_YAML_BYTES, readValidated } from './read-validated.js'
import type { ParsedYaml } from './read-yaml.js'
import { rules } from './rules.js'

export async function loadTarget(fs: Fs, file: string): Promise<LoadResult<LoadedTarget>> {
  const known = await readPrevalidated(fs, file)
  if (known) return known
  const { parsed, diagnostics } = await readValidated(fs, file, 'target.schema.json')
  if (!parsed || diagnostics.length > 0) return { ok: false, diagnostics: diagnostics.map(renamedKey) }
  const expanded = expandTarget(parsed.data as TargetSource)
  const problems = expanded.problems.map((p) => {
    const pointer = segmentsToPointer(p.segments)
    const pos = p.key === undefined ? locate(parsed, pointer) : locate(parsed, parentOf(pointer), p.key)
    return diagnostic(parsed, pointer, pos, p.message)
  })
  const spec = expanded.spec
  // A step whose preset use is already reported would only repeat that problem.
  const reported = new Set(expanded.problems.map((p) => p.segments[1]))
  const shape = validateValue('target.schema.json', spec)
    .filter((p) => !reported.has(Number(/^\/steps\/(\d+)/.exec(p.pointer)?.[1])))
    .map((p) => relocate(parsed, expanded, diagnostic(parsed, p.pointer, { line: 1, column: 1 }, p.message)))
  if (problems.length > 0 || shape.length > 0) return { ok: false, diagnostics: [...problems, ...shape] }
  const found: Diagnostic[] = rules
    .flatMap((rule) => rule(spec, parsed))
    .map((d) => relocate(parsed, expanded, d))
  const errors = found.filter((d) => d.severity === 'error')
  const warnings = found.filter((d) => d.severity === 'warning')
  if (errors.length > 0) return { ok: false, diagnostics: found }
  return { ok: true, value: { file, spec }, warnings }
}

// --- internal ---

/** Keys of the target language that were renamed when conditions became one `when`: say the new spelling. */
const RENAMED: [RegExp, string, string][] = [
  [/^\/steps\/\d+$/, 'scopes', "a step's scopes are a condition now: when: { scope: [...] }"],
  [
    /^\/steps\/\d+\/run\/with$/,
    'select',
    'a filter on frontmatter is a condition now: when: { has: [...], lacks: [...] }',
  ],
  [/\/cases\/[^/]+\/\d+$/, 'if', 'a case is a condition now: when: { has: key }'],
  [/^\/(unsupported|alsoReads)\/\d+$/, 'scopes', 'written like a condition now: scope: [...]'],
]

function renamedKey(d: Diagnostic): Diagnostic {
  for (const [at, key, hint] of RENAMED)
    if (at.test(d.pointer) && d.message.startsWith(`unknown key '${key}'`))
      return { ...d, message: `unknown key '${key}': ${hint}` }
  return d
}

function parentOf(pointer: string): string {
  return pointer.slice(0, pointer.lastIndexOf('/'))
}

function diagnostic(
  parsed: ParsedYaml,
  pointer: string,
  pos: { line: number; column: number },
  message: string,
): Diagnostic {
  return { file: parsed.file, line: pos.line, column: pos.column, pointer, message, severity: 'error' }
}

/** A diagnostic about the expanded target, moved to the place in the target as written that caused it. */
function relocate(parsed: ParsedYaml, expanded: Expanded, d: Diagnostic): Diagnostic {
  const existsInSource = (pointer: string) =>
    parsed.doc.hasIn(pointerToSegments(pointer).map((s) => (/^\d+$/.test(s) ? Number(s) : s)))
  const pointer = sourcePointer(expanded, d.pointer, existsInSource)
  if (pointer === d.pointer && existsInSource(pointer)) return d
  const pos = locate(parsed, pointer)
  const preset = /^\/steps\/(\d+)/.exec(d.pointer)
  const origin = preset ? expanded.origins.get(Number(preset[1])) : undefined
  const inner = preset ? d.pointer.slice(preset[0].length) : ''
  const message = origin && inner ? `${d.message} (preset '${origin.preset}', at ${inner})` : d.message
  return { ...d, line: pos.line, column: pos.column, pointer, message }
}

/** A built-in target exactly as the build checked it (see prevalidated.ts); undefined to load it the long way. */
async function readPrevalidated(fs: Fs, file: string): Promise<LoadResult<LoadedTarget> | undefined> {
  try {
    const st = await fs.stat(file)
    if (!st.isFile() || Number(st.size) > MAX_YAML_BYTES) return undefined
    return prevalidated(file, new Uint8Array(await fs.readFile(file)))
  } catch {
    return undefined // readValidated reports what is wrong with the file
  }
}

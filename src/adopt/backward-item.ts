// One tool file → the kit item install would turn into it, through a copy step's transforms run backwards: the output
// format read (TOML, JSON, a template, or Markdown with the tool's frontmatter), then each transform undone from the
// last to the first (replacements, sets and cases, renames/joins/splits by src/formats/mappings.ts). The guess is
// then proven the only way that counts: the item is rendered forward by install's own code (applyTransforms) and
// compared with the tool's file. What still differs in the tool's keys becomes the item's per-tool overrides (the
// tool's own keys, applied last on install); a body that cannot be reproduced is reported, never written wrong.
import { parse as parseToml } from 'smol-toml'
import type { Transform } from '../generated/target.js'
import { deepEqual } from '../formats/deep-equal.js'
import { backwardAll, frontmatterMappings } from '../formats/mappings.js'
import { applyTransforms, renameSourceKeys } from '../transforms/apply.js'
import { holdsFor, isSet } from '../transforms/file-when.js'
import { makeItem } from '../transforms/item.js'
import {
  checkFrontmatter,
  FENCE,
  frontmatterKeys,
  renderMarkdown,
  type MarkdownDoc,
} from '../transforms/markdown.js'
import { interpolate, type Lookup } from '../vars/interpolate.js'
import { matchTemplate } from './template-match.js'

/** A kit Markdown item as adopt builds it. */
export interface KitDoc {
  frontmatter: Record<string, unknown>
  body: string
  /** The tool file's frontmatter text: keys the kit keeps as they were are written as they were. */
  source?: string
}

/** What the tool's file holds, read the way the tool reads it (for the comparison after the round trip). */
type ToolData =
  | { kind: 'markdown'; frontmatter: Record<string, unknown>; body: string }
  | { kind: 'data'; data: Record<string, unknown> }
  | { kind: 'text'; text: string }

export interface BackwardResult {
  doc: KitDoc
  /** The tool's keys install would not reproduce from the kit item: the tool's value, or null where it has none. */
  overrides: Record<string, unknown>
  /** Set when the body cannot be reproduced (then the item is not adopted). */
  bodyDiffers?: boolean
}

export class AdoptParseError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message)
  }
}

/**
 * Reads `text` (the tool's file `file`) back through `transforms`. `nameVars` are what the file's name gave
 * (`item.stem`); `kitPath` is the item's path relative to its kit folder (`reviewer.md`).
 */
export function readBackward(
  text: string,
  file: string,
  transforms: Transform[],
  lookup: Lookup,
  nameVars: Record<string, string>,
  kitPath: string,
): BackwardResult {
  const outputAt = transforms.findIndex((t) => t.template !== undefined || t.toml || t.json)
  const output = outputAt >= 0 ? transforms[outputAt] : undefined
  const edits = outputAt >= 0 ? transforms.slice(0, outputAt) : transforms
  const verbatim = edits.flatMap((t) => t.frontmatter?.verbatim ?? [])
  const vars = (extra: Record<string, string>) => renderLookup(lookup, { ...nameVars, ...extra })
  let doc: KitDoc
  if (output) doc = readOutput(text, file, output, vars({}))
  else {
    const removed = edits.some((t) => t.frontmatter?.remove)
    doc = removed ? { frontmatter: {}, body: text } : readMarkdown(text, file, verbatim)
  }
  for (const t of [...edits].reverse()) {
    if (t.replace)
      for (const [search, replacement] of Object.entries(t.replace).reverse())
        if (replacement !== '') doc = { ...doc, body: doc.body.split(replacement).join(search) }
    if (t.frontmatter && !t.frontmatter.remove) {
      const rename = t.frontmatter.rename
      const back = rename ? Object.fromEntries(Object.entries(rename).map(([k, v]) => [v, k])) : undefined
      doc = {
        ...doc,
        frontmatter: undoFrontmatter(doc.frontmatter, t.frontmatter, vars({})),
        ...(doc.source !== undefined && back ? { source: renameSourceKeys(doc.source, back) } : {}),
      }
    }
  }
  const forwarded = forwardText(doc, kitPath, file, transforms, lookup)
  const original = toolData(text, file, transforms)
  const produced = toolData(forwarded, file, transforms)
  return { doc, ...difference(original, produced, bodyKeys(output)) }
}

/** The kit item as install renders it into the tool (install's own transforms). */
export function forwardText(
  doc: KitDoc,
  kitPath: string,
  file: string,
  transforms: Transform[],
  lookup: Lookup,
): string {
  const text = kitText(doc)
  const item = makeItem(kitPath, text, file)
  return applyTransforms(item, transforms, (template, v) => interpolate(template, renderLookup(lookup, v)))
}

/** The kit file's text: the frontmatter keys it keeps from the tool's file are written as they were there. */
export function kitText(doc: KitDoc): string {
  if (Object.keys(doc.frontmatter).length === 0) return doc.body
  return renderMarkdown({
    frontmatter: doc.frontmatter,
    body: doc.body,
    ...(doc.source !== undefined ? { source: doc.source } : {}),
  })
}

/** The overrides one tool needs for a kit item to become its file again; undefined when the body differs. */
export function overridesAgainst(
  doc: KitDoc,
  toolText: string,
  file: string,
  transforms: Transform[],
  lookup: Lookup,
  kitPath: string,
): Record<string, unknown> | undefined {
  const produced = toolData(forwardText(doc, kitPath, file, transforms, lookup), file, transforms)
  const output = transforms.find((t) => t.template !== undefined || t.toml || t.json)
  const diff = difference(toolData(toolText, file, transforms), produced, bodyKeys(output))
  return diff.bodyDiffers ? undefined : diff.overrides
}

/** Whether a kit item would be copied by a step with this `when` (Claude Code's path-scoped rules). */
export function selectedBy(doc: KitDoc, when: Parameters<typeof holdsFor>[0]): boolean {
  return holdsFor(when, doc.frontmatter)
}

// --- internal ---

function renderLookup(lookup: Lookup, vars: Record<string, string>): Lookup {
  return (name) =>
    Object.hasOwn(vars, name) ? vars[name] : (lookup(name) ?? (name.startsWith('item.') ? '' : undefined))
}

/** The tool's Markdown, its frontmatter read as the tool reads it (`verbatim` keys as raw text). */
function readMarkdown(text: string, file: string, verbatim: string[]): KitDoc {
  const match = FENCE.exec(text)
  if (!match) return { frontmatter: {}, body: text }
  const source = match[1] ?? ''
  const body = text.slice(match[0].length)
  if (verbatim.length === 0) {
    const out: { doc?: MarkdownDoc } = {}
    const problem = checkFrontmatter(file, text, out)[0]
    if (problem) throw new AdoptParseError(problem.message, problem.line, problem.column)
    return { frontmatter: out.doc?.frontmatter ?? {}, body, source }
  }
  // A tool whose frontmatter is not strict YAML (Cursor: `globs: *.ts`): each key alone, the verbatim ones raw.
  const keys = frontmatterKeys(source, verbatim)
  const lines = source.split('\n')
  for (const [i, line] of lines.entries()) {
    const key = /^([^\s#:][^:]*?):(?:\s|$)/.exec(line)?.[1]
    if (key !== undefined && !keys.has(key))
      throw new AdoptParseError(`frontmatter key '${key}' is not valid YAML`, i + 2, 1)
  }
  return { frontmatter: Object.fromEntries([...keys].map(([k, v]) => [k, v.value])), body, source }
}

/** A file that a `toml`, `json` or `template` transform wrote, back into a document. */
function readOutput(text: string, file: string, output: Transform, lookup: Lookup): KitDoc {
  if (output.template !== undefined) {
    const m = matchTemplate(output.template, text, lookup)
    if (!m) throw new AdoptParseError(`${file} is not in the form its target writes`)
    return fromVars(m.vars, m.set, m.unset)
  }
  const data = parseData(text, file, output.toml ? 'toml' : 'json')
  const vars: Record<string, string> = {}
  for (const [key, template] of Object.entries(output.toml ?? output.json ?? {})) {
    const value = data[key]
    if (typeof value !== 'string') continue
    const m = matchTemplate(template, value, lookup)
    if (m) Object.assign(vars, m.vars)
  }
  return fromVars(vars, [], [])
}

function fromVars(vars: Record<string, string>, set: string[], unset: string[]): KitDoc {
  const fm: Record<string, unknown> = {}
  if (vars['item.title'] !== undefined && vars['item.title'] !== vars['item.stem'])
    fm.name = vars['item.title']
  if (vars['item.description']) fm.description = vars['item.description']
  for (const [name, value] of Object.entries(vars))
    if (name.startsWith('item.fm.') && value !== '') fm[name.slice('item.fm.'.length)] = value
  for (const name of set)
    if (name.startsWith('item.fm.') && !isSet(fm[name.slice(8)])) fm[name.slice(8)] = true
  for (const name of unset) if (name.startsWith('item.fm.')) delete fm[name.slice(8)]
  return { frontmatter: fm, body: vars['item.body'] ?? vars['item.content'] ?? '' }
}

type FrontmatterSpec = NonNullable<Transform['frontmatter']>

/** One frontmatter transform undone: what install set goes, cases give back their conditions, mappings reverse. */
function undoFrontmatter(
  fm: Record<string, unknown>,
  spec: FrontmatterSpec,
  lookup: Lookup,
): Record<string, unknown> {
  let out = { ...fm }
  const render = (value: unknown): unknown =>
    typeof value === 'string' ? interpolate(value, lookup) : Array.isArray(value) ? value.map(render) : value
  for (const [key, cases] of Object.entries(spec.cases ?? {}).reverse()) {
    if (!Object.hasOwn(out, key)) continue
    const value = out[key]
    const hit = cases.findIndex((c) => deepEqual(render(c.value), value))
    if (hit < 0) continue
    delete out[key]
    const list = (keys: string | string[] | undefined) =>
      keys === undefined ? [] : typeof keys === 'string' ? [keys] : keys
    // The cases before the one that gave this value did not hold; the one that did, held.
    for (const earlier of cases.slice(0, hit))
      for (const k of list(earlier.when?.has)) if (!list(cases[hit]?.when?.has).includes(k)) delete out[k]
    for (const k of list(cases[hit]?.when?.has)) if (!isSet(out[k])) out[k] = true
    for (const k of list(cases[hit]?.when?.lacks)) delete out[k]
  }
  for (const [key, value] of Object.entries(spec.set ?? {}))
    if (deepEqual(out[key], render(value))) delete out[key]
  for (const [key, value] of Object.entries(spec.default ?? {}))
    if (deepEqual(out[key], render(value))) delete out[key]
  // A kit list passes a `split` unchanged, so a list the tool has stays a list (its text kept) rather than joined.
  out = backwardAll(
    frontmatterMappings(spec).filter((m) => m.kind !== 'split' || !Array.isArray(out[m.key])),
    out,
  ) as Record<string, unknown>
  if (spec.keep) out = Object.fromEntries(Object.entries(out).filter(([k]) => spec.keep?.includes(k)))
  return out
}

function toolData(text: string, file: string, transforms: Transform[]): ToolData {
  const output = transforms.find((t) => t.template !== undefined || t.toml || t.json)
  if (output?.toml) return { kind: 'data', data: parseData(text, file, 'toml') }
  if (output?.json) return { kind: 'data', data: parseData(text, file, 'json') }
  if (output || transforms.some((t) => t.frontmatter?.remove)) return { kind: 'text', text }
  const verbatim = transforms.flatMap((t) => t.frontmatter?.verbatim ?? [])
  const doc = readMarkdown(text, file, verbatim)
  return { kind: 'markdown', frontmatter: doc.frontmatter, body: doc.body }
}

/** The keys of a TOML or JSON output that hold the item's body: a difference there is the body's, not a key's. */
function bodyKeys(output: Transform | undefined): string[] {
  return Object.entries(output?.toml ?? output?.json ?? {})
    .filter(([, template]) => /\{\{\s*item\.(body|content)\s*\}\}/.test(template))
    .map(([key]) => key)
}

function difference(
  original: ToolData,
  produced: ToolData,
  bodies: string[] = [],
): { overrides: Record<string, unknown>; bodyDiffers?: boolean } {
  if (original.kind === 'text' || produced.kind === 'text')
    return original.kind === 'text' && produced.kind === 'text' && original.text === produced.text
      ? { overrides: {} }
      : { overrides: {}, bodyDiffers: true }
  const [a, b] =
    original.kind === 'markdown' && produced.kind === 'markdown'
      ? [original.frontmatter, produced.frontmatter]
      : original.kind === 'data' && produced.kind === 'data'
        ? [original.data, produced.data]
        : [{}, {}]
  const overrides: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(a)) if (!deepEqual(value, b[key])) overrides[key] = value
  for (const key of Object.keys(b)) if (!Object.hasOwn(a, key)) overrides[key] = null
  const bodyDiffers =
    (original.kind === 'markdown' && produced.kind === 'markdown' && original.body !== produced.body) ||
    bodies.some((key) => Object.hasOwn(overrides, key))
  return bodyDiffers ? { overrides, bodyDiffers } : { overrides }
}

function parseData(text: string, file: string, format: 'toml' | 'json'): Record<string, unknown> {
  try {
    const data: unknown = format === 'toml' ? parseToml(text) : JSON.parse(text)
    if (data && typeof data === 'object' && !Array.isArray(data)) return data as Record<string, unknown>
    throw new Error(`not a ${format.toUpperCase()} table`)
  } catch (error) {
    const e = error as { message: string; line?: number; column?: number }
    throw new AdoptParseError(
      `not valid ${format.toUpperCase()}: ${e.message.split('\n')[0] ?? ''}`,
      e.line,
      e.column,
    )
  }
}

// Markdown with YAML frontmatter: the canonical format of kit agents, commands, rules and skills.
import { LineCounter, parse, parseDocument, stringify } from 'yaml'
import type { Diagnostic } from '../types.js'
import { deepEqual } from '../formats/deep-equal.js'

export interface MarkdownDoc {
  frontmatter: Record<string, unknown>
  body: string
  hadFrontmatter: boolean
  /** Keys written without YAML quoting (tools whose frontmatter is not strict YAML). */
  verbatim?: string[]
  /**
   * The frontmatter's own text: a key whose value is still the one written there is rendered as it was written
   * (quoting, comments, flow lists), so a file whose keys the tool takes as they are is copied byte for byte.
   */
  source?: string
}

export const FENCE = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/

export function parseMarkdown(text: string, file: string): MarkdownDoc {
  const match = FENCE.exec(text)
  if (!match) return { frontmatter: {}, body: text, hadFrontmatter: false }
  let data: unknown
  try {
    data = parse(match[1] ?? '')
  } catch (error) {
    throw new Error(`${file}: frontmatter is not valid YAML (${(error as Error).message.split('\n')[0]})`, {
      cause: error,
    })
  }
  if (data !== null && (typeof data !== 'object' || Array.isArray(data)))
    throw new Error(`${file}: frontmatter must be a YAML mapping`)
  return {
    frontmatter: (data ?? {}) as Record<string, unknown>,
    body: text.slice(match[0].length),
    hadFrontmatter: true,
    source: match[1] ?? '',
  }
}

/**
 * The frontmatter of a Markdown file as YAML, with positions in the file (not in the frontmatter). When it passes,
 * `out.doc` is the document as parseMarkdown gives it: the same fence, the same YAML parser and alias limit. The kit
 * check (src/kit/check-kit-files.ts) and install's copy of a file the check did not see both use it, so that a
 * frontmatter error is located the same way.
 */
export function checkFrontmatter(file: string, text: string, out: { doc?: MarkdownDoc } = {}): Diagnostic[] {
  const match = FENCE.exec(text)
  if (!match) {
    out.doc = { frontmatter: {}, body: text, hadFrontmatter: false }
    return []
  }
  const at = (message: string, line: number, column: number): Diagnostic => ({
    file,
    line: line + 1,
    column,
    pointer: '',
    message,
    severity: 'error',
  })
  // Most frontmatter is a few `key: value` lines that YAML can only read one way: read so, without the parser.
  const simple = simpleMapping(match[1] ?? '')
  if (simple) {
    out.doc = {
      frontmatter: simple,
      body: text.slice(match[0].length),
      hadFrontmatter: true,
      source: match[1] ?? '',
    }
    return []
  }
  const lineCounter = new LineCounter()
  const doc = parseDocument(match[1] ?? '', { lineCounter, prettyErrors: false })
  const first = doc.errors[0]
  if (first) {
    const pos = lineCounter.linePos(first.pos[0])
    return [
      at(
        `frontmatter is not valid YAML: ${first.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '')}`,
        pos.line,
        pos.col,
      ),
    ]
  }
  let data: unknown
  try {
    data = doc.toJS({ maxAliasCount: 100 })
  } catch (error) {
    return [
      at(`frontmatter YAML aliases expand too far (${(error as Error).message}); write the values out`, 1, 1),
    ]
  }
  if (data !== null && (typeof data !== 'object' || Array.isArray(data)))
    return [at('frontmatter must be a YAML mapping (key: value lines)', 1, 1)]
  out.doc = {
    frontmatter: (data ?? {}) as Record<string, unknown>,
    body: text.slice(match[0].length),
    hadFrontmatter: true,
    source: match[1] ?? '',
  }
  return []
}

export function renderMarkdown(doc: {
  frontmatter: Record<string, unknown>
  body: string
  verbatim?: string[]
  source?: string
}): string {
  if (Object.keys(doc.frontmatter).length === 0) return doc.body
  const written = doc.source === undefined ? undefined : writtenKeys(doc.source, doc.verbatim ?? [])
  const lines = Object.entries(doc.frontmatter).map(([key, value]) => {
    const bare =
      doc.verbatim?.includes(key) &&
      (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    // A verbatim key is always written bare: the tool reads its raw text, not the kit's quoting.
    if (bare) return value === '' ? `${key}:` : `${key}: ${String(value)}`
    const own = written?.get(key)
    if (own && deepEqual(own.value, value)) return own.text
    return renderKey(key, value)
  })
  return `---\n${lines.join('\n')}\n---\n${doc.body}`
}

/**
 * frontmatterKeys of the texts rendered lately: a kit file is rendered once per tool of the run (seven times for the
 * bench's seven tools) and each render parsed every key's lines anew with the YAML parser, the largest item of a
 * first install's profile. Bounded, so a large kit does not keep every file's keys for the whole run; the maps are
 * only read (renderMarkdown compares and copies, never changes them).
 */
const keysMemo = new Map<string, ReadonlyMap<string, { text: string; value: unknown }>>()
const KEYS_MEMO_SIZE = 2048

function writtenKeys(
  source: string,
  verbatim: readonly string[],
): ReadonlyMap<string, { text: string; value: unknown }> {
  const memoKey = `${verbatim.join('\0')}\0\0${source}`
  let keys = keysMemo.get(memoKey)
  if (!keys) {
    keys = frontmatterKeys(source, verbatim)
    if (keysMemo.size >= KEYS_MEMO_SIZE) keysMemo.clear()
    keysMemo.set(memoKey, keys)
  }
  return keys
}

/**
 * Each top-level key of a frontmatter text with its lines as written (up to the next key: comments and blank lines
 * after it go with it) and its value as read. A key of `verbatim` is read as its raw text, as a tool whose frontmatter
 * is not strict YAML reads it (Cursor's `globs: *.ts`); another key that does not parse alone is left out.
 */
export function frontmatterKeys(
  source: string,
  verbatim: readonly string[] = [],
): Map<string, { text: string; value: unknown }> {
  const out = new Map<string, { text: string; value: unknown }>()
  const lines = source.split('\n')
  let start = -1
  const flush = (end: number): void => {
    if (start < 0) return
    const text = lines.slice(start, end).join('\n').replace(/\n+$/, '')
    const key = /^([^\s#:][^:]*?):(?:\s|$)/.exec(text)?.[1]
    if (key === undefined || out.has(key)) return
    const raw = text.slice(key.length + 1)
    if (verbatim.includes(key) && !raw.includes('\n')) {
      out.set(key, { text, value: raw.trim() })
      return
    }
    const simple = SIMPLE_KEY.test(key) && !raw.includes('\n') ? simpleValue(raw.trim()) : undefined
    if (simple !== undefined) {
      out.set(key, { text, value: simple })
      return
    }
    try {
      const data = parse(text) as Record<string, unknown> | null
      if (data && typeof data === 'object' && Object.hasOwn(data, key))
        out.set(key, { text, value: data[key] })
    } catch {
      // Not YAML alone: rendered anew from its value.
    }
  }
  lines.forEach((line, i) => {
    if (/^[^\s#-]/.test(line)) {
      flush(i)
      start = i
    }
  })
  flush(lines.length)
  return out
}

// --- internal ---

const SIMPLE_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/
/**
 * A plain scalar that YAML's core schema reads as this very string, and that the YAML library writes plain: starts
 * with a letter, no indicator inside (`*` is one only at the start of a scalar, so a glob like `src/x/*.ts` is plain).
 */
const PLAIN = /^[A-Za-z][A-Za-z0-9 _.,;()/+*-]*$/
/** What YAML's core schema (or the 1.1 words some tools' parsers still know) reads as other than a string. */
const NOT_A_STRING = /^(?:true|false|null|yes|no|on|off|y|n)$/i
// Control characters excluded: in a quoted scalar they need YAML's escapes or are folded (tab), so the parser decides.
// eslint-disable-next-line no-control-regex
const DOUBLE_QUOTED = /^"([^"\\\x00-\x1f]*)"$/
// eslint-disable-next-line no-control-regex
const SINGLE_QUOTED = /^'([^'\x00-\x1f]*)'$/

/**
 * The value of a one-line scalar whose reading is certain without the YAML parser (most frontmatter: a name, a
 * description, a quoted glob), or undefined to parse it: each key was parsed alone, the largest item of a large
 * install's profile. Conservative: anything but a plain word-like string or a quoted one without escapes is parsed.
 */
function simpleScalar(raw: string, plain = PLAIN): string | undefined {
  const quoted = DOUBLE_QUOTED.exec(raw) ?? SINGLE_QUOTED.exec(raw)
  if (quoted) return quoted[1]
  return plain.test(raw) && !NOT_A_STRING.test(raw) && !raw.endsWith(' ') ? raw : undefined
}

/**
 * One key as YAML writes it: a plainly-a-string value (see PLAIN) as `key: value`, which is what the YAML library
 * writes for it too, without going through it (a new or renamed key of every rendered file); anything else by YAML.
 */
function renderKey(key: string, value: unknown): string {
  if (SIMPLE_KEY.test(key)) {
    if (typeof value === 'string' && PLAIN.test(value) && !NOT_A_STRING.test(value) && !value.endsWith(' '))
      return `${key}: ${value}`
    // Cursor's `alwaysApply: false`, Claude's `maxTurns: 5`: written as YAML writes them (-0 and unsafe integers aside).
    if (typeof value === 'boolean' || (Number.isSafeInteger(value) && !Object.is(value, -0)))
      return `${key}: ${String(value)}`
  }
  return stringify({ [key]: value }, { lineWidth: 0 }).trimEnd()
}

const SIMPLE_LINE = /^([A-Za-z_][A-Za-z0-9_-]*): (.*)$/

/**
 * A frontmatter text of `key: value` lines only, each key once and each value one that simpleValue reads (a plain or
 * quoted string, or a flow list of them), as YAML reads it; undefined for anything else (comments, blank lines, block
 * values, anchors, other types), which the YAML parser reads and checks.
 */
function simpleMapping(source: string): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {}
  for (const line of source.split('\n')) {
    const match = SIMPLE_LINE.exec(line)
    const key = match?.[1]
    if (key === undefined || key === '__proto__' || Object.hasOwn(out, key)) return undefined
    const value = simpleValue((match?.[2] ?? '').trim())
    if (value === undefined) return undefined
    out[key] = value
  }
  return out
}

/** A plain scalar inside a flow list: no comma or bracket either. */
const PLAIN_IN_FLOW = /^[A-Za-z][A-Za-z0-9 _./+-]*$/

/** A one-line flow list of such scalars (`tools: [Read, Grep]`, `globs: ["src/**"]`), or undefined to parse it. */
function simpleValue(raw: string): string | string[] | undefined {
  if (!raw.startsWith('[')) return simpleScalar(raw)
  if (!raw.endsWith(']')) return undefined
  const inner = raw.slice(1, -1)
  if (inner.trim() === '') return []
  const items: string[] = []
  for (const item of inner.split(',')) {
    const value = simpleScalar(item.trim(), PLAIN_IN_FLOW)
    if (value === undefined) return undefined
    items.push(value)
  }
  return items
}

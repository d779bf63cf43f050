// Comment- and formatting-preserving YAML edits (Continue's config.yaml, Goose's config.yaml, Aider's .aider.conf.yml).
// `yaml`'s Document API finds the nodes and their source ranges; the edit itself is spliced into the text, because
// re-printing the whole document (doc.toString) re-spaces the user's comments, re-indents their lists and pads their
// flow collections. Only the lines outfit adds or removes change. Block collections are edited in place; a flow
// collection (`{ a: 1 }`, `[x]`) on the way is re-printed as a whole, in block style.
import {
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  stringify,
  type Document,
  type Node,
  type Pair,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml'
import { ConfigParseError } from './json-edit.js'

export type YamlPath = string[]

/** Parses one YAML document whose top level is a mapping (or nothing); anything else is an error with a position. */
export function parseYaml(file: string, text: string): Document {
  const doc = parseDocument(text, { uniqueKeys: true })
  const first = doc.errors[0]
  if (first) {
    const pos = first.linePos?.[0] ?? { line: 1, col: 1 }
    throw new ConfigParseError(
      file,
      pos.line,
      pos.col,
      `not valid YAML (${first.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '')}); fix the file and run again, nothing was written`,
    )
  }
  if (doc.contents !== null && !isMap(doc.contents)) {
    throw new ConfigParseError(file, 1, 1, 'expected a YAML mapping at the top level; nothing was written')
  }
  return doc
}

export function yamlGet(text: string, path: YamlPath): { found: boolean; value?: unknown } {
  const doc = parseDocument(text)
  if (!doc.hasIn(path)) return { found: false }
  const node: unknown = doc.getIn(path, true)
  return { found: true, value: toJs(node) }
}

/** Sets one value (creating the maps along the path), or with `undefined` removes the key. */
/** `before`: a new key goes on the line above this sibling key, if the map has it in block style (else at the end). */
export function yamlSet(text: string, path: YamlPath, value: unknown, before?: string): string {
  if (value === undefined) return removePair(text, path)
  const doc = parseDocument(text)
  const style = detectStyle(text)
  // The deepest map that exists along the path; the rest of the path is created as one nested value.
  let depth = 0
  let map: YAMLMap | null = isMap(doc.contents) ? doc.contents : null
  while (map && depth < path.length - 1) {
    const next = pairOf(map, path[depth] ?? '')?.value
    if (!isMap(next)) break
    map = next
    depth++
  }
  const key = path[depth] ?? ''
  const nested = path.slice(depth + 1).reduceRight<unknown>((v, k) => ({ [k]: v }), value)
  if (map && isFlow(map)) return reprint(doc, path, value)
  const pair = map ? pairOf(map, key) : undefined
  if (pair && depth < path.length - 1 && !isNullNode(pair.value)) {
    throw new Error(
      `cannot add '${path.join('.')}': '${path.slice(0, depth + 1).join('.')}' is not a mapping`,
    )
  }
  if (pair) return replacePair(text, pair, key, nested, style)
  if (!map) {
    if (doc.contents !== null) return reprint(doc, path, value)
    return appendTopLevel(text, key, nested, style)
  }
  const next = before !== undefined && depth === path.length - 1 ? pairOf(map, before) : undefined
  if (next) {
    const keyStart = next.key.range?.[0] ?? 0
    const indent = lineIndent(text, keyStart)
    const lineStart = keyStart - indent.length
    if (lineStart === 0 || text[lineStart - 1] === '\n')
      return (
        text.slice(0, lineStart) + renderPair(key, nested, indent, style) + style.eol + text.slice(lineStart)
      )
  }
  return insertPair(text, map, key, nested, style)
}

/** Appends an item to the sequence at `path`, creating it (and the maps above it) when missing. */
export function yamlAppend(text: string, path: YamlPath, item: unknown): string {
  const doc = parseDocument(text)
  const seq: unknown = doc.hasIn(path) ? doc.getIn(path, true) : undefined
  if (seq === undefined || isNullNode(seq)) return yamlSet(text, path, [item])
  if (!isSeq(seq)) throw new Error(`cannot append to '${path.join('.')}': it is not a list`)
  if (seq.items.length === 0 || isFlow(seq)) return yamlSet(text, path, [...(toJs(seq) as unknown[]), item])
  const style = detectStyle(text)
  const indent = lineIndent(text, seq.range?.[0] ?? 0)
  const at = lineEndAfter(text, seq.range?.[1] ?? text.length)
  return (
    text.slice(0, at) +
    style.eol +
    prefixLines(stringify([item], style.options).trimEnd(), indent, style.eol) +
    text.slice(at)
  )
}

/** Replaces (or with `undefined` removes) item `index` of the sequence at `path`. */
export function yamlSetItem(text: string, path: YamlPath, index: number, item: unknown): string {
  const doc = parseDocument(text)
  const seq: unknown = doc.getIn(path, true)
  if (!isSeq(seq) || index < 0 || index >= seq.items.length) return text
  if (isFlow(seq)) {
    const list = toJs(seq) as unknown[]
    if (item === undefined) list.splice(index, 1)
    else list[index] = item
    return yamlSet(text, path, list)
  }
  const node = seq.items[index] as Node
  const dash = text.lastIndexOf('-', node.range?.[0] ?? 0)
  const start = text.lastIndexOf('\n', dash - 1) + 1
  const end = nextLineStart(text, lineEndAfter(text, node.range?.[1] ?? dash))
  if (item !== undefined) {
    const style = detectStyle(text)
    return (
      text.slice(0, start) +
      prefixLines(stringify([item], style.options).trimEnd(), lineIndent(text, dash), style.eol) +
      style.eol +
      text.slice(end)
    )
  }
  if (seq.items.length === 1) return yamlSet(text, path, [])
  return text.slice(0, start) + text.slice(end)
}

export function detectStyle(text: string): {
  unit: string
  eol: string
  indentSeq: boolean
  options: { indent: number; indentSeq: boolean; lineWidth: number }
} {
  const eol = text.includes('\r\n') ? '\r\n' : '\n'
  const lines = text.split(/\r?\n/)
  let unit = 0
  let indentSeq = true
  let seenSeq = false
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? ''
    const prev = previousContent(lines, i)
    if (!prev || !/:\s*(#.*)?$/.test(prev) || line.trim() === '' || line.trimStart().startsWith('#')) continue
    const diff = indentOf(line) - indentOf(prev)
    if (line.trimStart().startsWith('- ') && !seenSeq) {
      seenSeq = true
      indentSeq = diff > 0
    } else if (!line.trimStart().startsWith('- ') && diff > 0 && unit === 0) unit = diff
  }
  const n = unit || 2
  return { unit: ' '.repeat(n), eol, indentSeq, options: { indent: n, indentSeq, lineWidth: 0 } }
}

// --- internal ---

type Style = ReturnType<typeof detectStyle>

function toJs(node: unknown): unknown {
  return node && typeof node === 'object' && 'toJSON' in node
    ? (node as { toJSON(): unknown }).toJSON()
    : node
}

function keyText(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key)
}

function pairOf(map: YAMLMap, key: string): Pair<Node, Node | null> | undefined {
  return (map.items as Pair<Node, Node | null>[]).find((p) => keyText(p as Pair) === key)
}

function isFlow(node: YAMLMap | YAMLSeq): boolean {
  return node.flow === true || (node.range !== undefined && node.range !== null && node.items.length === 0)
}

function isNullNode(node: unknown): boolean {
  return node === null || (isScalar(node) && node.value === null)
}

/** `key: value` (or `key:` and a nested block) at `indent`, lines joined with the file's line ending. */
function renderPair(key: string, value: unknown, indent: string, style: Style): string {
  const k = stringify(key, style.options).trimEnd()
  const inline =
    value === null ||
    typeof value !== 'object' ||
    (Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0)
  const body = stringify(value, style.options).trimEnd()
  if (inline) return `${indent}${k}: ${prefixLines(body, indent, style.eol).slice(indent.length)}`
  const child = Array.isArray(value) && !style.indentSeq ? indent : indent + style.unit
  return `${indent}${k}:${style.eol}${prefixLines(body, child, style.eol)}`
}

function prefixLines(text: string, indent: string, eol: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? line : indent + line))
    .join(eol)
}

function replacePair(
  text: string,
  pair: Pair<Node, Node | null>,
  key: string,
  value: unknown,
  style: Style,
): string {
  const keyStart = pair.key.range?.[0] ?? 0
  const end = lineEndAfter(text, pair.value?.range?.[1] ?? pair.key.range?.[1] ?? keyStart)
  const comment = isScalar(pair.value) ? trailingComment(text, pair.value.range?.[1] ?? keyStart, end) : ''
  const indent = lineIndent(text, keyStart)
  const lineStart = keyStart - indent.length
  return text.slice(0, lineStart) + renderPair(key, value, indent, style) + comment + text.slice(end)
}

function insertPair(text: string, map: YAMLMap, key: string, value: unknown, style: Style): string {
  const first = map.items[0] as Pair<Node, Node | null> | undefined
  const last = map.items[map.items.length - 1] as Pair<Node, Node | null> | undefined
  const indent = lineIndent(text, first?.key.range?.[0] ?? 0)
  const at = lineEndAfter(text, last?.value?.range?.[1] ?? last?.key.range?.[1] ?? text.length)
  return text.slice(0, at) + style.eol + renderPair(key, value, indent, style) + text.slice(at)
}

function appendTopLevel(text: string, key: string, value: unknown, style: Style): string {
  const pair = renderPair(key, value, '', style) + style.eol
  if (text.trim() === '') return text.replace(/^\s*$/, '') + pair
  return text.endsWith('\n') ? text + pair : text + style.eol + pair
}

function removePair(text: string, path: YamlPath): string {
  const doc = parseDocument(text)
  const parent: unknown = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true)
  if (!isMap(parent)) return text
  const pair = pairOf(parent, path[path.length - 1] ?? '')
  if (!pair) return text
  if (isFlow(parent)) return reprint(doc, path, undefined)
  const keyStart = pair.key.range?.[0] ?? 0
  const start = keyStart - lineIndent(text, keyStart).length
  const end = lineEndAfter(text, pair.value?.range?.[1] ?? pair.key.range?.[1] ?? keyStart)
  const out = text.slice(0, start) + text.slice(nextLineStart(text, end))
  // A map left with nothing in it would read as null: write it as {} so the key keeps its type.
  if (parent.items.length === 1 && path.length > 1) return yamlSet(out, path.slice(0, -1), {})
  return out
}

/** Falls back to yaml's printer for what cannot be spliced (flow collections, a non-map top level). */
function reprint(doc: Document, path: YamlPath, value: unknown): string {
  if (value === undefined) doc.deleteIn(path)
  else doc.setIn(path, doc.createNode(value))
  const style = detectStyle(String(doc))
  return doc.toString(style.options)
}

/** The offset of the newline ending the line that holds the character before `offset` (or the text's end). */
function lineEndAfter(text: string, offset: number): number {
  let p = offset
  while (
    p > 0 &&
    (text[p - 1] === '\n' || text[p - 1] === '\r' || text[p - 1] === ' ' || text[p - 1] === '\t')
  )
    p--
  const nl = text.indexOf('\n', p)
  if (nl < 0) return text.length
  return text[nl - 1] === '\r' ? nl - 1 : nl
}

function trailingComment(text: string, from: number, end: number): string {
  return from < end ? (/^[ \t]+#.*$/.exec(text.slice(from, end))?.[0] ?? '') : ''
}

/** The start of the line after the one ending at `end` (the text's end on the last line). */
function nextLineStart(text: string, end: number): number {
  if (text[end] === '\r') return Math.min(text.length, end + 2)
  return Math.min(text.length, end + 1)
}

function lineIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? ''
}

function previousContent(lines: string[], i: number): string | undefined {
  for (let j = i - 1; j >= 0; j--) {
    const line = lines[j] ?? ''
    if (line.trim() !== '' && !line.trimStart().startsWith('#')) return line
  }
  return undefined
}

function indentOf(line: string): number {
  return /^ */.exec(line)?.[0].length ?? 0
}

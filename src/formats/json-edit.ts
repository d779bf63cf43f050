// Comment- and formatting-preserving JSON/JSONC edits: only the bytes of the value outfit sets change. jsonc-parser
// finds the nodes; insertion text is laid out here, because jsonc-parser's own formatter reflows whole lines and
// would rewrite the user's neighbouring entries.
import {
  findNodeAtLocation,
  getNodeValue,
  parseTree,
  printParseErrorCode,
  type Node,
  type ParseError,
} from 'jsonc-parser'
import { offsetToPosition } from './position.js'

export class ConfigParseError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    detail: string,
  ) {
    super(`${file}:${line}:${column}: ${detail}`)
  }
}

/** Parses leniently enough for JSONC (comments, trailing commas) but rejects anything broken, with a position. */
export function parseJsonc(file: string, text: string): unknown {
  if (text.trim() === '') return {}
  const { tree, errors } = treeOf(text)
  // A byte-order mark is not JSON, but editors write it and every reader skips it: keep it, and parse past it.
  const first = errors.find((e) => !(e.offset === 0 && text.startsWith('\uFEFF')))
  if (first) {
    const pos = offsetToPosition(text, first.offset)
    throw new ConfigParseError(
      file,
      pos.line,
      pos.column,
      `not valid JSON (${printParseErrorCode(first.error)}); fix the file and run again, nothing was written`,
    )
  }
  const value: unknown = tree ? getNodeValue(tree) : undefined
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigParseError(file, 1, 1, 'expected a JSON object at the top level; nothing was written')
  }
  return value
}

/**
 * Refuses a file where editing `path` would go wrong although the file parses: a key that appears twice on the path
 * (outfit would edit the first, every JSON reader keeps the last), or a value on the path that is not the object
 * (or array) the path needs, such as `"mcpServers": []` or `"mcpServers": "x"`.
 */
export function assertEditable(file: string, text: string, path: (string | number)[]): void {
  let node = treeOf(text).tree
  for (let i = 0; node && i < path.length; i++) {
    const segment = path[i]
    const here = path.slice(0, i).join('.') || 'the top level'
    if (node.type === 'object' && typeof segment === 'string') {
      const props = (node.children ?? []).filter((p) => p.children?.[0]?.value === segment)
      const [firstProp, second] = props
      if (second?.children?.[0]) {
        const pos = offsetToPosition(text, second.children[0].offset)
        const firstLine = firstProp?.children?.[0]
          ? offsetToPosition(text, firstProp.children[0].offset).line
          : 0
        throw new ConfigParseError(
          file,
          pos.line,
          pos.column,
          `'${path.slice(0, i + 1).join('.')}' appears ${props.length} times (first on line ${firstLine}); JSON readers keep only the last one. Remove or merge the duplicates and run again; nothing was written`,
        )
      }
      node = firstProp?.children?.[1]
    } else if (node.type === 'array' && typeof segment === 'number') {
      node = node.children?.[segment]
    } else {
      const pos = offsetToPosition(text, node.offset)
      const expected = typeof segment === 'number' ? 'an array' : 'an object'
      throw new ConfigParseError(
        file,
        pos.line,
        pos.column,
        `${here === 'the top level' ? 'the top level' : `'${here}'`} is ${describeNode(node)}, but outfit needs ${expected} there to add '${path.slice(0, i + 1).join('.')}'. Fix the file (e.g. make it {}) and run again; nothing was written`,
      )
    }
  }
}

export function getAt(text: string, path: (string | number)[]): { found: boolean; value?: unknown } {
  const { tree } = treeOf(text)
  if (!tree) return { found: false }
  const node = findNodeAtLocation(tree, path)
  return node ? { found: true, value: getNodeValue(node) } : { found: false }
}

/** Sets (or with `undefined`, removes) one value. Array indexes equal to the length append. */
/** `before`: a new property goes just before this sibling property, if the object has it (else at the end). */
export function setAt(text: string, path: (string | number)[], value: unknown, before?: string): string {
  // A file outfit creates ends with a newline, like files people write.
  let out = text.trim() === '' ? '{}\n' : text
  if (value === undefined) return remove(out, path)
  const format = detectFormatting(out)
  // Create missing containers one level at a time, so each insertion is laid out at its own depth.
  for (let n = 1; n < path.length; n++) {
    if (!findAt(out, path.slice(0, n)))
      out = insert(out, path.slice(0, n), typeof path[n] === 'number' ? [] : {}, format)
  }
  const node = findAt(out, path)
  if (node) {
    const indent = lineIndent(out, propertyStart(node))
    return out.slice(0, node.offset) + layout(value, indent, format) + out.slice(node.offset + node.length)
  }
  return insert(out, path, value, format, before)
}

export function detectFormatting(text: string): { unit: string; eol: string } {
  const eol = text.includes('\r\n') ? '\r\n' : '\n'
  const indent = /\n([ \t]+)["}\]{[]/.exec(text)?.[1]
  if (indent?.startsWith('\t')) return { unit: '\t', eol }
  return { unit: indent ? ' '.repeat(Math.min(indent.length, 8)) : '  ', eol }
}

// --- internal ---

type Format = ReturnType<typeof detectFormatting>

// Merging one key asks about the same text several times (is it editable, which containers are missing, what is
// there, where to insert), and a merge of n keys did that n times over a growing file: parsing was most of a small
// install. Syntax trees are never modified here, so the trees of the last few texts are kept and shared.
const TREE_CACHE_SIZE = 4
const trees = new Map<string, { tree: Node | undefined; errors: ParseError[] }>()

function treeOf(text: string): { tree: Node | undefined; errors: ParseError[] } {
  let parsed = trees.get(text)
  if (!parsed) {
    const errors: ParseError[] = []
    parsed = { tree: parseTree(text, errors, { allowTrailingComma: true, disallowComments: false }), errors }
    if (trees.size >= TREE_CACHE_SIZE) trees.delete(trees.keys().next().value as string)
    trees.set(text, parsed)
  }
  return parsed
}

function findAt(text: string, path: (string | number)[]): Node | undefined {
  const { tree } = treeOf(text)
  return tree ? findNodeAtLocation(tree, path) : undefined
}

/** Inserts a new property or array element at the end of its parent container. */
function insert(
  text: string,
  path: (string | number)[],
  value: unknown,
  format: Format,
  before?: string,
): string {
  const parent = path.length === 1 ? treeOf(text).tree : findAt(text, path.slice(0, -1))
  if (!parent || (parent.type !== 'object' && parent.type !== 'array'))
    throw new Error(`cannot add '${path.join('.')}': its parent is not an object or array`)
  const key = path[path.length - 1]
  const parentIndent = lineIndent(text, propertyStart(parent))
  const childIndent = parentIndent + format.unit
  const entry = `${parent.type === 'object' ? `${JSON.stringify(String(key))}: ` : ''}${layout(value, childIndent, format)}`
  const children = parent.children ?? []
  const next =
    before === undefined || parent.type !== 'object'
      ? undefined
      : children.find((c) => c.type === 'property' && c.children?.[0]?.value === before)
  // Before a sibling on a line of its own: the new property on its own line above it, with the sibling's indent.
  if (next) {
    const at = next.offset
    const indent = lineIndent(text, at)
    if (text.slice(0, at).endsWith(indent) && /\n$/.test(text.slice(0, at - indent.length)))
      return `${text.slice(0, at)}${entry},${format.eol}${indent}${text.slice(at)}`
  }
  const last = children[children.length - 1]
  const close = parent.offset + parent.length - 1 // the closing brace or bracket
  if (!last) {
    // Empty container: `{}` → `{\n  "key": value\n}`, keeping anything (comments) already inside.
    const inner = text.slice(parent.offset + 1, close)
    const keep = inner.trim() === '' ? '' : `${inner.replace(/\s+$/, '')}`
    return `${text.slice(0, parent.offset + 1)}${keep}${format.eol}${childIndent}${entry}${format.eol}${parentIndent}${text.slice(close)}`
  }
  const lastEnd = last.offset + last.length
  // Keep a trailing comma style if the user has one; otherwise add the separating comma.
  const between = text.slice(lastEnd, close)
  const hasTrailingComma = /^\s*,/.test(between.replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, ''))
  const itemIndent = lineIndent(text, propertyStart(last))
  const onOneLine = !text.slice(parent.offset, close).includes('\n')
  if (onOneLine) {
    return `${text.slice(0, lastEnd)}, ${entry.replace(/\n\s*/g, ' ')}${text.slice(lastEnd)}`
  }
  if (hasTrailingComma) {
    const commaAt = lastEnd + between.indexOf(',') + 1
    return `${text.slice(0, commaAt)}${format.eol}${itemIndent}${entry},${text.slice(commaAt)}`
  }
  return `${text.slice(0, lastEnd)},${format.eol}${itemIndent}${entry}${text.slice(lastEnd)}`
}

/**
 * Removes a property or element with its own comma and, when it sat on lines of its own, those lines; comments on
 * other lines stay. A container left with only whitespace inside collapses to `{}` / `[]`.
 */
function remove(text: string, path: (string | number)[]): string {
  const valueNode = findAt(text, path)
  if (!valueNode) return text
  const node = valueNode.parent?.type === 'property' ? valueNode.parent : valueNode
  const container = node.parent
  if (!container) return text
  const siblings = container.children ?? []
  const index = siblings.indexOf(node)
  let start = node.offset
  let end = node.offset + node.length
  const afterComma = /^[ \t]*,/.exec(text.slice(end))
  if (afterComma) end += afterComma[0].length
  else if (index > 0) {
    const beforeComma = /,[ \t\r\n]*$/.exec(text.slice(0, start))
    if (beforeComma) start -= beforeComma[0].length
  }
  const lineStart = text.lastIndexOf('\n', start - 1) + 1
  const eol = text.indexOf('\n', end)
  const lineEnd = eol < 0 ? text.length : eol + 1
  if (text.slice(lineStart, start).trim() === '' && text.slice(end, lineEnd).trim() === '') {
    start = lineStart
    end = lineEnd
  }
  let out = text.slice(0, start) + text.slice(end)
  if (siblings.length === 1) {
    const open = container.offset
    const closeAt = out.indexOf(container.type === 'object' ? '}' : ']', open)
    if (closeAt > open && out.slice(open + 1, closeAt).trim() === '')
      out = out.slice(0, open + 1) + out.slice(closeAt)
  }
  return out
}

/** JSON.stringify with the file's indent unit, re-indented to start at `indent`. */
function layout(value: unknown, indent: string, format: Format): string {
  return JSON.stringify(value, null, format.unit).split('\n').join(`${format.eol}${indent}`)
}

/** Where the line holding a node's property (or the node itself) starts being indented. */
function propertyStart(node: Node): number {
  return node.parent?.type === 'property' ? node.parent.offset : node.offset
}

function describeNode(node: Node): string {
  if (node.type === 'array') return 'an array'
  if (node.type === 'object') return 'an object'
  if (node.type === 'null') return 'null'
  return `a ${node.type}`
}

function lineIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? ''
}

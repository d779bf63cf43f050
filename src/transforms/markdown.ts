// Markdown with YAML frontmatter: the canonical format of kit agents, commands, rules and skills.
import { parse, stringify } from 'yaml'

export interface MarkdownDoc {
  frontmatter: Record<string, unknown>
  body: string
  hadFrontmatter: boolean
  /** Keys written without YAML quoting (tools whose frontmatter is not strict YAML). */
  verbatim?: string[]
}

const FENCE = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/

export function parseMarkdown(text: string, file: string): MarkdownDoc {
  const match = FENCE.exec(text)
  if (!match) return { frontmatter: {}, body: text, hadFrontmatter: false }
  let data: unknown
  try {
    data = parse(match[1] ?? '')
  } catch (error) {
    throw new Error(`${file}: frontmatter is not valid YAML (${(error as Error).message.split('\n')[0]})`, { cause: error })
  }
  if (data !== null && (typeof data !== 'object' || Array.isArray(data))) throw new Error(`${file}: frontmatter must be a YAML mapping`)
  return { frontmatter: (data ?? {}) as Record<string, unknown>, body: text.slice(match[0].length), hadFrontmatter: true }
}

export function renderMarkdown(doc: { frontmatter: Record<string, unknown>; body: string; verbatim?: string[] }): string {
  if (Object.keys(doc.frontmatter).length === 0) return doc.body
  const lines = Object.entries(doc.frontmatter).map(([key, value]) =>
    doc.verbatim?.includes(key) && (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      ? `${key}: ${String(value)}`
      : yamlLine(key, value),
  )
  return `---\n${lines.join('\n')}\n---\n${doc.body}`
}

// --- internal ---

// Every kit file is rendered once per tool, mostly with the same keys and values (name, description, tools), and
// yaml's stringify builds a whole document for each: it was a tenth of a large install. Lines of plain values are
// remembered by what they render, so each distinct key and value is stringified once per run.
const MEMO_LIMIT = 10_000
const lines = new Map<string, string>()

function yamlLine(key: string, value: unknown): string {
  const memoKey = plainValue(value) ? JSON.stringify([typeof value, key, value]) : undefined
  const known = memoKey === undefined ? undefined : lines.get(memoKey)
  if (known !== undefined) return known
  const line = stringify({ [key]: value }, { lineWidth: 0 }).trimEnd()
  if (memoKey !== undefined) {
    if (lines.size >= MEMO_LIMIT) lines.clear()
    lines.set(memoKey, line)
  }
  return line
}

/** Values that JSON writes exactly (so that equal JSON means an equal value): strings, booleans, finite numbers other
 * than -0, and lists of strings. */
function plainValue(value: unknown): boolean {
  if (typeof value === 'string' || typeof value === 'boolean') return true
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0)
  if (!Array.isArray(value)) return false
  for (let i = 0; i < value.length; i++) if (typeof value[i] !== 'string') return false // holes too
  return true
}

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
  }
}

export function renderMarkdown(doc: {
  frontmatter: Record<string, unknown>
  body: string
  verbatim?: string[]
}): string {
  if (Object.keys(doc.frontmatter).length === 0) return doc.body
  const lines = Object.entries(doc.frontmatter).map(([key, value]) =>
    doc.verbatim?.includes(key) &&
    (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      ? `${key}: ${String(value)}`
      : stringify({ [key]: value }, { lineWidth: 0 }).trimEnd(),
  )
  return `---\n${lines.join('\n')}\n---\n${doc.body}`
}

// A tool's agent, command or rule file back into the kit's Markdown, through the copy step that writes such a file:
// its transforms undone in reverse order. Frontmatter renames, joins and splits go through formats/mappings.ts
// `backward`; a TOML or JSON output (Gemini's commands) is read back field by field from its own templates; a
// `replace` is reversed; keys a target sets or derives by cases are taken out again. A file nothing changed is kept
// byte for byte. A transform that cannot be read backwards (a free template) refuses the file with the reason.
import { posix } from 'node:path'
import { parse as parseToml } from 'smol-toml'
import { parse as parseYaml } from 'yaml'
import type { Transform } from '../generated/target.js'
import { backwardAll, frontmatterMappings } from '../formats/mappings.js'
import { renderMarkdown } from '../transforms/markdown.js'
import type { CopyDeclaration } from './declarations.js'
import { isRecord } from './plugin-files.js'

export type Backward = { path: string; text: string; notes: string[] } | { refused: string }

interface Doc {
  frontmatter: Record<string, unknown>
  body: string
  hadFrontmatter: boolean
}

/** `name` is the tool file's name (`review.toml`); the result's path is the kit's (`commands/review.md`). */
export function backwardMarkdown(name: string, text: string, decl: CopyDeclaration): Backward {
  const path = `${posix.dirname(decl.from)}/${stem(name, decl.rename)}.md`
  const notes: string[] = []
  const output = decl.transform.findLast((t) => t.toml || t.json || t.template !== undefined)
  if (output?.template !== undefined) return { refused: 'its form is a template outfit cannot read back' }
  let doc: Doc
  try {
    doc = output ? readOutput(text, output, notes) : readMarkdown(text, verbatimKeys(decl.transform))
  } catch (error) {
    return { refused: `it does not parse (${(error as Error).message.split('\n')[0]})` }
  }
  const before = JSON.stringify(doc)
  for (const t of [...decl.transform].reverse()) {
    if (t.replace) doc = { ...doc, body: unreplace(doc.body, t.replace) }
    if (t.frontmatter) doc = { ...doc, frontmatter: unfrontmatter(doc.frontmatter, t.frontmatter) }
  }
  if (!output && JSON.stringify(doc) === before) return { path, text, notes }
  const hasFm = Object.keys(doc.frontmatter).length > 0
  return { path, text: hasFm ? renderMarkdown(doc) : doc.body, notes }
}

// --- internal ---

/** The item's stem from the tool file's name: the rename's suffix after `{{item.stem}}` (`.agent.md`) or the extension. */
function stem(name: string, rename: string | null | undefined): string {
  const suffix = /\{\{\s*item\.stem\s*\}\}(\.[^{}]+)$/.exec(rename ?? '')?.[1]
  if (suffix && name.endsWith(suffix) && name.length > suffix.length) return name.slice(0, -suffix.length)
  return name.replace(/\.[^.]+$/, '')
}

const FENCE = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/

/**
 * Markdown with frontmatter. Keys a target writes verbatim (Cursor's bare `globs: **\/*.ts`, which strict YAML
 * reads as an alias) are read as the plain text after the colon.
 */
function readMarkdown(text: string, verbatim: string[]): Doc {
  const match = FENCE.exec(text)
  if (!match) return { frontmatter: {}, body: text, hadFrontmatter: false }
  const raw: Record<string, string> = {}
  const yamlText = (match[1] ?? '')
    .split(/\r?\n/)
    .map((line) => {
      const key = verbatim.find((k) => line.startsWith(`${k}:`))
      if (key === undefined) return line
      const value = line.slice(key.length + 1).trim()
      if (/^["'[]/.test(value) || value === '') return line
      raw[key] = value
      return `${key}: ""`
    })
    .join('\n')
  const data: unknown = parseYaml(yamlText) ?? {}
  if (!isRecord(data)) throw new Error('the frontmatter is not a mapping')
  return { frontmatter: { ...data, ...raw }, body: text.slice(match[0].length), hadFrontmatter: true }
}

/** A TOML or JSON file written from templates: each declared field back where its template took it from. */
function readOutput(text: string, output: Transform, notes: string[]): Doc {
  const fields = (output.toml ?? output.json ?? {}) as Record<string, string>
  const data: unknown = output.toml ? parseToml(text) : JSON.parse(text)
  if (!isRecord(data)) throw new Error('not a table')
  const doc: Doc = { frontmatter: {}, body: '', hadFrontmatter: false }
  for (const [key, value] of Object.entries(data)) {
    const template = fields[key]
    const from =
      template === undefined ? undefined : /^\{\{item\.(body|description|fm\.([\w-]+))\}\}$/.exec(template)
    if (from?.[1] === 'body') doc.body = String(value)
    else if (from?.[1] === 'description') doc.frontmatter.description = value
    else if (from?.[2] !== undefined) doc.frontmatter[from[2]] = value
    // A name or title comes from the file name, which the kit keeps.
    else if (template === undefined || !/item\.(title|name|stem)/.test(template))
      notes.push(`'${key}' (no kit equivalent)`)
  }
  if (doc.body !== '' && !doc.body.endsWith('\n')) doc.body += '\n'
  return doc
}

function unreplace(body: string, pairs: Record<string, string>): string {
  let out = body
  for (const [search, replacement] of Object.entries(pairs).reverse())
    if (typeof replacement === 'string' && replacement !== '' && replacement !== search)
      out = out.split(replacement).join(search)
  return out
}

function unfrontmatter(
  fm: Record<string, unknown>,
  spec: NonNullable<Transform['frontmatter']>,
): Record<string, unknown> {
  if (spec.remove) return fm
  const out = { ...fm }
  // A value the target derives when the kit lacks the key (Cursor's `alwaysApply: false`) means the kit lacked it.
  for (const [key, cases] of Object.entries(spec.cases ?? {})) {
    const fallback = cases.find((c) => c.when === undefined)
    if (fallback && Object.hasOwn(out, key) && same(out[key], fallback.value)) delete out[key]
  }
  // A key the target sets to a fixed value is the target's, not the kit's.
  for (const [key, value] of Object.entries(spec.set ?? {}))
    if (!(typeof value === 'string' && value.includes('{{')) && same(out[key], value)) delete out[key]
  return backwardAll(frontmatterMappings(spec), out) as Record<string, unknown>
}

function verbatimKeys(transforms: Transform[]): string[] {
  return transforms.flatMap((t) => t.frontmatter?.verbatim ?? [])
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

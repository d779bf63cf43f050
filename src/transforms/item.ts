// One kit file being copied, and the {{item.*}} variables it offers to templates.
import { basename, dirname, extname } from 'node:path'
import { parseMarkdown, type MarkdownDoc } from './markdown.js'
import { OUTFIT_KEY, stripOutfitBlock } from './targeting.js'

export interface Item {
  /** Path relative to the copy's base, with forward slashes. */
  path: string
  content: string
  doc: MarkdownDoc
}

/**
 * `cache` holds the frontmatter parse of one file for the other tools that copy it (the parse depends on the content
 * alone; transforms copy the doc before editing it, so a shared doc is never changed).
 */
export function makeItem(path: string, content: string, file: string, cache?: { doc?: MarkdownDoc }): Item {
  if (!/\.(md|mdc|markdown)$/i.test(path))
    return { path, content, doc: { frontmatter: {}, body: content, hadFrontmatter: false } }
  const doc = cache?.doc ?? parseMarkdown(content, file)
  if (cache) cache.doc = doc
  // outfit's own block is read by outfit (src/kit/read-targeting.ts), never handed to a tool.
  if (!Object.hasOwn(doc.frontmatter, OUTFIT_KEY)) return { path, content, doc }
  const { [OUTFIT_KEY]: _outfit, ...frontmatter } = doc.frontmatter
  return { path, content: stripOutfitBlock(content), doc: { ...doc, frontmatter } }
}

export function itemVariables(item: Item): Record<string, string> {
  const name = basename(item.path)
  const ext = extname(name)
  const stem = name.slice(0, name.length - ext.length)
  const vars: Record<string, string> = {
    'item.path': item.path,
    'item.name': name,
    'item.stem': stem,
    'item.ext': ext,
    'item.dir': dirname(item.path) === '.' ? '' : dirname(item.path),
    'item.body': item.doc.body,
    'item.content': item.content,
    'item.title': stringOf(item.doc.frontmatter.name) || stem,
    'item.description': stringOf(item.doc.frontmatter.description),
  }
  for (const [key, value] of Object.entries(item.doc.frontmatter)) vars[`item.fm.${key}`] = stringOf(value)
  return vars
}

function stringOf(value: unknown): string {
  if (value === undefined || value === null) return ''
  if (Array.isArray(value)) return value.map(String).join(',')
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}

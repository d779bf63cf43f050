// Per-item tool choice and per-tool overrides (the `outfit:` block of a kit item): which tools get an item, the kit as
// one tool sees it, the overrides set last on what that tool gets, and the block taken out of every file a tool gets.
// The block is outfit's own: it is never written into a tool's file.
import { parseDocument, isMap, isPair, isScalar } from 'yaml'
import type { ItemTargeting, Kit } from '../types.js'

/** The key of outfit's own block, in frontmatter and on mcp.yaml / hooks.yaml entries. */
export const OUTFIT_KEY = 'outfit'

/** Does the item's block let this tool have it? */
export function isFor(targeting: ItemTargeting | undefined, tool: string): boolean {
  const tools = targeting?.tools
  if (tools === undefined) return true
  return Array.isArray(tools) ? tools.includes(tool) : !tools.not.includes(tool)
}

/** The tool's overrides of one item, or undefined when it has none. */
export function overridesFor(
  targeting: ItemTargeting | undefined,
  tool: string,
): Record<string, unknown> | undefined {
  const own = targeting?.overrides?.[tool]
  return own && Object.keys(own).length > 0 ? own : undefined
}

/**
 * The Markdown item a kit file belongs to, by the path its `outfit:` block is kept under: an agent, command or rule
 * is its own file; every file of a skill belongs to its SKILL.md. Undefined for files that are no item (mcp.yaml…).
 */
export function itemPathOf(file: string): string | undefined {
  if (/^(agents|commands|rules)\/[^/]+\.md$/.test(file)) return file
  const skill = /^skills\/([^/]+)\//.exec(file)
  return skill ? `skills/${skill[1]}/SKILL.md` : undefined
}

/** The item file that may carry an `outfit:` block in its frontmatter. */
export function isItemFile(file: string): boolean {
  return /^(agents|commands|rules)\/[^/]+\.md$/.test(file) || /^skills\/[^/]+\/SKILL\.md$/.test(file)
}

/** The targeting of the item a kit file belongs to. */
export function targetingOf(kit: Kit, file: string): ItemTargeting | undefined {
  const item = itemPathOf(file)
  return item === undefined ? undefined : kit.items?.[item]
}

/**
 * Which of the kit's items one tool gets and which are not for it (`plan` shows both), or undefined when no item picks
 * its tools (then every tool gets every item). Skills by their folder, servers and hooks as the run's messages name them.
 */
export function itemsFor(kit: Kit, tool: string): { gets: string[]; skips: string[] } | undefined {
  if (kitForTool(kit, tool) === kit) return undefined
  const gets: string[] = []
  const skips: string[] = []
  const sort = (label: string, ok: boolean) => (ok ? gets : skips).push(label)
  for (const file of kit.files) {
    if (!isItemFile(file)) continue
    sort(
      file.endsWith('/SKILL.md') ? file.slice(0, -'/SKILL.md'.length) : file,
      isFor(kit.items?.[file], tool),
    )
  }
  for (const server of kit.mcp) sort(`MCP server '${server.name}'`, isFor(server.outfit, tool))
  for (const hook of kit.hooks)
    sort(
      `hook ${hook.event}${hook.matcher ? ` (${hook.matcher})` : ''} '${hook.command}'`,
      isFor(hook.outfit, tool),
    )
  return { gets, skips }
}

/**
 * The kit as one tool gets it: only the files, MCP servers and hooks that are for it. Every step (copy, block,
 * entries, `when: { kit }`, `unsupported`) then sees only those, so an item not for a tool leaves no file, folder, block
 * text or manifest entry there. The kit itself when nothing in it picks tools.
 */
export function kitForTool(kit: Kit, tool: string): Kit {
  const picks =
    Object.values(kit.items ?? {}).some((t) => t.tools !== undefined) ||
    kit.mcp.some((s) => s.outfit?.tools !== undefined) ||
    kit.hooks.some((h) => h.outfit?.tools !== undefined)
  if (!picks) return kit
  return {
    ...kit,
    files: kit.files.filter((f) => isFor(targetingOf(kit, f), tool)),
    mcp: kit.mcp.filter((s) => isFor(s.outfit, tool)),
    hooks: kit.hooks.filter((h) => isFor(h.outfit, tool)),
  }
}

/** The overrides a step takes (`accepts`), and the keys it does not (reported, never written). */
export function acceptedOverrides(
  overrides: Record<string, unknown> | undefined,
  accepts: ReadonlySet<string> | 'any',
): { accepted?: Record<string, unknown>; refused: string[] } {
  if (!overrides) return { refused: [] }
  const accepted: Record<string, unknown> = {}
  const refused: string[] = []
  for (const [key, value] of Object.entries(overrides)) {
    if (accepts === 'any' || accepts.has(key)) accepted[key] = value
    else refused.push(key)
  }
  return Object.keys(accepted).length > 0 ? { accepted, refused } : { refused }
}

/** `target` with the overrides set last, in order: a `null` value removes the key. */
export function applyOverrides<T extends Record<string, unknown>>(
  target: T,
  overrides: Record<string, unknown> | undefined,
): Record<string, unknown> {
  if (!overrides) return target
  const value: Record<string, unknown> = { ...target }
  for (const [key, v] of Object.entries(overrides)) {
    if (v === null) delete value[key]
    else value[key] = v
  }
  return value
}

const FENCE = /^---\r?\n([\s\S]*?)\r?\n---(\r?\n|$)/

/**
 * The Markdown text without the `outfit:` key of its frontmatter, every other byte kept (a tool that gets the file as
 * it is gets exactly the author's text, quoting and key order included). A frontmatter left empty goes with its fences.
 */
export function stripOutfitBlock(text: string): string {
  const match = FENCE.exec(text)
  if (!match || !/^outfit\s*:/m.test(match[1] ?? '')) return text
  const yaml = match[1] ?? ''
  const doc = parseDocument(yaml)
  if (!isMap(doc.contents)) return text
  const pairs = doc.contents.items.filter(isPair)
  const at = pairs.findIndex((p) => isScalar(p.key) && p.key.value === OUTFIT_KEY)
  const key = pairs[at]?.key
  if (at < 0 || !isScalar(key) || !key.range) return text
  // From the start of the key's line to the start of the next top-level key's line (or the end of the frontmatter).
  const start = yaml.lastIndexOf('\n', key.range[0] - 1) + 1
  const next = pairs[at + 1]?.key
  const end = isScalar(next) && next.range ? yaml.lastIndexOf('\n', next.range[0] - 1) + 1 : yaml.length
  const rest = (yaml.slice(0, start) + yaml.slice(end)).replace(/\r?\n$/, '')
  const body = text.slice(match[0].length)
  const eol = match[2] === '' ? '' : (match[2] ?? '\n')
  if (rest.trim() === '') return body
  const nl = text.includes('\r\n') ? '\r\n' : '\n'
  return `---${nl}${rest}${nl}---${eol}${body}`
}

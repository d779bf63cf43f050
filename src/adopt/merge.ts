// The same item found in several tools becomes one kit item. "The same" is decided through the tools' own
// declarations: a version from one tool is the item when every other tool that has it would get its own file back
// from it (with no more per-tool keys than it needs anyway); Claude Code's agent with `model` and Cursor's copy of it
// without are one item, since Cursor's target keeps only name and description. Otherwise the versions conflict and
// are reported side by side, unless the person prefers one tool's.
import { deepEqual } from '../formats/deep-equal.js'
import type { KitDoc } from './backward-item.js'
import type { FileKind } from './declarations.js'
import type { FoundItem } from './read-tool.js'
import type { ItemTargeting } from './types.js'

export interface AdoptedItem {
  kind: FileKind
  path: string
  /** Where it was found: tool and file. */
  sources: { tool: string; file: string }[]
  doc?: KitDoc
  files?: Map<string, Uint8Array>
  modes?: Map<string, number>
  /** The `outfit:` block: tools (when not every adopted tool has it) and per-tool overrides. */
  outfit?: ItemTargeting
}

export interface Conflict {
  kind: FileKind | 'mcp' | 'hooks'
  path: string
  /** Each differing version, with the tools and files it came from. */
  versions: { tools: string[]; files: string[]; text: string }[]
}

/**
 * `tools` are the adopted tools (an item every one of them has gets no `tools` list); `prefer`, the tool whose
 * version wins a conflict (or `choose`'s answer per conflict).
 */
export function mergeItems(
  found: FoundItem[],
  tools: string[],
  preferFor?: (path: string) => string | undefined,
): {
  items: AdoptedItem[]
  conflicts: Conflict[]
  overruled: { path: string; tool: string; file: string }[]
} {
  const groups = new Map<string, FoundItem[]>()
  for (const item of found) groups.set(item.path, [...(groups.get(item.path) ?? []), item])
  const items: AdoptedItem[] = []
  const conflicts: Conflict[] = []
  // Versions set aside for the preferred one: said, never dropped silently.
  const overruled: { path: string; tool: string; file: string }[] = []
  for (const [path, group] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const first = group[0] as FoundItem
    const prefer = preferFor?.(path)
    const sources = group.map((g) => ({ tool: g.tool, file: g.source }))
    const having = [...new Set(group.map((g) => g.tool))]
    const targeting: ItemTargeting =
      having.length < tools.length || tools.some((t) => !having.includes(t)) ? { tools: having.sort() } : {}
    const ordered = [...group].sort((a, b) => Number(b.tool === prefer) - Number(a.tool === prefer))
    if (first.kind === 'skills') {
      const chosen = ordered.find((c) => group.every((g) => sameFiles(g.files, c.files)))
      const pick = chosen ?? (prefer ? ordered.find((c) => c.tool === prefer) : undefined)
      if (!pick) {
        conflicts.push({ kind: 'skills', path, versions: versionsOf(group, (g) => skillText(g.files)) })
        continue
      }
      items.push({
        kind: 'skills',
        path,
        sources,
        ...(pick.files ? { files: pick.files } : {}),
        ...(pick.modes ? { modes: pick.modes } : {}),
        ...outfitOf(targeting),
      })
      continue
    }
    const fits = (candidate: FoundItem) =>
      group.every((g) => {
        if (g === candidate) return true
        const needed = candidate.doc && g.reproduce?.(candidate.doc)
        return needed !== undefined && deepEqual(needed, g.overrides ?? {})
      })
    const joined = joinedVersion(group)
    const chosen =
      ordered.find(fits) ??
      (joined && fits(joined) ? joined : undefined) ??
      (prefer ? ordered.find((c) => c.tool === prefer) : undefined)
    if (!chosen?.doc) {
      conflicts.push({ kind: first.kind, path, versions: versionsOf(group, (g) => docText(g.doc)) })
      continue
    }
    const overrides: Record<string, Record<string, unknown>> = {}
    for (const g of group) {
      const own = g === chosen ? g.overrides : g.reproduce?.(chosen.doc)
      if (own === undefined) overruled.push({ path, tool: g.tool, file: g.source })
      if (own && Object.keys(own).length > 0) overrides[g.tool] = own
    }
    if (Object.keys(overrides).length > 0) targeting.overrides = overrides
    items.push({ kind: first.kind, path, sources, doc: chosen.doc, ...outfitOf(targeting) })
  }
  return { items, conflicts, overruled }
}

// --- internal ---

/**
 * One item kept in two files of a tool, each through its own step (Mistral Vibe's agent: its TOML with the
 * description, its prompt file with the body): the versions joined — every key that one has (none set two ways) and
 * the one body — which is the item when each reading gets its own file back from it.
 */
function joinedVersion(group: FoundItem[]): FoundItem | undefined {
  const docs = group.flatMap((g) => (g.doc ? [g.doc] : []))
  if (docs.length < 2 || docs.length !== group.length) return undefined
  const frontmatter: Record<string, unknown> = {}
  for (const doc of docs)
    for (const [key, value] of Object.entries(doc.frontmatter)) {
      if (Object.hasOwn(frontmatter, key) && !deepEqual(frontmatter[key], value)) return undefined
      frontmatter[key] = value
    }
  const bodies = [...new Set(docs.map((d) => d.body).filter((b) => b.trim() !== ''))]
  if (bodies.length > 1) return undefined
  const source = docs.find((d) => Object.keys(d.frontmatter).length > 0)?.source
  const doc = { frontmatter, body: bodies[0] ?? '', ...(source !== undefined ? { source } : {}) }
  return { ...(group[0] as FoundItem), tool: '', source: '', doc, overrides: {} }
}

function outfitOf(targeting: ItemTargeting): { outfit?: ItemTargeting } {
  return targeting.tools || targeting.overrides ? { outfit: targeting } : {}
}

function sameFiles(a: Map<string, Uint8Array> | undefined, b: Map<string, Uint8Array> | undefined): boolean {
  if (!a || !b || a.size !== b.size) return false
  for (const [name, bytes] of a) {
    const other = b.get(name)
    if (!other || Buffer.compare(Buffer.from(bytes), Buffer.from(other)) !== 0) return false
  }
  return true
}

/** Versions grouped: tools whose versions are equal are listed together. */
function versionsOf(group: FoundItem[], text: (g: FoundItem) => string): Conflict['versions'] {
  const out: Conflict['versions'] = []
  for (const g of group) {
    const t = text(g)
    const same = out.find((v) => v.text === t)
    if (same) {
      same.tools.push(g.tool)
      same.files.push(g.source)
    } else out.push({ tools: [g.tool], files: [g.source], text: t })
  }
  return out
}

function docText(doc: KitDoc | undefined): string {
  if (!doc) return ''
  const fm = Object.entries(doc.frontmatter).map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
  return fm.length > 0 ? `---\n${fm.join('\n')}\n---\n${doc.body}` : doc.body
}

function skillText(files: Map<string, Uint8Array> | undefined): string {
  if (!files) return ''
  const skill = files.get('SKILL.md')
  const others = [...files.keys()].filter((k) => k !== 'SKILL.md').sort()
  return `${skill ? Buffer.from(skill).toString('utf8') : ''}${others.length > 0 ? `\n(+ ${others.join(', ')})` : ''}`
}

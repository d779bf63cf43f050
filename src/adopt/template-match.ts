// A target's template run backwards: the text a template rendered → the item variables it was rendered from. A copy
// step's `rename` (`{{kit.prefix}}{{item.stem}}.toml`), a `template` transform, a `toml` field or a block's `item`
// are all `{{variables}}` with `{{#x}}…{{/x}}` / `{{^x}}…{{/x}}` sections (src/vars/interpolate.ts); the template is
// turned into one regular expression whose groups are its item variables and sections. A section that rendered text
// says whether its variable was set; one that rendered nothing says nothing, and is read as unset (the fewer keys,
// the fewer surprises). What the match infers is only a guess until the item is rendered forward again and compared
// (src/adopt/backward-item.ts does that).
import type { Lookup } from '../vars/interpolate.js'

export interface TemplateMatch {
  /** Each item variable the template holds → the text it stood for (`item.fm.globs` → `src/**`). */
  vars: Record<string, string>
  /** Variables a section showed to be set (`{{#item.fm.alwaysApply}}` rendered its text). */
  set: string[]
  /** Variables a section showed to be unset (`{{^item.fm.alwaysApply}}` rendered its text). */
  unset: string[]
}

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'var'; name: string }
  | { kind: 'section'; name: string; inverted: boolean; children: Node[] }

const TAG = /\{\{\s*([#^/]?)\s*([a-zA-Z_][\w.-]*)\s*\}\}/g

/**
 * Matches `text` against `template`. Variables that are not per item (`kit.prefix`, `root`) are taken from `known`
 * as the literal text they render to. Undefined when the text cannot have come from the template.
 */
export function matchTemplate(template: string, text: string, known: Lookup): TemplateMatch | undefined {
  const nodes = parse(template)
  const groups: ({ kind: 'var'; name: string } | { kind: 'section'; name: string; inverted: boolean })[] = []
  const source = toRegExp(nodes, groups, known)
  const match = new RegExp(`^${source}$`).exec(text)
  if (!match) return undefined
  const out: TemplateMatch = { vars: {}, set: [], unset: [] }
  groups.forEach((group, i) => {
    const value = match[i + 1]
    if (value === undefined) return
    if (group.kind === 'var') {
      if (!Object.hasOwn(out.vars, group.name)) out.vars[group.name] = value
    } else if (value !== '') (group.inverted ? out.unset : out.set).push(group.name)
  })
  return out
}

/** Whether a template names any per-item variable (a rename without one is one fixed file). */
export function itemVariablesOf(template: string): string[] {
  return [...template.matchAll(TAG)].map((m) => m[2] ?? '').filter((name) => name.startsWith('item.'))
}

// --- internal ---

function parse(template: string): Node[] {
  const root: Node[] = []
  const stack: { name: string; children: Node[] }[] = [{ name: '', children: root }]
  let last = 0
  for (const m of template.matchAll(TAG)) {
    const top = stack[stack.length - 1] as { name: string; children: Node[] }
    const at = m.index ?? 0
    if (at > last) top.children.push({ kind: 'text', text: template.slice(last, at) })
    last = at + m[0].length
    const [, sigil, name = ''] = m
    if (sigil === '#' || sigil === '^') {
      const section: Node = { kind: 'section', name, inverted: sigil === '^', children: [] }
      top.children.push(section)
      stack.push({ name, children: section.children })
    } else if (sigil === '/') {
      if (stack.length > 1) stack.pop()
    } else top.children.push({ kind: 'var', name })
  }
  const top = stack[stack.length - 1] as { children: Node[] }
  if (last < template.length) top.children.push({ kind: 'text', text: template.slice(last) })
  return root
}

function toRegExp(
  nodes: Node[],
  groups: ({ kind: 'var'; name: string } | { kind: 'section'; name: string; inverted: boolean })[],
  known: Lookup,
): string {
  let out = ''
  for (const node of nodes) {
    if (node.kind === 'text') out += escape(node.text)
    else if (node.kind === 'var') {
      const value = node.name.startsWith('item.') ? undefined : known(node.name)
      if (value !== undefined) out += escape(value)
      else {
        groups.push({ kind: 'var', name: node.name })
        // One line for what names a file; any text for the rest (a body, a description).
        out += /^item\.(stem|name|ext|title)$/.test(node.name) ? '([^/\\n]*?)' : '([\\s\\S]*?)'
      }
    } else {
      groups.push({ kind: 'section', name: node.name, inverted: node.inverted })
      const inner = toRegExp(node.children, groups, known)
      // A section with text of its own (a heading, "_For files matching…_") is tried first: when that text is there,
      // the section rendered it. A section of variables alone is tried last: it may as well have rendered nothing.
      const hasText = holdsText(node.children)
      out += `(${inner})${hasText ? '?' : '??'}`
    }
  }
  return out
}

function holdsText(nodes: Node[]): boolean {
  return nodes.some((n) =>
    n.kind === 'text' ? n.text !== '' : n.kind === 'section' && holdsText(n.children),
  )
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

// Applies a copy step's per-file transforms, declared in YAML and implemented once here.
import { matcher } from '../glob.js'
import type { Transform } from '../generated/target.js'
import { flatTomlText } from '../formats/toml-text.js'
import { forwardAll, frontmatterMappings } from '../formats/mappings.js'
import { holdsFor } from './file-when.js'
import { renderMarkdown, type MarkdownDoc } from './markdown.js'
import { itemVariables, type Item } from './item.js'
import { applyOverrides } from './targeting.js'

export type Render = (template: string, vars: Record<string, string>) => string

export function transformsFor(path: string, transforms: Transform[]): Transform[] {
  return transforms.filter((t) => t.match === undefined || matcher(t.match, { dot: true })(path))
}

/**
 * Returns the file's new text. Markdown transforms edit the doc; output transforms (toml/json/template) end it.
 * `overrides` (the item's `outfit.overrides` for this tool, already limited to the keys the step accepts) are set last,
 * on the frontmatter or the TOML/JSON table; a template has no keys to set them on.
 */
export function applyTransforms(
  item: Item,
  transforms: Transform[],
  render: Render,
  overrides?: Record<string, unknown>,
): string {
  let doc: MarkdownDoc = { ...item.doc, frontmatter: { ...item.doc.frontmatter } }
  for (const t of transforms) {
    const vars = itemVariables({ ...item, doc })
    if (t.frontmatter) doc = editFrontmatter(doc, t.frontmatter, (s) => render(s, vars))
    if (t.replace) {
      let body = doc.body
      for (const [search, replacement] of Object.entries(t.replace))
        body = body.split(search).join(replacement)
      doc = { ...doc, body }
    }
    if (t.template !== undefined) return render(t.template, itemVariables({ ...item, doc }))
    if (t.toml)
      return flatTomlText(
        applyOverrides(
          renderFields(t.toml, (s) => render(s, itemVariables({ ...item, doc }))),
          overrides,
        ),
      )
    if (t.json)
      return `${JSON.stringify(
        applyOverrides(
          renderFields(t.json, (s) => render(s, itemVariables({ ...item, doc }))),
          overrides,
        ),
        null,
        2,
      )}\n`
  }
  if (overrides)
    doc = { ...doc, frontmatter: applyOverrides(doc.frontmatter, overrides), hadFrontmatter: true }
  return doc.hadFrontmatter || Object.keys(doc.frontmatter).length > 0 ? renderMarkdown(doc) : doc.body
}

// --- internal ---

function renderFields(fields: Record<string, string>, render: (s: string) => string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, template] of Object.entries(fields)) {
    const value = render(template)
    if (value !== '') out[key] = value
  }
  return out
}

function editFrontmatter(
  doc: MarkdownDoc,
  spec: NonNullable<Transform['frontmatter']>,
  render: (s: string) => string,
): MarkdownDoc {
  if (spec.remove) return { frontmatter: {}, body: doc.body, hadFrontmatter: false }
  let fm = { ...doc.frontmatter }
  if (spec.keep) fm = Object.fromEntries(Object.entries(fm).filter(([k]) => spec.keep?.includes(k)))
  for (const key of spec.drop ?? []) delete fm[key]
  // The mappings (rename, join, split) are applied as declared, by the functions that also read them backwards.
  fm = forwardAll(frontmatterMappings(spec), fm) as Record<string, unknown>
  for (const [key, value] of Object.entries(spec.default ?? {}))
    if (!Object.hasOwn(fm, key)) fm[key] = renderValue(value, render)
  for (const [key, value] of Object.entries(spec.set ?? {})) fm[key] = renderValue(value, render)
  for (const [key, cases] of Object.entries(spec.cases ?? {})) {
    const hit = cases.find((c) => holdsFor(c.when, fm))
    if (hit) fm[key] = renderValue(hit.value, render)
  }
  // The tool's key order, for a file outfit writes whole (byte for byte what the tool's own files look like).
  if (spec.order) fm = orderKeys(fm, spec.order)
  const verbatim = [...(doc.verbatim ?? []), ...(spec.verbatim ?? [])]
  // A renamed key keeps its text under its new name (`globs:` written as `paths:`), like a key left as it was.
  const source =
    doc.source !== undefined && spec.rename ? renameSourceKeys(doc.source, spec.rename) : doc.source
  return {
    ...doc,
    ...(source !== undefined ? { source } : {}),
    frontmatter: fm,
    hadFrontmatter: doc.hadFrontmatter || Object.keys(fm).length > 0,
    ...(verbatim.length > 0 ? { verbatim } : {}),
  }
}

/** The keys of `first` that `fm` has, in that order, then the rest of `fm` as it was. */
function orderKeys(fm: Record<string, unknown>, first: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const key of first) if (Object.hasOwn(fm, key)) out[key] = fm[key]
  for (const [key, value] of Object.entries(fm)) if (!Object.hasOwn(out, key)) out[key] = value
  return out
}

/** Frontmatter text with top-level keys renamed ({ from: to }), each line of a key's value left as it is. */
export function renameSourceKeys(source: string, rename: Record<string, string>): string {
  return source
    .split('\n')
    .map((line) => {
      const key = /^([^\s#:][^:]*?):(?=\s|$)/.exec(line)?.[1]
      return key !== undefined && Object.hasOwn(rename, key)
        ? `${rename[key]}${line.slice(key.length)}`
        : line
    })
    .join('\n')
}

function renderValue(value: unknown, render: (s: string) => string): unknown {
  if (typeof value === 'string') return render(value)
  if (Array.isArray(value)) return value.map((v) => renderValue(v, render))
  return value
}

// The adopted items as the kit's files: each Markdown item in the text its tool had (the frontmatter keys it keeps
// written as they were), with its `outfit:` block (which tools, per-tool overrides) added as one more key; a skill's
// files byte for byte. kit.yaml only when the folder has none.
import { parseMarkdown, renderMarkdown } from '../transforms/markdown.js'
import { kitText } from './backward-item.js'
import type { AdoptedItem } from './merge.js'

export interface KitFileOut {
  /** Relative to the kit folder, with forward slashes. */
  path: string
  data: Uint8Array
  mode?: number
}

export function kitFiles(items: AdoptedItem[]): KitFileOut[] {
  const out: KitFileOut[] = []
  for (const item of items) {
    if (item.kind === 'skills') {
      for (const [rel, bytes] of [...(item.files ?? [])].sort(([a], [b]) => a.localeCompare(b))) {
        const data =
          rel === 'SKILL.md' && item.outfit ? withOutfit(Buffer.from(bytes).toString('utf8'), item) : bytes
        const mode = item.modes?.get(rel)
        out.push({
          path: `${item.path}/${rel}`,
          data: toBytes(data),
          ...(mode !== undefined ? { mode } : {}),
        })
      }
    } else if (item.doc) {
      const doc = item.outfit
        ? { ...item.doc, frontmatter: { ...item.doc.frontmatter, outfit: item.outfit } }
        : item.doc
      out.push({ path: item.path, data: toBytes(kitText(doc)) })
    }
  }
  return out
}

/** kit.yaml for a new kit. */
export function kitYaml(name: string, description: string): string {
  return `name: ${name}\nversion: 0.1.0\ndescription: ${JSON.stringify(description)}\n`
}

// --- internal ---

function withOutfit(text: string, item: AdoptedItem): string {
  const doc = parseMarkdown(text, item.path)
  return renderMarkdown({ ...doc, frontmatter: { ...doc.frontmatter, outfit: item.outfit } })
}

function toBytes(data: Uint8Array | string): Uint8Array {
  return typeof data === 'string' ? new TextEncoder().encode(data) : data
}

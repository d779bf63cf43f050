// The `outfit:` blocks of a kit, read with their positions: in the frontmatter of each agent, command, rule and SKILL.md,
// on mcp.yaml servers and hooks.yaml entries, and per item in kit.yaml `items:` (applied over the item's own block).
// Shape problems are located here; tool ids and override keys are checked against the targets by check-targeting.ts.
import { join } from 'node:path'
import { LineCounter, parseDocument } from 'yaml'
import { decodeUtf8 } from '../fs/files.js'
import type { Fs } from '../fs/fs.js'
import { MAX_KIT_FILE_BYTES, readBounded } from '../fs/read-bounded.js'
import { locate, segmentsToPointer } from '../load/locate.js'
import type { ParsedYaml } from '../load/read-yaml.js'
import { validateValue } from '../schema/validate-shape.js'
import { didYouMean } from '../did-you-mean.js'
import { isItemFile, OUTFIT_KEY } from '../transforms/targeting.js'
import type { CheckedFiles } from '../actions/checked-file.js'
import type { CheckMemo } from './check-memo.js'
import type { Diagnostic, ItemTargeting } from '../types.js'

/** One `outfit:` block and where its parts are written. */
export interface TargetingSite {
  /** What it is about: a kit path (`agents/reviewer.md`), `mcp:<server>` or `hooks:<index>`. */
  item: string
  targeting: ItemTargeting
  /** file:line:col of a part of the block, by its path inside the block (`['tools', 1]`); `key`: point at the key. */
  at(segments: (string | number)[], key?: boolean): { file: string; line: number; column: number }
}

export interface KitTargeting {
  /** The Markdown items' blocks, kit.yaml's applied over them, by kit path. */
  items: Record<string, ItemTargeting>
  /** kit.yaml's blocks for servers, by server name. */
  servers: Record<string, ItemTargeting>
  sites: TargetingSite[]
  diagnostics: Diagnostic[]
}

const MARKER = Buffer.from(`${OUTFIT_KEY}`)
const FENCE = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/

/** Reads every block; the YAML files are passed parsed (and already valid against their schemas). */
export async function readTargeting(
  fs: Fs,
  dir: string,
  files: string[],
  parsed: { kit?: ParsedYaml; mcp?: ParsedYaml; hooks?: ParsedYaml },
  checked?: CheckedFiles,
  memo?: CheckMemo,
): Promise<KitTargeting> {
  const out: KitTargeting = { items: {}, servers: {}, sites: [], diagnostics: [] }
  for (const file of files.filter(isItemFile)) await readItemBlock(fs, dir, file, out, checked, memo)
  if (parsed.mcp) {
    const servers =
      (parsed.mcp.data as { servers?: Record<string, { outfit?: ItemTargeting }> }).servers ?? {}
    for (const [name, server] of Object.entries(servers))
      if (server.outfit)
        out.sites.push(yamlSite(`mcp:${name}`, server.outfit, parsed.mcp, ['servers', name, OUTFIT_KEY]))
  }
  if (parsed.hooks) {
    const hooks = (parsed.hooks.data as { hooks?: { outfit?: ItemTargeting }[] }).hooks ?? []
    hooks.forEach((hook, i) => {
      if (hook.outfit)
        out.sites.push(
          yamlSite(`hooks:${i}`, hook.outfit, parsed.hooks as ParsedYaml, ['hooks', i, OUTFIT_KEY]),
        )
    })
  }
  if (parsed.kit) applyKitItems(parsed.kit, files, parsed.mcp, out)
  return out
}

// --- internal ---

async function readItemBlock(
  fs: Fs,
  dir: string,
  file: string,
  out: KitTargeting,
  checked?: CheckedFiles,
  memo?: CheckMemo,
): Promise<void> {
  const source = join(dir, file)
  const seen = checked?.read.get(source)
  // A file that stats as it did when it was found to have no block still has none: a re-install reads no item again.
  const stamp = memo ? await memo.stampOf(source) : undefined
  if (!seen && stamp !== undefined && memo?.vouches(source, stamp, 'untargeted')) return
  const untargeted = () => {
    const sha256 = checked?.sha256.get(source)
    if (memo && stamp !== undefined && sha256 !== undefined)
      memo.remember(source, stamp, sha256, 'untargeted')
  }
  // The check parsed it already: no block, nothing more to do. Else a file that does not even name `outfit` has none.
  if (seen?.doc && !Object.hasOwn(seen.doc.frontmatter, OUTFIT_KEY)) return untargeted()
  let text = seen?.text
  if (text === undefined) {
    let bytes: Uint8Array
    try {
      bytes = await readBounded(fs, source, MAX_KIT_FILE_BYTES, 'kit files')
    } catch {
      return // the content check reports an unreadable file; without it, install does
    }
    if (!Buffer.from(bytes).includes(MARKER)) return untargeted()
    try {
      text = decodeUtf8(bytes, source).replace(/^\uFEFF/, '')
    } catch {
      return
    }
  }
  const match = FENCE.exec(text)
  if (!match) return untargeted()
  const lineCounter = new LineCounter()
  const doc = parseDocument(match[1] ?? '', { lineCounter, prettyErrors: false })
  if (doc.errors.length > 0) return // reported by the frontmatter check, at its position
  const data = doc.toJS({ maxAliasCount: 100 }) as unknown
  if (!data || typeof data !== 'object' || !Object.hasOwn(data, OUTFIT_KEY)) return untargeted()
  // Positions in the frontmatter are one line down in the file (the opening fence).
  const parsed: ParsedYaml = { file: source, doc, lineCounter, data }
  const at = (pointer: string, key?: string) => {
    const pos = locate(parsed, pointer, key)
    return { file: source, line: pos.line + 1, column: pos.column }
  }
  const problems = validateValue('item-outfit.schema.json', data)
  for (const p of problems) {
    const pos = at(p.pointer, p.key)
    out.diagnostics.push({ ...pos, pointer: p.pointer, message: p.message, severity: 'error' })
  }
  if (problems.length > 0) return
  const targeting = (data as Record<string, ItemTargeting>)[OUTFIT_KEY] as ItemTargeting
  out.items[file] = targeting
  out.sites.push({
    item: file,
    targeting,
    at: (segments, key) => {
      const path = [OUTFIT_KEY, ...segments]
      return key && segments.length > 0
        ? at(segmentsToPointer(path.slice(0, -1)), String(path[path.length - 1]))
        : at(segmentsToPointer(path))
    },
  })
}

function yamlSite(
  item: string,
  targeting: ItemTargeting,
  parsed: ParsedYaml,
  base: (string | number)[],
): TargetingSite {
  return {
    item,
    targeting,
    at: (segments, key) => {
      const path = [...base, ...segments]
      const pos =
        key && segments.length > 0
          ? locate(parsed, segmentsToPointer(path.slice(0, -1)), String(path[path.length - 1]))
          : locate(parsed, segmentsToPointer(path))
      return { file: parsed.file, ...pos }
    },
  }
}

/** kit.yaml `items:` over the items' own blocks: its `tools` replace theirs, its overrides are merged key by key. */
function applyKitItems(
  kit: ParsedYaml,
  files: string[],
  mcp: ParsedYaml | undefined,
  out: KitTargeting,
): void {
  const items = (kit.data as { items?: Record<string, ItemTargeting> }).items ?? {}
  const servers = Object.keys((mcp?.data as { servers?: Record<string, unknown> } | undefined)?.servers ?? {})
  const known = files.filter(isItemFile)
  for (const [key, targeting] of Object.entries(items)) {
    const site = yamlSite(key, targeting, kit, ['items', key])
    if (key.startsWith('mcp:')) {
      const name = key.slice(4)
      if (!servers.includes(name)) {
        out.diagnostics.push(
          notFound(kit, key, `mcp.yaml has no server '${name}'${didYouMean(name, servers)}`),
        )
        continue
      }
      out.servers[name] = targeting
      out.sites.push(site)
      continue
    }
    const path = /^skills\/[^/]+$/.test(key) ? `${key}/SKILL.md` : key
    if (!known.includes(path)) {
      out.diagnostics.push(notFound(kit, key, `the kit has no item '${key}'${didYouMean(path, known)}`))
      continue
    }
    out.items[path] = merge(out.items[path], targeting)
    out.sites.push({ ...site, item: path })
  }
}

function notFound(kit: ParsedYaml, key: string, message: string): Diagnostic {
  // At the key that names it.
  const pos = yamlSite(key, {}, kit, ['items']).at([key], true)
  return { ...pos, pointer: segmentsToPointer(['items', key]), message, severity: 'error' }
}

/** The item's own block with kit.yaml's over it. */
export function merge(own: ItemTargeting | undefined, over: ItemTargeting): ItemTargeting {
  if (!own) return over
  const overrides: Record<string, Record<string, unknown>> = { ...own.overrides }
  for (const [tool, keys] of Object.entries(over.overrides ?? {}))
    overrides[tool] = { ...overrides[tool], ...keys }
  const tools = over.tools ?? own.tools
  return {
    ...(tools !== undefined ? { tools } : {}),
    ...(Object.keys(overrides).length > 0 ? { overrides } : {}),
  }
}

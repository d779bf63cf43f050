// `outfit pack`: one kit → an Agent Plugin and each vendor's plugin (Claude Code, Codex, Cursor, Copilot CLI, Gemini
// CLI extension), each in its own folder under --out; or, with --marketplace, several kits → each vendor's plugin of
// each kit plus the vendor's marketplace file listing them, in one folder. The kits come as install's do (the same
// sources, cache and outfit.lock pins; the lock is never written). Nothing is written outside the folder named, and
// only into a new or empty one. Same kit → same bytes.
import { join, resolve } from 'node:path'
import { UsageError } from '../errors.js'
import { FORMATS, isFormat, type Format } from '../pack/formats.js'
import { joinListings, marketplaceName } from '../pack/marketplace.js'
import { packKit, type Package } from '../pack/pack-kit.js'
import type { PackedFile } from '../pack/run-plugin-scope.js'
import { requireFresh, under, writeTree } from '../pack/write-tree.js'
import type { Dropped } from '../types.js'
import { checkKitSources, kitSources, prepare, type KitChoice } from './kit-sources.js'
import { openWorkspace, type WorkspaceRequest } from './workspace.js'

export interface PackRequest extends WorkspaceRequest, Pick<KitChoice, 'strict' | 'mcpRegistry'> {
  /** Kit sources (--kit, repeatable); default: the kit(s) install would use here. */
  kits?: string[]
  /** Which formats (default: all six; with --marketplace, the four that have marketplaces). */
  formats?: string[]
  /** Where the packages go, one folder per format (default: ./outfit-pack). */
  out?: string
  /** Write one marketplace folder for all the kits instead. */
  marketplace?: string
}

export interface PackedPackage {
  format: Format
  kit: string
  version: string
  /** The package's folder. */
  dir: string
  /** Its files, relative to `dir`. */
  files: string[]
  /** The kit's items (content files, MCP servers, hooks) it gives its tool. */
  items: string[]
  /** Kit content this package does not give its tool, and why. */
  dropped: Dropped[]
}

export interface PackResult {
  /** The folder written (--out or --marketplace). */
  dir: string
  marketplace: boolean
  packages: PackedPackage[]
  /** Marketplace files written (relative to `dir`), with the plugins each lists. */
  listings: { path: string; plugins: string[] }[]
}

/** Formats that have a marketplace file (Agent Plugins and Gemini CLI define none). */
export const MARKETPLACE_FORMATS: readonly Format[] = ['claude', 'codex', 'cursor', 'copilot']

export async function pack(request: PackRequest): Promise<PackResult> {
  const formats = chooseFormats(request)
  const dir = resolve(request.cwd, request.marketplace ?? request.out ?? 'outfit-pack')
  const flag = request.marketplace !== undefined ? '--marketplace' : '--out'
  await requireFresh(request.fs, dir, flag)
  const ctx = await openWorkspace(request)
  const sources = request.kits?.length
    ? request.kits.map((kit) => ({ name: kit, source: kit, baseDir: ctx.cwd }))
    : await kitSources(ctx, {})
  if (sources.length > 1 && request.marketplace === undefined)
    throw new UsageError(`${sources.length} kits to pack: --out takes one kit`, {
      hint: 'pack several kits into one marketplace with --marketplace <dir>, or pack them one at a time',
    })
  await checkKitSources(ctx, sources)
  // Each kit its own package: kits are loaded one by one, not merged as an install of several would.
  const staging = join(dir, '.outfit-pack-staging')
  const packages: Package[] = []
  for (const source of sources) {
    const prepared = await prepare(ctx, [source], { ...request, mode: 'install', remember: false })
    packages.push(
      ...(await packKit(ctx.fs, prepared.kit, formats, ctx.all, join(staging, String(packages.length)))),
    )
  }
  return request.marketplace !== undefined
    ? writeMarketplace(request, dir, packages)
    : writePackages(request, dir, packages)
}

// --- internal ---

function chooseFormats(request: PackRequest): Format[] {
  const wanted = request.formats?.length ? request.formats : undefined
  const unknown = (wanted ?? []).filter((f) => !isFormat(f))
  if (unknown.length > 0)
    throw new UsageError(`unknown --format '${unknown[0]}'`, { hint: `formats: ${FORMATS.join(', ')}` })
  if (request.marketplace !== undefined && request.out !== undefined)
    throw new UsageError('--out and --marketplace both name where to write: pass one of them')
  if (request.marketplace === undefined) return [...new Set((wanted ?? FORMATS) as Format[])]
  const chosen = [...new Set((wanted ?? MARKETPLACE_FORMATS) as Format[])]
  const none = chosen.filter((f) => !MARKETPLACE_FORMATS.includes(f))
  if (none.length > 0)
    throw new UsageError(`${none.join(', ')} ${none.length > 1 ? 'define' : 'defines'} no marketplace`, {
      hint: `marketplaces: ${MARKETPLACE_FORMATS.join(', ')}`,
    })
  return chosen
}

async function writePackages(request: PackRequest, dir: string, packages: Package[]): Promise<PackResult> {
  const files = new Map<string, PackedFile>()
  for (const p of packages) for (const [path, file] of under(p.format, p.files)) files.set(path, file)
  await writeTree(request.fs, dir, files)
  return {
    dir,
    marketplace: false,
    packages: packages.map((p) => report(p, join(dir, p.format))),
    listings: [],
  }
}

async function writeMarketplace(request: PackRequest, dir: string, packages: Package[]): Promise<PackResult> {
  const files = new Map<string, PackedFile>()
  const parts = new Map<string, Uint8Array[]>()
  for (const p of packages) {
    for (const [path, file] of under(p.packageDir, p.files)) {
      if (files.has(path))
        throw new UsageError(`two packages would both write ${path}`, {
          hint: 'a kit named like a vendor folder (claude, codex, cursor, copilot) collides with it: rename the kit',
        })
      files.set(path, file)
    }
    for (const [path, bytes] of p.listings) parts.set(path, [...(parts.get(path) ?? []), bytes])
  }
  const listings = joinListings(marketplaceName(resolve(dir).split(/[\\/]/).pop() ?? ''), parts)
  for (const [path, data] of listings) files.set(path, { data, mode: 0o644 })
  await writeTree(request.fs, dir, files)
  return {
    dir,
    marketplace: true,
    packages: packages.map((p) => report(p, join(dir, p.packageDir))),
    listings: [...listings].map(([path, data]) => ({
      path,
      plugins: (JSON.parse(new TextDecoder().decode(data)) as { plugins: { name: string }[] }).plugins.map(
        (x) => x.name,
      ),
    })),
  }
}

function report(p: Package, dir: string): PackedPackage {
  return {
    format: p.format,
    kit: p.kit.name,
    version: p.kit.version,
    dir,
    files: [...p.files.keys()],
    items: p.items,
    dropped: p.dropped,
  }
}

// `outfit pack`: one kit → an Agent Plugin and each vendor's plugin (Claude Code, Codex, Cursor, Copilot CLI, Gemini
// CLI extension), each in its own folder under --out; or, with --marketplace, several kits → each vendor's plugin of
// each kit plus the vendor's marketplace file listing them, in one folder. The kits come as install's do (the same
// sources, cache and outfit.lock pins; the lock is never written). Nothing is written outside the folder named, and
// only into a new or empty one. Same kit → same bytes.
import { join, resolve } from 'node:path'
import { UsageError } from '../errors.js'
import { AGENT_PLUGIN, availableFormats, type FormatSpec } from '../pack/formats.js'
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
  /** Which formats (default: all; with --marketplace, those whose plugin scope writes a marketplace file). */
  formats?: string[]
  /** Where the packages go, one folder per format (default: ./outfit-pack). */
  out?: string
  /** Write one marketplace folder for all the kits instead. */
  marketplace?: string
}

export interface PackedPackage {
  format: string
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

export async function pack(request: PackRequest): Promise<PackResult> {
  if (request.marketplace !== undefined && request.out !== undefined)
    throw new UsageError('--out and --marketplace both name where to write: pass one of them')
  const dir = resolve(request.cwd, request.marketplace ?? request.out ?? 'outfit-pack')
  const flag = request.marketplace !== undefined ? '--marketplace' : '--out'
  await requireFresh(request.fs, dir, flag)
  const ctx = await openWorkspace(request)
  const formats = chooseFormats(request, availableFormats(ctx.all))
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
    packages.push(...(await packKit(ctx.fs, prepared.kit, formats, join(staging, String(packages.length)))))
  }
  return request.marketplace !== undefined
    ? writeMarketplace(request, dir, packages)
    : writePackages(request, dir, packages)
}

// --- internal ---

function chooseFormats(request: PackRequest, available: FormatSpec[]): FormatSpec[] {
  const wanted = [...new Set(request.formats ?? [])]
  const unknown = wanted.filter((f) => !available.some((a) => a.name === f))
  if (unknown.length > 0)
    throw new UsageError(`unknown --format '${unknown[0]}'`, {
      hint: `formats: ${available.map((a) => a.name).join(', ')}`,
    })
  const chosen = wanted.length > 0 ? available.filter((a) => wanted.includes(a.name)) : available
  if (request.marketplace === undefined) return chosen
  // A marketplace lists vendor plugins: the Agent Plugin has no marketplace format (Agent Plugins 1.0 defines none).
  if (wanted.includes(AGENT_PLUGIN))
    throw new UsageError(`${AGENT_PLUGIN} defines no marketplace`, {
      hint: 'pack the Agent Plugin with --out; --marketplace takes the formats whose tools have marketplaces',
    })
  return chosen.filter((a) => a.target)
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

async function writeMarketplace(request: PackRequest, dir: string, all: Package[]): Promise<PackResult> {
  // A format whose plugin scope writes no marketplace file (Gemini CLI's) has no place in one.
  const none = [...new Set(all.filter((p) => p.listings.size === 0).map((p) => p.format))]
  const named = none.filter((f) => request.formats?.includes(f))
  if (named.length > 0)
    throw new UsageError(`${named.join(', ')} ${named.length > 1 ? 'define' : 'defines'} no marketplace`, {
      hint: 'pack it with --out instead',
    })
  const packages = all.filter((p) => p.listings.size > 0)
  const files = new Map<string, PackedFile>()
  const parts = new Map<string, Uint8Array[]>()
  for (const p of packages) {
    for (const [path, file] of under(p.packageDir, p.files)) {
      if (files.has(path))
        throw new UsageError(`two packages would both write ${path}`, {
          hint: 'a kit named like one of the vendor folders under plugins/ collides with it: rename the kit',
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

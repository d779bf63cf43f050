// Kits from anywhere, locked: sources → fetched (or cached) kit folders → loaded and checked kits → the one kit the
// pipelines install. outfit.lock is only written once the caller's install has succeeded (saveLock).
import { existsSync } from 'node:fs'
import { join, relative } from 'node:path'
import { ConflictError, TargetInvalidError } from '../errors.js'
import type { Fs } from '../fs/fs.js'
import { findCollisions } from '../kit/kit-collisions.js'
import { openCheckMemo } from '../kit/check-memo.js'
import { sameFiles } from '../actions/kit-file.js'
import { auditKit } from '../audit/audit-kit.js'
import type { Finding } from '../audit/rules.js'
import { loadKit } from '../kit/load-kit.js'
import { mergeKits } from '../kit/merge-kits.js'
import { formatName } from '../plugins/declarations.js'
import type { PluginFormat } from '../plugins/draft.js'
import { pluginAsKit } from '../plugins/plugin-as-kit.js'
import { readLock, writeLock, type LockedServer, type LockEntry, type Lockfile } from '../lock/lock-file.js'
import { KitCache } from '../sources/cache.js'
import { sourceId, type SourceSpec } from '../sources/parse-source.js'
import { resolveKits, type KitSource, type LockChange } from '../sources/resolve-kits.js'
import { cooldown, type SkippedRelease } from '../sources/release-age.js'
import type { LoadedTarget, Diagnostic, Kit } from '../types.js'
import { cachedClient } from '../registry/cached-client.js'
import { DEFAULT_REGISTRY, registryClient, type RegistryClient } from '../registry/registry-client.js'
import { resolveRegistryServer } from '../registry/resolve-registry.js'

export interface KitsRequest {
  fs: Fs
  kits: KitSource[]
  /** outfit.lock (beside outfit.config.yaml, else in the project folder). */
  lockFile: string
  mode: 'install' | 'frozen' | 'update'
  /** update: the kits to move (default: all). */
  only?: string[]
  /** The user's cache folder (sources/xdg.ts). */
  cacheDir: string
  /** The user's npm settings (sources/npm-config.ts), read when an npm kit is first fetched. */
  npm: () => Promise<Record<string, unknown>>
  /** Relative sources without their own baseDir start here. */
  baseDir: string
  /** Stops fetching (Ctrl-C). */
  signal?: AbortSignal
  /** outfit's state home: kit files that passed the content check are remembered there (not by plan, which writes nothing). */
  stateHome?: string
  /** Whether to save what this check learned (install and update do; plan does not). */
  remember?: boolean
  /**
   * Also run the content audit on each kit (install, update, `outfit audit`): its findings are on each PreparedKit,
   * and files it found clean are remembered with the content check's (not read again while they stat the same).
   */
  audit?: boolean
  /** `--strict`: a secret written as a literal in a kit's mcp.yaml is an error, not a warning. */
  strict?: boolean
  /** The MCP registry that `registry:` servers are resolved in (default: the official one). */
  mcpRegistry?: string
  /** The registry client (tests: a local registry); default: the v0.1 API at `mcpRegistry`, cached. */
  registryClient?: RegistryClient
  /** update: skip npm versions and git commits younger than this (`3d`; minReleaseAge, --min-release-age). */
  minReleaseAge?: string
  /** The clock the cooldown is measured by (tests). */
  now?: Date
  /** Every known tool (built-in and --targets): what the kits' `outfit:` blocks may name and set. */
  targets?: readonly LoadedTarget[]
}

export interface PreparedKit {
  name: string
  source: string
  spec: SourceSpec
  /** What trust is given to: the source without ref or version. */
  trustId: string
  kit: Kit
  entry?: LockEntry
  /** What the content audit found in the kit's files (when the request asked for the audit). */
  findings?: Finding[]
}

export interface PreparedKits {
  /** What to install: the kit itself, or all of them merged. */
  kit: Kit
  kits: PreparedKit[]
  lock: Lockfile
  /** What loading the kits skipped and says so (symlinks, pipes inside a kit). */
  warnings: Diagnostic[]
  /** How the lock moves, kit by kit (nothing in a frozen run). */
  changes: LockChange[]
  /** update: the releases the cooldown skipped, and what was taken instead. */
  skipped: SkippedRelease[]
  /** Writes outfit.lock if it changed; true when it did. */
  saveLock(): Promise<boolean>
}

export async function prepareKits(request: KitsRequest): Promise<PreparedKits> {
  const cache = new KitCache(request.cacheDir)
  const previous = await readLock(request.lockFile)
  const resolved = await resolveKits({
    kits: request.kits,
    baseDir: request.baseDir,
    lock: previous,
    mode: request.mode,
    cache,
    npm: request.npm,
    ...(request.only ? { only: request.only } : {}),
    ...(request.signal ? { signal: request.signal } : {}),
    ...withCooldown(request),
  })
  const kits: PreparedKit[] = []
  /** Kits read from plugins: what outfit reads from the same bytes may change with outfit, so never reused merged. */
  const fromPlugins = new Set<string>()
  const warnings: Diagnostic[] = []
  const memo = request.stateHome ? await openCheckMemo(request.fs, request.stateHome) : undefined
  for (const r of resolved.kits) {
    // A plugin (no kit.yaml) is read as a kit into outfit's cache; what it holds that a kit cannot carry is said.
    const plugin = await readPlugin(request.fs, r, request.cacheDir)
    if (plugin) fromPlugins.add(r.name)
    const dir = plugin?.dir ?? r.dir
    // Every file read now as install will read it: a broken one is reported (with its position) before anything runs.
    const loaded = await loadKit(request.fs, dir, {
      checkContent: true,
      ...(request.targets ? { targets: request.targets } : {}),
      ...(request.strict ? { strict: true } : {}),
      ...(memo ? { memo } : {}),
    })
    // A fetched kit's files sit in the cache under a hash (a plugin's kit, under plugins/): name them by the source
    // people wrote instead.
    const shown = (d: Diagnostic): Diagnostic =>
      plugin
        ? {
            ...d,
            file: `${r.source} › ${formatName(plugin.format)} read as a kit › ${relative(dir, d.file) || '.'}`,
          }
        : r.spec.kind === 'local'
          ? d
          : { ...d, file: `${r.source} › ${relative(r.dir, d.file) || '.'}` }
    if (!loaded.ok) throw new TargetInvalidError(loaded.diagnostics.map(shown))
    warnings.push(...(plugin?.warnings ?? []), ...loaded.warnings.map(shown))
    kits.push({
      name: r.name,
      source: r.source,
      spec: r.spec,
      trustId: sourceId(r.spec),
      kit: loaded.value,
      ...(r.entry ? { entry: r.entry } : {}),
      ...(request.audit ? { findings: await auditKit(request.fs, loaded.value, memo) } : {}),
    })
  }
  // Servers named by registry become concrete ones, pinned like the kits (before trust sees the kits' commands).
  const base = request.mcpRegistry ?? DEFAULT_REGISTRY
  const client = request.registryClient ?? cachedClient(registryClient(base), request.cacheDir, base)
  const mcp: Record<string, LockedServer> = {}
  for (const k of kits) {
    for (const wanted of k.kit.registry ?? []) {
      const locked = previous?.mcp?.[wanted.kitName]
      const moving = request.mode === 'update' && (!request.only || request.only.includes(k.name))
      const resolved = await resolveRegistryServer(
        client,
        wanted,
        moving ? 'update' : request.mode === 'frozen' ? 'frozen' : 'install',
        locked?.registry === base ? locked : undefined,
      )
      const before = k.kit
      const server = wanted.outfit ? { ...resolved.server, outfit: wanted.outfit } : resolved.server
      k.kit = { ...k.kit, mcp: [...k.kit.mcp, server] }
      sameFiles(before, k.kit)
      mcp[wanted.kitName] = { spec: wanted.spec, registry: base, ...resolved.pin }
      warnings.push(...resolved.notes.map((message) => noteAt(k, message)))
    }
    const { registry: _resolved, ...rest } = k.kit
    // The same files: what the check and the audit learnt of them (text, hashes) stays with the kit for install.
    sameFiles(k.kit, rest)
    k.kit = rest
  }
  const collisions = findCollisions(kits)
  if (collisions.length > 0) {
    const [first] = collisions
    throw new ConflictError(
      `kits '${first?.kits[0]}' and '${first?.kits[1]}' both define ${first?.what}${collisions.length > 1 ? ` (and ${collisions.length - 1} more clash${collisions.length > 2 ? 'es' : ''})` : ''}`,
      {
        hint:
          collisions.length > 1
            ? collisions.map((c) => `${c.kits.join(' and ')}: ${c.what}`).join('; ')
            : 'rename one of them, or drop one kit from kits: in outfit.config.yaml',
      },
    )
  }
  // Best effort: a memo that cannot be written only means the next run checks every file again.
  if (memo && request.remember) await memo.save().catch(() => {})
  const [only] = kits
  const kit =
    kits.length === 1 && only
      ? only.kit
      : await mergeKits(
          kits.map((k) => ({
            name: k.name,
            kit: k.kit,
            ...(k.entry && !fromPlugins.has(k.name) ? { integrity: k.entry.integrity } : {}),
          })),
          request.cacheDir,
        )
  const { changes, skipped } = resolved
  const lock = Object.keys(mcp).length > 0 ? { ...resolved.lock, mcp } : resolved.lock
  const mcpMoved = JSON.stringify(previous?.mcp ?? {}) !== JSON.stringify(sortedKeys(mcp))
  return {
    kit,
    kits,
    warnings,
    lock,
    changes,
    skipped,
    async saveLock() {
      const empty = Object.keys(lock.kits).length === 0 && Object.keys(mcp).length === 0
      if (changes.length === 0 && !mcpMoved && (previous !== undefined || empty)) return false
      if (previous === undefined && empty && !existsSync(request.lockFile)) return false
      await writeLock(request.lockFile, lock)
      return true
    },
  }
}

// --- internal ---

/** The kit read from a plugin source, with its notes as warnings on the plugin's manifest; undefined for a kit. */
async function readPlugin(
  fs: Fs,
  r: { source: string; dir: string; spec: SourceSpec },
  cacheDir: string,
): Promise<{ dir: string; format: PluginFormat; warnings: Diagnostic[] } | undefined> {
  const plugin = await pluginAsKit(fs, r.dir, cacheDir)
  if (!plugin) return undefined
  const at = (file: string) =>
    r.spec.kind === 'local' ? file : `${r.source} › ${relative(r.dir, file) || '.'}`
  if (!plugin.ok) throw new TargetInvalidError(plugin.diagnostics.map((d) => ({ ...d, file: at(d.file) })))
  const name = formatName(plugin.format)
  return {
    dir: plugin.dir,
    format: plugin.format,
    warnings: plugin.notes.map((note) => ({
      file: at(join(r.dir, plugin.manifest)),
      line: 1,
      column: 1,
      pointer: '',
      message: `${name} read as a kit: ${note}`,
      severity: 'warning' as const,
    })),
  }
}

/** A registry note (a deprecated version) as a warning on the kit's mcp.yaml. */
function noteAt(kit: PreparedKit, message: string): Diagnostic {
  return { file: `${kit.source} › mcp.yaml`, line: 1, column: 1, pointer: '', message, severity: 'warning' }
}

/** The same record with its keys sorted, as writeLock writes it (so that an unchanged lock compares equal). */
function sortedKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((k) => [k, record[k] as T]),
  )
}

/** The cooldown applies to update only: install takes what the lock says, and a new kit what its source says. */
function withCooldown(request: KitsRequest) {
  const cool =
    request.mode === 'update' ? cooldown(request.minReleaseAge, request.now ?? new Date()) : undefined
  return cool ? { cooldown: cool } : {}
}

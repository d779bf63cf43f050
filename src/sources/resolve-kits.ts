// Kit sources + outfit.lock → kit folders on disk and the lock to write. The lock policy lives here:
//   install   uses exactly what the lock says; kits it lacks (or whose source changed) are resolved and added
//   frozen    the lock must already say everything: missing or changed entries are errors (CI)
//   update    resolves the named kits (all when none are named) anew; the others stay as locked
import { LockMismatchError } from '../errors.js'
import { sameEntry, type LockEntry, type Lockfile } from '../lock/lock-file.js'
import { fetchKit, type FetchOptions } from './fetch-kit.js'
import { parseSource, type SourceSpec } from './parse-source.js'
import type { Cooldown, SkippedRelease } from './release-age.js'

export interface KitSource {
  /** The key in `kits:`; for a single kit (`kit:` or --kit), the source itself. */
  name: string
  source: string
  /** Where a relative folder or tarball path starts (default: the request's baseDir). */
  baseDir?: string
}

export interface ResolvedKit extends KitSource {
  spec: SourceSpec
  dir: string
  /** Absent for local folders, which are not locked. */
  entry?: LockEntry
}

export interface LockChange {
  kit: string
  source: string
  before?: LockEntry
  after?: LockEntry
}

export interface ResolveRequest extends FetchOptions {
  kits: KitSource[]
  /** Where relative folders and tarball paths start (the config file's folder, or the current directory). */
  baseDir: string
  lock: Lockfile | undefined
  mode: 'install' | 'frozen' | 'update'
  /** update: the kits to move (default: all). */
  only?: string[]
  /** update: skip releases younger than this (minReleaseAge). */
  cooldown?: Cooldown
}

export async function resolveKits(
  request: ResolveRequest,
): Promise<{ kits: ResolvedKit[]; lock: Lockfile; changes: LockChange[]; skipped: SkippedRelease[] }> {
  const specs = request.kits.map((k) => ({ ...k, spec: parseSource(k.source, k.baseDir ?? request.baseDir) }))
  if (request.mode === 'frozen') checkFrozen(specs, request.lock)
  const kits: ResolvedKit[] = []
  const skipped: SkippedRelease[] = []
  // One at a time: kits are few, and a failure should name the first kit that failed, not a random one.
  for (const kit of specs) {
    if (kit.spec.kind === 'local') {
      kits.push({ ...kit, dir: kit.spec.dir })
      continue
    }
    const locked = request.lock?.kits[kit.name]
    const moving =
      request.mode === 'update' &&
      (request.only === undefined || request.only.length === 0 || request.only.includes(kit.name))
    const pinned = !moving && locked?.source === kit.source ? locked : undefined
    const previous = locked?.source === kit.source ? locked : undefined
    const move =
      moving && request.cooldown
        ? { cooldown: request.cooldown, ...(previous ? { previous } : {}) }
        : undefined
    const fetched = await fetchKit(kit.name, kit.spec, pinned, request, move)
    const { dir, entry } = fetched
    if (fetched.skipped)
      skipped.push({
        kit: kit.name,
        source: kit.source,
        ...fetched.skipped,
        using: entry.commit ?? entry.version ?? entry.integrity,
        minReleaseAge: request.cooldown?.text ?? '',
      })
    kits.push({ ...kit, dir, entry })
  }
  const lock: Lockfile = {
    lockfileVersion: 1,
    kits: Object.fromEntries(kits.flatMap((k) => (k.entry ? [[k.name, k.entry]] : []))),
  }
  return { kits, lock, changes: lockChanges(request.lock, lock), skipped }
}

/** What moves between two locks, kit by kit (added, changed, removed). */
export function lockChanges(before: Lockfile | undefined, after: Lockfile): LockChange[] {
  const names = [...new Set([...Object.keys(before?.kits ?? {}), ...Object.keys(after.kits)])].sort()
  return names.flatMap((kit) => {
    const a = before?.kits[kit]
    const b = after.kits[kit]
    if (sameEntry(a, b)) return []
    return [{ kit, source: (b ?? a)?.source ?? '', ...(a ? { before: a } : {}), ...(b ? { after: b } : {}) }]
  })
}

// --- internal ---

function checkFrozen(kits: (KitSource & { spec: SourceSpec })[], lock: Lockfile | undefined): void {
  const remote = kits.filter((k) => k.spec.kind !== 'local')
  const fix = { hint: "run 'outfit install' without --frozen (or 'outfit update'), and commit outfit.lock" }
  if (remote.length > 0 && !lock)
    throw new LockMismatchError(
      `outfit.lock is missing; kit '${remote[0]?.name}' (${remote[0]?.source}) is not locked`,
      fix,
    )
  for (const kit of remote) {
    const entry = lock?.kits[kit.name]
    if (!entry) throw new LockMismatchError(`kit '${kit.name}' is not in outfit.lock`, fix)
    if (entry.source !== kit.source)
      throw new LockMismatchError(
        `kit '${kit.name}': the config says ${kit.source} but outfit.lock has ${entry.source}`,
        fix,
      )
  }
  const names = new Set(remote.map((k) => k.name))
  const stale = Object.keys(lock?.kits ?? {}).filter((name) => !names.has(name))
  if (stale.length > 0)
    throw new LockMismatchError(`outfit.lock has kit '${stale[0]}', which is no longer configured`, fix)
}

// One remote kit into the cache: fetch (git or pacote) into a scratch folder, check that it is a kit, hash it, check
// the hash against the lock when there is one, and only then move it into the cache. A failure at any point leaves
// the cache as it was.
import { CancelledError, SourceError } from '../errors.js'
import { realFs } from '../fs/fs.js'
import { isKitOrPlugin } from '../plugins/detect-plugin.js'
import type { LockEntry } from '../lock/lock-file.js'
import type { KitCache } from './cache.js'
import { fetchGit, type Fetched } from './fetch-git.js'
import { fetchPackage, pickOldEnough } from './fetch-package.js'
import type { Cooldown, SkippedRelease } from './release-age.js'
import { hashKit } from './kit-hash.js'
import { checkContained } from './contain-fetched.js'
import { sourceId, type SourceSpec } from './parse-source.js'

export type RemoteSource = Exclude<SourceSpec, { kind: 'local' }>

export interface FetchOptions {
  cache: KitCache
  /** npm settings (registries, tokens), read once when first needed. */
  npm: () => Promise<Record<string, unknown>>
  /** Ctrl-C: stops a clone or download; the scratch folder is removed and nothing is cached. */
  signal?: AbortSignal
}

/**
 * `pinned` (from the lock) fetches exactly that commit or version and requires its integrity;
 * without it the source's own ref or range is resolved anew.
 */
export async function fetchKit(
  name: string,
  source: RemoteSource,
  pinned: LockEntry | undefined,
  options: FetchOptions,
  /** update under minReleaseAge: releases younger than the cooldown are skipped; `previous` is the locked entry. */
  move?: { cooldown: Cooldown; previous?: LockEntry },
): Promise<{ dir: string; entry: LockEntry; skipped?: Pick<SkippedRelease, 'skipped' | 'published'> }> {
  if (pinned) {
    const cached = await options.cache.get(pinned.integrity, sourceId(source), name)
    if (cached) return { dir: cached, entry: pinned }
  }
  const workspace = await options.cache.scratch()
  try {
    const fetched = await download(name, source, pinned, workspace, options, move).catch((error: unknown) => {
      if (options.signal?.aborted)
        throw new CancelledError(`cancelled while fetching kit '${name}'; nothing was changed`)
      throw error
    })
    // Every read of the kit stays inside what was fetched: no link out of it, no kit folder that is a link.
    await checkContained(name, source.raw, workspace, fetched.dir)
    // A plugin (Agent Plugin, Claude, Gemini, Cursor, Codex) is fetched, locked and cached as it is, and read as a
    // kit when it is loaded (api/kits.ts): the integrity is the plugin's own bytes, like any kit's.
    if (!(await isKitOrPlugin(realFs, fetched.dir))) {
      throw new SourceError(
        `kit '${name}': ${source.raw} has no kit.yaml${source.kind === 'git' && source.subdir ? ` in '${source.subdir}'` : ' at its root'} and no plugin manifest, so it is not a kit`,
        {
          hint:
            source.kind === 'git'
              ? 'point at the kit folder: github:owner/repo/path/to/kit (or #ref::path:path/to/kit)'
              : 'a kit package has kit.yaml (or a plugin manifest such as .claude-plugin/plugin.json) next to its package.json',
        },
      )
    }
    const integrity = await hashKit(fetched.dir)
    if (pinned && integrity !== pinned.integrity) {
      throw new SourceError(
        `kit '${name}': what ${source.raw} serves at ${pinned.commit ?? pinned.version ?? pinned.resolved ?? 'the locked version'} does not match outfit.lock (integrity ${integrity}, locked ${pinned.integrity})`,
        {
          hint:
            'the lock or the source was changed; if you expected a new version, run: outfit update ' + name,
        },
      )
    }
    const entry: LockEntry = {
      source: source.raw,
      ...(fetched.resolved.commit ? { commit: fetched.resolved.commit } : {}),
      ...(fetched.resolved.version ? { version: fetched.resolved.version } : {}),
      ...(source.kind !== 'git' && fetched.resolved.url ? { resolved: fetched.resolved.url } : {}),
      integrity,
    }
    return {
      dir: await options.cache.put(fetched.dir, integrity, sourceId(source)),
      entry,
      ...(fetched.skipped
        ? { skipped: { skipped: fetched.skipped.what, published: fetched.skipped.published } }
        : {}),
    }
  } finally {
    await options.cache.discard(workspace)
  }
}

// --- internal ---

async function download(
  name: string,
  source: RemoteSource,
  pinned: LockEntry | undefined,
  workspace: string,
  options: FetchOptions,
  move: { cooldown: Cooldown; previous?: LockEntry } | undefined,
): Promise<Fetched> {
  options.signal?.throwIfAborted()
  const signal = options.signal ? { signal: options.signal } : {}
  if (source.kind === 'git')
    return fetchGit(
      source,
      pinned?.commit ?? source.ref,
      workspace,
      name,
      signal,
      move && !pinned
        ? {
            cooldown: move.cooldown,
            ...(move.previous?.commit ? { previous: move.previous.commit } : {}),
          }
        : undefined,
    )
  const npm = await options.npm()
  const cacheOptions = { ...npm, cache: options.cache.pacote, ...signal }
  // Under the cooldown, the version is picked first (by publish time) and then fetched exactly.
  const picked =
    source.kind === 'npm' && move && !pinned
      ? await pickOldEnough(source, cacheOptions, move.cooldown, name, move.previous?.version)
      : undefined
  const fetched = await fetchPackage(
    source,
    source.kind === 'npm' ? (pinned?.version ?? picked?.version) : undefined,
    workspace,
    cacheOptions,
    name,
  )
  return picked?.skipped ? { ...fetched, skipped: picked.skipped } : fetched
}

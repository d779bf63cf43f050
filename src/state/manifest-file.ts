// The install manifest: per tool and scope, every file written and every key merged, with what was there before
// outfit (its origin). Uninstall replays the inverses from it; backups of replaced content live beside it.
//
// A manifest is input outfit acts on (it deletes and restores the paths it names), so reading one fails closed: it
// must carry a valid seal for this user, scope and tool, have this version, have the expected shape, and name only
// paths inside the scope root (and inside the folders the tool's target declares). Anything else is a StateError —
// never "nothing installed", which would make outfit treat its own output as the user's.
import { join, relative } from 'node:path'
import { StateError } from '../errors.js'
import { hashBytes, writeAtomic } from '../fs/files.js'
import { assertNoSymlinkEscape, isInside, resolveBelow, type ContainCache } from '../fs/contain.js'
import { isNotFound, type Fs } from '../fs/fs.js'
import type { Change, Snapshot } from '../types.js'
import { ensureStateDir, STATE_FILE_MODE, type ScopeState } from './scope-state.js'
import { forgetInstallHint } from './way-out.js'
import { seal, sealedPrefix, verifySeal } from './seal.js'

export const MANIFEST_VERSION = 2

export interface ManifestStep {
  step: string
  action: string
  inverse: string
  changes: Change[]
}

export interface ManifestFile {
  version: typeof MANIFEST_VERSION
  tool: string
  scope: string
  kit: { name: string; version: string }
  installedAt: string
  steps: ManifestStep[]
}

export function manifestPath(stateDir: string, tool: string, scope: string): string {
  return join(stateDir, 'manifests', `${tool}.${scope}.json`)
}

export function backupPath(stateDir: string, hash: string): string {
  if (!HASH.test(hash)) throw new StateError(`'${hash.slice(0, 80)}' is not a backup name outfit writes`)
  return join(stateDir, 'backups', hash)
}

/**
 * Reads a manifest, loading no backup data (snapshots carry hashes; data is fetched when a restore needs it).
 * `areas`: the folders the tool's target may write to; every path must lie inside one of them.
 */
/**
 * Manifests already read and checked in this run, by their exact text (and the checks asked for): every tool reads
 * every other tool's manifest, so each was parsed, unsealed and checked once per tool. The same text checked the same
 * way gives the same manifest; the symlink check still runs on every read, against a run-wide cache of folders.
 */
export interface ManifestMemo {
  checked: Map<string, ManifestFile>
  folders: Map<string, ContainCache>
  /** Texts already parsed, unsealed and shape-checked (before their paths are resolved and checked against areas). */
  verified?: Map<string, ManifestFile>
  /**
   * Each manifest file's text digest as last read, with the file's size, times and inode then: a regular file whose
   * stats are unchanged has the same text, so it is not read and hashed again (an uninstall of 7 tools at 1,000 kit
   * files read 49 manifests of ~0.5 MB each). What it can serve is a text this run already read and verified: a
   * rewrite in place that keeps size and inode within one tick of the file system's clock goes unseen until the next
   * read with other stats, the staleness any reader of a file being written has. outfit replaces manifests (a new
   * inode each time), so its own writes are always seen.
   */
  digests?: Map<string, { stat: string; digest: string }>
}

export function manifestMemo(): ManifestMemo {
  return { checked: new Map(), folders: new Map(), verified: new Map(), digests: new Map() }
}

export async function readManifest(
  fs: Fs,
  state: ScopeState,
  tool: string,
  scope: string,
  areas?: readonly string[],
  memo?: ManifestMemo,
): Promise<ManifestFile | null> {
  const file = manifestPath(state.dir, tool, scope)
  const failed = (error: unknown): StateError =>
    new StateError(`could not read the install manifest ${file}: ${(error as Error).message}`, {
      cause: error,
      hint: FORGET_HINT(state.root, file),
    })
  // Keyed by the text's hash, not the text: a key holding the text kept a copy of every manifest read for the whole run.
  const keyOf = (digest: string): string => `${file}\0${state.id}\0${areas?.join('\0') ?? '*'}\0${digest}`
  let stat: string | undefined
  if (memo?.digests) {
    try {
      const st = await fs.lstat(file, { bigint: true })
      // A link's own stats say nothing of the file it leads to: only a regular file is taken on its stats.
      if (st.isFile()) stat = `${st.size}:${st.mtimeNs}:${st.ctimeNs}:${st.ino}`
    } catch (error) {
      if (isNotFound(error)) return null
      throw failed(error)
    }
  }
  const known = stat === undefined ? undefined : memo?.digests?.get(file)
  let manifest = known?.stat === stat && known ? memo?.checked.get(keyOf(known.digest)) : undefined
  if (!manifest) {
    let text: string
    try {
      text = await fs.readFile(file, 'utf8')
    } catch (error) {
      if (isNotFound(error)) return null
      throw failed(error)
    }
    const digest = memo ? hashBytes(text) : ''
    manifest =
      memo?.checked.get(keyOf(digest)) ??
      checkManifest(
        state,
        tool,
        scope,
        file,
        text,
        areas,
        memo?.verified && { verified: memo.verified, digest },
      )
    memo?.checked.set(keyOf(digest), manifest)
    // Changed between the lstat and the read, the text is newer than `stat`: the next read sees other stats and reads.
    if (stat !== undefined) memo?.digests?.set(file, { stat, digest })
  }
  // Resolve symlinks before anything reads through a path: a folder swapped for a link that leads out is refused.
  const cache = memo?.folders.get(state.root) ?? { safe: new Set<string>() }
  memo?.folders.set(state.root, cache)
  for (const step of manifest.steps) {
    for (const change of step.changes) {
      try {
        await assertNoSymlinkEscape(fs, state.root, change.path, cache)
      } catch (error) {
        throw new StateError(
          `the install manifest ${file} names ${change.path}, which lies behind a symlink: ${(error as Error).message}`,
          { cause: error, hint: FORGET_HINT(state.root, file) },
        )
      }
    }
  }
  return manifest
}

/** Parses, unseals and checks a manifest's text (everything but the symlink check). */
function checkManifest(
  state: ScopeState,
  tool: string,
  scope: string,
  file: string,
  text: string,
  areas?: readonly string[],
  memo?: { verified: Map<string, ManifestFile>; digest: string },
): ManifestFile {
  // The same text (by its sha256) for the same file and user unseals to the same body (read without areas, then with them: status).
  const key = `${file}\0${state.id}\0${memo?.digest}`
  const body = memo?.verified.get(key) ?? verifiedBody(state, tool, scope, file, text)
  memo?.verified.set(key, body)
  return mapPaths(body, (p, kind) =>
    // Only a system scope records its root, a folder it made (`serializeManifest`); anywhere else `.` is refused.
    p === '.' && kind === 'dir' && scope === 'system'
      ? state.root
      : containedPath(state.root, p, file, kind === 'dir', areas),
  )
}

/**
 * Parses and unseals a manifest's text, and checks its shape. The compact form serializeManifest writes has the seal
 * last, over exactly the text before it: the seal is checked over that text and only that text is parsed. The
 * laid-out form earlier versions wrote is parsed whole and its body serialised again to check the seal.
 */
function verifiedBody(
  state: ScopeState,
  tool: string,
  scope: string,
  file: string,
  text: string,
): ManifestFile {
  const compact = sealedPrefix(text)
  let data: unknown
  try {
    data = JSON.parse(compact ? compact.sealed : text)
  } catch (error) {
    throw new StateError(
      `the install manifest ${file} is damaged (not valid JSON: ${(error as Error).message}); outfit will not guess what it installed`,
      { cause: error, hint: FORGET_HINT(state.root, file) },
    )
  }
  if (!isRecord(data))
    throw new StateError(`the install manifest ${file} is damaged (not a JSON object)`, {
      hint: FORGET_HINT(state.root, file),
    })
  const { mac, ...rest } = data
  const body = compact ? data : rest
  if (body.version !== MANIFEST_VERSION) {
    throw new StateError(
      `the install manifest ${file} has version ${JSON.stringify(body.version)}; this outfit reads version ${MANIFEST_VERSION}`,
      { hint: `use the outfit that wrote it, or ${FORGET_HINT(state.root, file)}` },
    )
  }
  if (
    !verifySeal(
      state.key,
      sealParts(state, tool, scope, compact ? compact.sealed : JSON.stringify(body)),
      compact ? compact.mac : mac,
    )
  ) {
    throw new StateError(
      `the install manifest ${file} was not written by outfit for this user and scope (its seal does not match: also so when outfit's state key was lost or replaced); it was not used`,
      { hint: FORGET_HINT(state.root, file) },
    )
  }
  return checkShape(body, state.root, file, tool, scope)
}

/** Every manifest in the state dir except the given tool's (other tools may share files and blocks). */
export async function readOtherManifests(
  fs: Fs,
  state: ScopeState,
  tool: string,
  scope: string,
  memo?: ManifestMemo,
): Promise<ManifestFile[]> {
  const out: ManifestFile[] = []
  for (const [other, otherScope] of await manifestNames(fs, state)) {
    if (other === tool && otherScope === scope) continue
    const manifest = await readManifest(fs, state, other, otherScope, undefined, memo)
    if (manifest) out.push(manifest)
  }
  return out
}

/** The (tool, scope) of every manifest in a scope's state, in name order; none before the first install. */
export async function manifestNames(fs: Fs, state: ScopeState): Promise<[string, string][]> {
  let names: string[]
  try {
    names = (await fs.readdir(join(state.dir, 'manifests'))) as string[]
  } catch (error) {
    if (isNotFound(error)) return []
    throw error
  }
  const out: [string, string][] = []
  for (const name of names.sort()) {
    const m = /^(.+)\.([^.]+)\.json$/.exec(name)
    if (m) out.push([m[1] ?? '', m[2] ?? ''])
  }
  return out
}

/** Serializes and seals a manifest: paths relative to the scope root, snapshot data moved into content-addressed backups. */
export async function serializeManifest(fs: Fs, state: ScopeState, manifest: ManifestFile): Promise<string> {
  // Only what uninstall restores needs its bytes kept: the state before outfit (origin). Installed content is known by hash.
  const backups = new Map<string, Uint8Array>()
  for (const step of manifest.steps) {
    for (const change of step.changes) {
      if (change.kind === 'dir') continue
      const keep =
        change.kind === 'link' ? change.before : change.origin === undefined ? change.before : change.origin
      if (keep?.data) backups.set(keep.hash, keep.data)
    }
  }
  // A folder made above or at the root (a sandbox home that did not exist yet) is not the tool's: uninstall keeps it.
  // A system scope's root is the tool's own machine-wide folder (/etc/claude-code): made by outfit, it goes again.
  const ownsRoot = manifest.scope === 'system'
  const inside = {
    ...manifest,
    steps: manifest.steps.map((s) => ({
      ...s,
      changes: s.changes.filter(
        (c) => c.kind !== 'dir' || (isInside(state.root, c.path) && (ownsRoot || c.path !== state.root)),
      ),
    })),
  }
  // The root itself (a system scope's) is written `.`: every other path names something below it.
  const stripped = mapPaths(inside, (p) => (p === state.root ? '.' : relative(state.root, p)))
  if (backups.size > 0) await ensureStateDir(fs, join(state.dir, 'backups'))
  for (const [hash, data] of backups) {
    const path = backupPath(state.dir, hash)
    // Content-addressed: an existing backup with this name already holds these bytes (checked again on restore).
    try {
      await fs.stat(path)
    } catch {
      // 0600 whatever the original's mode (it may hold secrets, like ~/.claude.json); the mode is restored from the manifest.
      await writeAtomic(fs, path, data, STATE_FILE_MODE)
    }
  }
  // Compact, with the seal last: the text before the seal is exactly the sealed string, so reading it back checks the
  // seal without serialising the body again (a large kit's manifests are megabytes, read by every status and install).
  // `jq . <file>` lays it out for reading.
  const sealed = JSON.stringify(stripped)
  const mac = seal(state.key, sealParts(state, manifest.tool, manifest.scope, sealed))
  return `${sealed.slice(0, -1)},"mac":"${mac}"}\n`
}

/** Fills in a snapshot's bytes from the backups, checking the hash. */
/** `hint`: the way out when the backup is missing or corrupt (forgetting the install that needs it). */
export async function loadBackup(
  fs: Fs,
  stateDir: string,
  snapshot: Snapshot,
  hint?: string,
): Promise<Snapshot> {
  if (snapshot.data) return snapshot
  let data: Uint8Array
  try {
    data = new Uint8Array(await fs.readFile(backupPath(stateDir, snapshot.hash)))
  } catch (error) {
    if (isNotFound(error))
      throw new StateError(
        `the backup ${snapshot.hash.slice(0, 12)} is missing from ${join(stateDir, 'backups')}`,
        { cause: error, ...(hint ? { hint } : {}) },
      )
    throw error
  }
  if (hashBytes(data) !== snapshot.hash)
    throw new StateError(
      `the backup ${snapshot.hash.slice(0, 12)} in ${join(stateDir, 'backups')} is corrupt (its content does not match its name)`,
      hint ? { hint } : undefined,
    )
  return { ...snapshot, data }
}

// --- internal ---

const HASH = /^[0-9a-f]{64}$/
/** The way out of a refused manifest: forget that install (the tool and scope are in the file's name). */
function FORGET_HINT(root: string, file: string): string {
  const [, tool = '', scope = ''] = /([^/\\]+)\.([^./\\]+)\.json$/.exec(file) ?? []
  return forgetInstallHint(root, tool, scope)
}

function sealParts(state: ScopeState, tool: string, scope: string, body: string): string[] {
  return ['manifest', String(MANIFEST_VERSION), state.id, tool, scope, body]
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A relative path from a manifest → the absolute path it names, only if it stays inside the root and the areas. */
function containedPath(
  root: string,
  path: string,
  file: string,
  isDir: boolean,
  areas?: readonly string[],
): string {
  const full = typeof path === 'string' ? resolveBelow(root, path) : undefined
  // Folders outfit made to reach an area (`.agents` for `.agents/skills`) are only ever removed when empty.
  const declared =
    full !== undefined &&
    (!areas || areas.some((area) => isInside(area, full) || (isDir && isInside(full, area))))
  if (full === undefined || !declared) {
    throw new StateError(
      `the install manifest ${file} names ${JSON.stringify(path)}, outside the folders this tool installs into; it was not used`,
      {
        hint: FORGET_HINT(root, file),
      },
    )
  }
  return full
}

const KINDS = new Set(['file', 'dir', 'link', 'edit'])

/** The manifest's shape, checked before anything in it is used (a seal proves who wrote it, not that it is sane). */
function checkShape(
  body: Record<string, unknown>,
  root: string,
  file: string,
  tool: string,
  scope: string,
): ManifestFile {
  const fail = (what: string): never => {
    throw new StateError(`the install manifest ${file} is damaged (${what})`, {
      hint: FORGET_HINT(root, file),
    })
  }
  if (body.tool !== tool || body.scope !== scope) fail(`it is for ${String(body.tool)}.${String(body.scope)}`)
  const kit = body.kit
  if (!isRecord(kit) || typeof kit.name !== 'string' || typeof kit.version !== 'string')
    fail('no kit name and version')
  if (!Array.isArray(body.steps)) fail('no steps')
  for (const step of body.steps as unknown[]) {
    if (
      !isRecord(step) ||
      typeof step.step !== 'string' ||
      typeof step.inverse !== 'string' ||
      !Array.isArray(step.changes)
    )
      fail('a step without name, inverse or changes')
    for (const change of (step as { changes: unknown[] }).changes) {
      if (!isRecord(change) || !KINDS.has(change.kind as string) || typeof change.path !== 'string')
        fail('a change without kind or path')
      const c = change as Record<string, unknown>
      for (const key of ['before', 'after', 'origin']) {
        const snap = c[key]
        if (snap === undefined || snap === null) continue
        if (
          !isRecord(snap) ||
          typeof snap.hash !== 'string' ||
          !HASH.test(snap.hash) ||
          (snap.mode !== undefined && !Number.isInteger(snap.mode))
        )
          fail(`a bad snapshot for ${String(c.path)}`)
      }
      if (c.kind === 'edit' && !Array.isArray(c.owned)) fail(`no owned keys for ${String(c.path)}`)
      if (c.kind === 'link' && typeof c.target !== 'string') fail(`no link target for ${String(c.path)}`)
    }
  }
  return body as unknown as ManifestFile
}

function mapPaths(manifest: ManifestFile, map: (p: string, kind: Change['kind']) => string): ManifestFile {
  const snap = (s: Snapshot | null | undefined): Snapshot | null | undefined => {
    if (!s) return s
    return s.mode === undefined ? { hash: s.hash } : { hash: s.hash, mode: s.mode }
  }
  return {
    ...manifest,
    steps: manifest.steps.map((step) => ({
      ...step,
      changes: step.changes.map((c): Change => {
        switch (c.kind) {
          case 'dir':
            return { ...c, path: map(c.path, c.kind) }
          case 'link':
            return { ...c, path: map(c.path, c.kind), before: snap(c.before) ?? null }
          case 'file':
            return {
              ...c,
              path: map(c.path, c.kind),
              before: snap(c.before) ?? null,
              after: snap(c.after) ?? null,
              ...(c.origin !== undefined ? { origin: snap(c.origin) ?? null } : {}),
            }
          case 'edit':
            return {
              ...c,
              path: map(c.path, c.kind),
              before: snap(c.before) ?? null,
              after: snap(c.after) ?? null,
              ...(c.origin !== undefined ? { origin: snap(c.origin) ?? null } : {}),
            }
        }
      }),
    })),
  }
}

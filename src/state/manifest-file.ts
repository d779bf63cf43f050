// The install manifest: per tool and scope, every file written and every key merged, with what was there before
// outfit (its origin). Uninstall replays the inverses from it; backups of replaced content live beside it.
import { join, relative, resolve } from 'node:path'
import { ensureDir, hashBytes, writeAtomic } from '../fs/files.js'
import { isNotFound, type Fs } from '../fs/fs.js'
import type { Change, Snapshot } from '../types.js'

export const MANIFEST_VERSION = 1

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
  return join(stateDir, 'backups', hash)
}

/** Reads a manifest, loading no backup data (snapshots carry hashes; data is fetched when a restore needs it). */
export async function readManifest(fs: Fs, stateDir: string, root: string, tool: string, scope: string): Promise<ManifestFile | null> {
  const file = manifestPath(stateDir, tool, scope)
  let text: string
  try {
    text = await fs.readFile(file, 'utf8')
  } catch (error) {
    if (isNotFound(error)) return null
    throw error
  }
  let manifest: ManifestFile
  try {
    manifest = JSON.parse(text) as ManifestFile
  } catch (error) {
    throw new Error(`the install manifest ${file} is not valid JSON (${(error as Error).message}); move it away to start over`, { cause: error })
  }
  if (manifest.version !== MANIFEST_VERSION) throw new Error(`${file} has manifest version ${String(manifest.version)}, this outfit reads ${MANIFEST_VERSION}`)
  return mapPaths(manifest, (p) => resolve(root, p))
}

/** Every manifest in the state dir except the given tool's (other tools may share files and blocks). */
export async function readOtherManifests(fs: Fs, stateDir: string, root: string, tool: string, scope: string): Promise<ManifestFile[]> {
  let names: string[]
  try {
    names = (await fs.readdir(join(stateDir, 'manifests'))) as string[]
  } catch (error) {
    if (isNotFound(error)) return []
    throw error
  }
  const out: ManifestFile[] = []
  for (const name of names.sort()) {
    const m = /^(.+)\.([^.]+)\.json$/.exec(name)
    if (!m || (m[1] === tool && m[2] === scope)) continue
    const manifest = await readManifest(fs, stateDir, root, m[1] ?? '', m[2] ?? '')
    if (manifest) out.push(manifest)
  }
  return out
}

/** Serializes a manifest: paths relative to the scope root, snapshot data moved into content-addressed backups. */
export async function serializeManifest(fs: Fs, stateDir: string, root: string, manifest: ManifestFile): Promise<string> {
  // Only what uninstall restores needs its bytes kept: the state before outfit (origin). Installed content is known by hash.
  const backups = new Map<string, Uint8Array>()
  for (const step of manifest.steps) {
    for (const change of step.changes) {
      if (change.kind === 'dir') continue
      const keep = change.kind === 'link' ? change.before : change.origin === undefined ? change.before : change.origin
      if (keep?.data) backups.set(keep.hash, keep.data)
    }
  }
  const stripped = mapPaths(manifest, (p) => relative(root, p))
  if (backups.size > 0) await ensureDir(fs, join(stateDir, 'backups'))
  for (const [hash, data] of backups) {
    const path = backupPath(stateDir, hash)
    // Content-addressed: an existing backup with this name already holds these bytes.
    try {
      await fs.stat(path)
    } catch {
      await writeAtomic(fs, path, data)
    }
  }
  return `${JSON.stringify(stripped, null, 2)}\n`
}

/** Fills in a snapshot's bytes from the backups, checking the hash. */
export async function loadBackup(fs: Fs, stateDir: string, snapshot: Snapshot): Promise<Snapshot> {
  if (snapshot.data) return snapshot
  let data: Uint8Array
  try {
    data = new Uint8Array(await fs.readFile(backupPath(stateDir, snapshot.hash)))
  } catch (error) {
    if (isNotFound(error)) throw new Error(`the backup ${snapshot.hash.slice(0, 12)} is missing from ${join(stateDir, 'backups')}`, { cause: error })
    throw error
  }
  if (hashBytes(data) !== snapshot.hash) throw new Error(`the backup ${snapshot.hash.slice(0, 12)} is corrupt`)
  return { ...snapshot, data }
}

// --- internal ---

function mapPaths(manifest: ManifestFile, map: (p: string) => string): ManifestFile {
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
            return { ...c, path: map(c.path) }
          case 'link':
            return { ...c, path: map(c.path), before: snap(c.before) ?? null }
          case 'file':
            return { ...c, path: map(c.path), before: snap(c.before) ?? null, after: snap(c.after) ?? null, ...(c.origin !== undefined ? { origin: snap(c.origin) ?? null } : {}) }
          case 'edit':
            return { ...c, path: map(c.path), before: snap(c.before) ?? null, after: snap(c.after) ?? null, ...(c.origin !== undefined ? { origin: snap(c.origin) ?? null } : {}) }
        }
      }),
    })),
  }
}

// After an uninstall (or a rolled-back install), drops backups no remaining manifest refers to, and the state folders
// once empty, so that install → uninstall leaves no trace. Fails closed: while any manifest cannot be read and
// verified, no backup is deleted, since it may be the only copy of what that manifest's tool replaced. After an
// uninstall only the backups the removed manifest referred to may go: a backup nobody refers to may belong to a
// manifest the user moved away (as outfit's own hint for a damaged manifest says), which may still be put back.
import { join } from 'node:path'
import { isNotFound, type Fs } from '../fs/fs.js'
import { readManifest, type ManifestFile } from './manifest-file.js'
import type { ScopeState } from './scope-state.js'

export async function collectGarbage(
  fs: Fs,
  state: ScopeState,
  candidates?: ReadonlySet<string>,
): Promise<void> {
  // Only backups that may go need the manifests read: a run whose tools replaced no file of the user's kept none, and
  // each tool's uninstall read and verified every remaining tool's manifest only to delete nothing.
  const mayGo = (await list(fs, join(state.dir, 'backups'))).filter(
    (name) => candidates === undefined || candidates.has(name),
  )
  const referenced = new Set<string>()
  for (const name of mayGo.length > 0 ? await list(fs, join(state.dir, 'manifests')) : []) {
    const m = /^(.+)\.([^.]+)\.json$/.exec(name)
    if (!m) return
    let manifest
    try {
      manifest = await readManifest(fs, state, m[1] ?? '', m[2] ?? '')
    } catch {
      return
    }
    if (manifest) for (const hash of backupsOf(manifest)) referenced.add(hash)
  }
  for (const name of mayGo) if (!referenced.has(name)) await fs.unlink(join(state.dir, 'backups', name))
  for (const dir of [join(state.dir, 'backups'), join(state.dir, 'manifests'), state.dir]) {
    try {
      await fs.rmdir(dir)
    } catch {
      // Not empty (other tools are still installed) or already gone: either way it stays as it is.
    }
  }
}

/** Every snapshot hash a manifest refers to: the backups it may need. */
export function backupsOf(manifest: ManifestFile): Set<string> {
  const out = new Set<string>()
  for (const step of manifest.steps) {
    for (const change of step.changes) {
      if (change.kind === 'dir') continue
      for (const snap of [
        change.before,
        change.kind === 'link' ? null : change.after,
        change.kind === 'link' ? null : change.origin,
      ])
        if (snap) out.add(snap.hash)
    }
  }
  return out
}

// --- internal ---

async function list(fs: Fs, dir: string): Promise<string[]> {
  try {
    return (await fs.readdir(dir)) as string[]
  } catch (error) {
    if (isNotFound(error)) return []
    throw error
  }
}

// One vendor package, made by the vendor's own target: its `plugin` scope is installed — the ordinary interpreter,
// the same steps as any install — into an empty folder on a copy-on-write overlay, so nothing reaches the disk. What
// the run wrote under `<scope dir>/<kit name>/` is the package; what it wrote elsewhere in the folder is the
// marketplace listing of that one package. outfit's own records (manifest, backups, journal) stay in the overlay.
import { createHash } from 'node:crypto'
import { join, relative, resolve, sep } from 'node:path'
import { InternalError, StepFailedError } from '../errors.js'
import type { Fs } from '../fs/fs.js'
import { isInside } from '../fs/contain.js'
import { buildPipeline } from '../pipeline/build-pipeline.js'
import { OverlayFs } from '../plan/overlay-fs.js'
import { installTools } from '../run/run-tools.js'
import type { Dropped, Kit, LoadedTarget } from '../types.js'
import { PLUGIN_SCOPE } from './formats.js'

/** A file of a package or listing: its bytes and its mode (a skill's script keeps its executable bit). */
export interface PackedFile {
  data: Uint8Array
  mode: number
}

export interface ScopeOutput {
  /** The package: path relative to its root (forward slashes) → file. */
  files: Map<string, PackedFile>
  /** Marketplace listings the scope wrote beside the package: path relative to the folder → bytes. */
  listings: Map<string, Uint8Array>
  /** Kit content the tool cannot take in a plugin, with the target's reason. */
  dropped: Dropped[]
  /** The package's folder relative to the folder the scope ran in (`plugins/codex/<kit>`): where listings point. */
  packageDir: string
}

const PACK_KEY = `${createHash('sha256').update('outfit pack').digest('hex')}\n`

/**
 * Installs `target`'s plugin scope for `kit` into `folder` on an overlay of `fs`. `folder` should not exist: the
 * package then holds exactly what the scope writes (pack's callers pick a path that is not on the disk).
 */
export async function runPluginScope(
  fs: Fs,
  target: LoadedTarget,
  kit: Kit,
  folder: string,
): Promise<ScopeOutput> {
  const root = resolve(folder)
  const overlay = new OverlayFs(fs)
  const stateHome = join(root, '.outfit-state')
  // A fixed state key: the tags of outfit's marked blocks (an extension's GEMINI.md) are sealed with it, and a package
  // must be the same bytes every time. The key guards nothing here: this state never leaves the overlay.
  await overlay.fs.mkdir(stateHome, { recursive: true, mode: 0o700 })
  await overlay.fs.writeFile(join(stateHome, 'key'), PACK_KEY, { mode: 0o600 })
  const report = await installTools({
    fs: overlay.fs,
    targets: [target],
    scope: PLUGIN_SCOPE,
    home: root,
    project: root,
    stateHome,
    kit,
    // Nothing is expanded here: a package carries references, and whether a variable is set on this machine says
    // nothing about the machines the package is installed on.
    env: {},
  })
  const result = report.results[0]
  if (!result) throw new InternalError(`${target.spec.id}: the plugin scope gave no result`)
  if (result.status === 'failed' || result.status === 'cancelled') {
    const failure = result.failure
    throw new StepFailedError(
      target.spec.id,
      failure?.step ?? PLUGIN_SCOPE,
      'run',
      failure?.error ?? result.status,
    )
  }
  const scopeDir = buildPipeline(target.spec, PLUGIN_SCOPE, { home: root, project: root }).scope.dir
  const packageRoot = join(scopeDir, kit.name)
  const files = new Map<string, PackedFile>()
  const listings = new Map<string, Uint8Array>()
  for (const change of await overlay.changes()) {
    if (isInside(stateHome, change.path) || !change.after) continue
    if (isInside(packageRoot, change.path)) {
      const mode = (await overlay.fs.stat(change.path)).mode & 0o777
      files.set(slashed(relative(packageRoot, change.path)), { data: change.after, mode })
    } else if (isInside(root, change.path)) listings.set(slashed(relative(root, change.path)), change.after)
    else
      throw new InternalError(`${target.spec.id}: the plugin scope wrote outside its folder: ${change.path}`)
  }
  return {
    files: new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1))),
    listings,
    dropped: result.dropped ?? [],
    packageDir: slashed(relative(root, packageRoot)),
  }
}

// --- internal ---

function slashed(path: string): string {
  return path.split(sep).join('/')
}

// The kit a command installs: whether there is one where it should be, and what loading it found worth saying.
// A local kit folder without kit.yaml gets its own error (KIT_NOT_FOUND) and a hint, before anything is fetched.
import { join, relative } from 'node:path'
import type { PreparedKits } from '../api/kits.js'
import { KitNotFoundError } from '../errors.js'
import { renderDiagnostics } from '../report/render.js'
import { parseSource } from '../sources/parse-source.js'
import type { Context } from './context.js'
import type { CliDeps } from './index.js'
import { kitSources, type KitFlagsIn } from './kit-input.js'

export const KIT_HINT =
  "pass --kit <folder>, set 'kit:' in outfit.config.yaml, or create one with 'outfit init kit'"

/** Every local kit source must be a folder that holds kit.yaml; fetched ones are checked by their fetch. */
export async function checkKitSources(deps: CliDeps, ctx: Context, flags: KitFlagsIn): Promise<void> {
  for (const source of await kitSources(deps, ctx, flags)) {
    const spec = parseSource(source.source, source.baseDir ?? deps.cwd)
    if (spec.kind !== 'local') continue
    const shown = relative(deps.cwd, spec.dir) || '.'
    if (!(await present(deps, spec.dir)))
      throw new KitNotFoundError(`kit folder not found: ${shown}`, { hint: KIT_HINT })
    if (!(await present(deps, join(spec.dir, 'kit.yaml'))))
      throw new KitNotFoundError(`no kit here: ${join(shown, 'kit.yaml')} not found`, { hint: KIT_HINT })
  }
}

/** What loading the kits skipped (links, pipes inside a kit): said, not silent. */
export function showKitWarnings(deps: CliDeps, kits: PreparedKits): void {
  if (kits.warnings.length === 0) return
  for (const line of renderDiagnostics(kits.warnings, { color: deps.color, cwd: deps.cwd })) deps.err(line)
}

// --- internal ---

/**
 * Whether something is at `path`; anything but "not there" (a loop, no permission, `--kit kit.yaml` naming the file
 * instead of its folder) is left for loadKit to report.
 */
async function present(deps: CliDeps, path: string): Promise<boolean> {
  return deps.fs.lstat(path).then(
    () => true,
    (error: NodeJS.ErrnoException) => error.code !== 'ENOENT',
  )
}

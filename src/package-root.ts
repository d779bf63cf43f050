// Where the package's own data (schemas/, targets/, presets/, examples/) and the build's generated files live. outfit runs from
// three layouts: the TypeScript sources (tests, tsx), the compiled library (dist/**, one module per source file) and
// the bundled CLI (the bin dist/cli/run.cjs and the bundle dist/cli/outfit.cjs). A module's own URL therefore says little about
// how deep it sits, so the root is the nearest folder above it that holds outfit's package.json.
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = fileURLToPath(import.meta.url)

/** Running from the TypeScript sources: the build's generated files are then never used, even if a dist/ exists
 * beside them (it may be older than the sources under test). */
export const fromSource = /\.[cm]?ts$/.test(here)

export const packageRoot = findPackageRoot(dirname(here))
export const builtinTargetsDir = join(packageRoot, 'targets')
export const schemasDir = join(packageRoot, 'schemas')
export const builtinPresetsDir = join(packageRoot, 'presets')

/** Where `npm run build` writes a generated file that belongs beside the compiled `source` (a path under src/, e.g.
 * `schema/validators`); from the sources, a path under src/ that the build never writes, so nothing is found there. */
export function buildOutput(source: string): string {
  return join(packageRoot, fromSource ? 'src' : 'dist', source)
}

// --- internal ---

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir
    if (dirname(dir) === dir) return join(start, '..') // not reached in any layout outfit ships; keep the old answer
  }
}

// The built CLI that end-to-end tests spawn, built once if a fresh checkout has no dist/ yet.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { repoRoot } from '../integration/sandbox.js'

export const builtCli = join(repoRoot, 'dist/cli/run.js')

/** For beforeAll (with a long timeout): `npm run build` when dist/cli/run.js is missing. */
export function ensureBuilt(): void {
  if (!existsSync(builtCli)) spawnSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'inherit' })
}

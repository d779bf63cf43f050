// Before any end-to-end test spawns dist/: build it unless it was built from exactly the checkout's current inputs
// (scripts/build-stamp.mjs), so `npm run test:e2e` never tests a stale build. Tests learn through inject('distFresh')
// that this ran (test/helpers/built-cli.ts refuses to hand out the CLI otherwise).
import { spawnSync } from 'node:child_process'
import type { TestProject } from 'vitest/node'
// @ts-expect-error: a plain .mjs build script, without declarations
import { distIsFresh } from '../../scripts/build-stamp.mjs'
import { repoRoot } from '../integration/sandbox.js'

declare module 'vitest' {
  export interface ProvidedContext {
    distFresh: boolean
  }
}

export default function setup(project: TestProject): void {
  if (!(distIsFresh as () => boolean)()) {
    const build = spawnSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'inherit' })
    if (build.status !== 0)
      throw new Error(`npm run build failed (exit ${build.status}): end-to-end tests need dist/`)
    if (!(distIsFresh as () => boolean)())
      throw new Error('dist/ is still not fresh after npm run build: does the build change its own inputs?')
  }
  project.provide('distFresh', true)
}

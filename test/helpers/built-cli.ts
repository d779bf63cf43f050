// The built CLI that end-to-end tests spawn. Only the e2e project (npm run test:e2e) may use it: its global setup
// (test/e2e/global-setup.ts) builds dist/ unless it is fresh, so a test here never runs a stale build.
import { join } from 'node:path'
import { inject } from 'vitest'
import { repoRoot } from '../integration/sandbox.js'

if (!inject('distFresh'))
  throw new Error(
    'this test spawns dist/: name it *.e2e.test.ts (or put it in test/e2e/) and run it with npm run test:e2e',
  )

// The bin users get (package.json "bin"): the CommonJS bundle of src/cli/run.ts.
export const builtCli = join(repoRoot, 'dist/cli/run.cjs')

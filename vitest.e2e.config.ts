import { defineConfig } from 'vitest/config'
import { shared } from './vitest.config.js'

// `npm run test:e2e`: the tests that spawn the built CLI. The global setup builds dist/ unless it is fresh (built from
// exactly the sources in the checkout), so they never test a stale build.
export default defineConfig({
  test: {
    ...shared,
    // Spawned processes on a loaded machine: room for slow starts without hiding hangs.
    testTimeout: 30_000,
    include: ['test/e2e/**/*.test.ts', 'test/**/*.e2e.test.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
  },
})

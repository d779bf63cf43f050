import { availableParallelism } from 'node:os'
import { configDefaults, defineConfig } from 'vitest/config'

/** What both projects share: `npm test` (this file) and `npm run test:e2e` (vitest.e2e.config.ts). */
export const shared = {
  testTimeout: 20_000,
  env: { NO_COLOR: '1' },
}

// `npm test`: unit and integration tests, in-process. Tests that spawn the built CLI (dist/) are end-to-end tests,
// named *.e2e.test.ts or kept in test/e2e/, and run by `npm run test:e2e`, which makes sure dist/ is fresh first.
export default defineConfig({
  test: {
    ...shared,
    include: ['test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, 'test/e2e/**', 'test/**/*.e2e.test.ts'],
    // Test files share their worker's modules instead of importing src/ (and compiling the schemas) afresh each: on
    // 2 cores this halves the suite's CPU time. The price is a rule: a test restores what it changes globally
    // (spies, process.env), as they all do.
    isolate: false,
    // Vitest's default is one worker fewer than the cores (1 on 2 cores); many tests wait on the disk or on git, so
    // a second worker gains even on 2 cores. Measured here: 114 s wall with the defaults, 95 s with 2 workers,
    // 48–55 s with 2 workers and isolate off.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
})

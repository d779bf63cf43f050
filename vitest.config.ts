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
  },
})

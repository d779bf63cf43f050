import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // End-to-end tests spawn the built CLI; give slow CI machines room without hiding hangs.
    testTimeout: 20_000,
    env: { NO_COLOR: '1' },
  },
})

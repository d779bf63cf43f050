import { accessSync, constants, statfsSync, statSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { configDefaults, defineConfig } from 'vitest/config'

/** What both projects share: `npm test` (this file) and `npm run test:e2e` (vitest.e2e.config.ts). */
export const shared = {
  testTimeout: 20_000,
  env: { NO_COLOR: '1', ...tempInMemory() },
}

/**
 * The real-disk tests' temp folders (os.tmpdir()) in memory where the machine has one (/dev/shm on Linux): still a
 * kernel file system, with the same permissions, renames, links and signals, but its fsync returns at once. On this
 * 2-core VM a sync waits for the disk (and for every other process writing to it): the git and CLI tests ran a
 * quarter faster in memory. Nothing a test checks depends on the data reaching the disk: crash consistency is
 * test/safety/power-cut.test.ts, on a model of the disk. A TMPDIR the user set is kept, and a small /dev/shm (64 MiB
 * in a default Docker container) is left alone: a run holds a few MiB there at a time (6.5 MiB measured).
 */
function tempInMemory(): { TMPDIR?: string } {
  if (process.env.TMPDIR || process.env.TMP || process.env.TEMP) return {}
  try {
    if (!statSync('/dev/shm').isDirectory()) return {}
    accessSync('/dev/shm', constants.W_OK)
    const { bavail, bsize } = statfsSync('/dev/shm')
    if (bavail * bsize < 256 * 2 ** 20) return {}
    return { TMPDIR: '/dev/shm' }
  } catch {
    return {}
  }
}

// `npm test`: unit and integration tests, in-process. Tests that spawn the built CLI (dist/) are end-to-end tests,
// named *.e2e.test.ts or kept in test/e2e/, and run by `npm run test:e2e`, which makes sure dist/ is fresh first.
export default defineConfig({
  test: {
    ...shared,
    include: ['test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, 'test/e2e/**', 'test/**/*.e2e.test.ts'],
    // Built-in targets from the build's record, as in the built package (test/helpers/built-record.ts).
    setupFiles: ['test/helpers/setup.ts'],
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

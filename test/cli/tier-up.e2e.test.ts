// End-to-end in kind (processes of their own), so it runs with npm run test:e2e.
// The bin asks V8 to optimize only code that runs hot (src/cli/tier-up.ts): a function takes about BUDGET_FACTOR times
// as many calls to reach TurboFan, and still reaches it. V8's flags are process-wide, so each case runs in a process
// of its own (test/cli/fixtures/tier-up-probe.ts), with optimization made synchronous so that the count is exact.
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BUDGET_FACTOR } from '../../src/cli/tier-up.js'

const callsToOptimize = (mode: 'tuned' | 'default'): number =>
  (
    JSON.parse(
      execFileSync(
        process.execPath,
        [
          '--allow-natives-syntax',
          '--no-concurrent-recompilation',
          '--import',
          'tsx',
          join(import.meta.dirname, 'fixtures/tier-up-probe.ts'),
          mode,
        ],
        { encoding: 'utf8' },
      ),
    ) as { calls: number }
  ).calls

describe('optimizeOnlyHotCode', () => {
  it('lets a function run about BUDGET_FACTOR times as long before TurboFan optimizes it, and still optimizes it', () => {
    const plain = callsToOptimize('default')
    const tuned = callsToOptimize('tuned')
    expect(plain).toBeGreaterThan(0)
    expect(tuned).toBeGreaterThanOrEqual(plain * (BUDGET_FACTOR / 2))
    expect(tuned).toBeLessThan(1_000_000) // reached TurboFan: hot code is still optimized
  })
})

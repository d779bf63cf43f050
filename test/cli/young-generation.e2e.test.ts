// End-to-end in kind (processes of their own, ~2 s each), so it runs with npm run test:e2e.
// The bin keeps V8's young generation at its start-up size while the live heap is small (src/cli/young-generation.ts),
// and lets it grow again once a large run's heap passes LARGE_HEAP_BYTES. V8's flags are process-wide, so each case
// runs in a process of its own (test/cli/fixtures/young-generation-probe.ts).
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

interface Probe {
  before: number
  atForty: number
  grownAtForty: boolean
  grownLarge: boolean
  atEnd: number
}

const probe = (mode: 'small' | 'default'): Probe =>
  JSON.parse(
    execFileSync(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'fixtures/young-generation-probe.ts'), mode],
      { encoding: 'utf8' },
    ),
  ) as Probe

describe('keepYoungGenerationSmall', () => {
  it('keeps the young generation at its size while the heap is small, then lets it grow', () => {
    const small = probe('small')
    expect(small.atForty).toBe(small.before)
    expect(small.grownAtForty).toBe(false)
    expect(small.grownLarge).toBe(true)
    expect(small.atEnd).toBeGreaterThan(small.before)
  })

  it('is what makes the difference: without it, V8 grows the young generation on the same allocations', () => {
    const unchanged = probe('default')
    expect(unchanged.atForty).toBeGreaterThan(unchanged.before)
  })
})

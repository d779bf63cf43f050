// How large V8 lets the young generation grow, set by the bin before it loads the CLI. V8 doubles the young
// generation's semi-spaces as a run allocates (to 16 MB each, 32 MB committed with both) and keeps them: a first
// install of 1,000 rules into 5 tools peaked at 120 MB of memory, most of it a young generation that outfit's live
// data (~20 MB) never needs; Ruler peaks at 98 MB on the same job. outfit's allocations are mostly long-lived (the
// loaded CLI, targets, the kit, records), which a larger young generation only copies more of per scavenge: kept at
// V8's initial size it costs less CPU too. Measured side by side (interleaved rounds): the shared job 121 → 96 MB;
// `outfit list` 0.24 → 0.20 s of CPU, a 20-rules install 0.39 → 0.31 s, a no-change re-install of 1,000 files 0.54 →
// 0.48 s. Once the live heap grows large (a kit of thousands of files) V8's own growth comes back, where fewer, larger
// scavenges promote less. Process-wide, so decided here, at the process boundary, never by the library.
import { createRequire } from 'node:module'
import type * as V8 from 'node:v8'

/** Live heap above which the young generation grows as V8 would have it grow (see the top). */
export const LARGE_HEAP_BYTES = 64 * 1024 * 1024
const CHECK_EVERY_MS = 50

/**
 * Stops the young generation from growing, until the live heap passes LARGE_HEAP_BYTES (checked every 50 ms, on a
 * timer that keeps nobody waiting). Returns that check, which says whether growth is back.
 */
export function keepYoungGenerationSmall(): () => boolean {
  // Loaded here, not at the top: `outfit --version` and `--help` never get this far (node:v8 costs ~3 ms to load).
  const v8 = createRequire(import.meta.url)('node:v8') as typeof V8
  v8.setFlagsFromString('--semi-space-growth-factor=1')
  let grown = false
  const check = (): boolean => {
    if (!grown && v8.getHeapStatistics().used_heap_size >= LARGE_HEAP_BYTES) {
      v8.setFlagsFromString('--semi-space-growth-factor=2') // V8's default
      grown = true
      clearInterval(timer)
    }
    return grown
  }
  const timer = setInterval(check, CHECK_EVERY_MS)
  timer.unref()
  return check
}

// How eagerly V8 hands a function to TurboFan, its optimizing compiler, set by the bin before it loads the CLI. V8
// optimizes a function once it has run a budget of bytecode (--interrupt-budget, 66 KiB of it per function by default,
// tuned for pages and servers that run for minutes). A command of outfit runs for about a second: most of its functions
// run warm, not hot, and TurboFan's compiling them on background threads never paid back (a 1,000-file install into 7
// tools: 7.3 billion instructions, 5.3 with ten times the budget; its memory peak 98 → 88 MB). The code that does run
// hot — hashing, the per-file loop of a 5,000-file install — still gets there, a little later (CPU at 5,000 files
// 5.46 → 5.23 s). Process-wide, so decided here, at the process boundary, never by the library.
import { createRequire } from 'node:module'
import type * as V8 from 'node:v8'

/** V8's default interrupt budget (v8 11.3's --interrupt-budget, in bytes of bytecode). */
const V8_DEFAULT_BUDGET = 66 * 1024
/** How many times V8's default budget a function runs before TurboFan is asked to optimize it. */
export const BUDGET_FACTOR = 10

export function optimizeOnlyHotCode(): void {
  // Loaded here, not at the top: `outfit --version` and `--help` never get this far (see young-generation.ts).
  const v8 = createRequire(import.meta.url)('node:v8') as typeof V8
  v8.setFlagsFromString(`--interrupt-budget=${V8_DEFAULT_BUDGET * BUDGET_FACTOR}`)
}

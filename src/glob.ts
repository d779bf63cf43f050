// Glob matchers, compiled once per pattern list and options: picomatch turns each glob into a regular expression, and
// the same few globs (a transform's `match`, a block's `from`, a step's `when.kit`) were compiled again for every kit
// file of every tool, ~10 % of a small install's time. Bounded, like every memo of a run: a target may hold any glob.
import picomatch from 'picomatch'

export type Matcher = (path: string) => boolean

const memo = new Map<string, Matcher>()
const MEMO_SIZE = 512

/** picomatch(patterns, options), compiled once; options are only picomatch's plain flags (`dot`). */
export function matcher(patterns: string | readonly string[], options: { dot?: boolean } = {}): Matcher {
  const key = JSON.stringify([patterns, options.dot ?? null])
  let match = memo.get(key)
  if (!match) {
    match = picomatch(typeof patterns === 'string' ? patterns : [...patterns], options)
    if (memo.size >= MEMO_SIZE) memo.clear()
    memo.set(key, match)
  }
  return match
}

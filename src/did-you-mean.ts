// "Did you mean …?" for mistyped commands, options, tool ids and keys: the closest known name, if it is close enough.

/** The known name nearest to `input`, or undefined when none is plausibly what was meant. */
export function closest(input: string, known: readonly string[]): string | undefined {
  const needle = input.toLowerCase()
  let best: { name: string; distance: number } | undefined
  for (const name of known) {
    const distance = editDistance(needle, name.toLowerCase())
    if (!best || distance < best.distance) best = { name, distance }
  }
  if (!best) return undefined
  // One typo in a short word, about one in three in a longer one; a clean prefix ("claude" → "claude-code") too.
  const allowed = Math.max(1, Math.floor(needle.length / 3))
  if (best.distance <= allowed) return best.name
  return known.find((k) => needle.length >= 3 && k.toLowerCase().startsWith(needle))
}

/** ` (did you mean 'x'?)` or an empty string. */
export function didYouMean(input: string, known: readonly string[], quote = "'"): string {
  const match = closest(input, known)
  return match === undefined || match === input ? '' : `; did you mean ${quote}${match}${quote}?`
}

// --- internal ---

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours each cost 1. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)])
  for (let j = 1; j <= b.length; j++) (rows[0] as number[])[j] = j
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] as number[]
    const prev = rows[i - 1] as number[]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      row[j] = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j] as number, ((rows[i - 2] as number[])[j - 2] as number) + 1)
    }
  }
  return (rows[a.length] as number[])[b.length] as number
}

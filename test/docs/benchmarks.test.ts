// docs/BENCHMARKS.md is generated (bench/run.ts) from the measurements and bench/notes.md: the hand-written analysis
// lives in notes.md, so that `npm run bench` re-renders every section instead of dropping the ones added to the doc
// by hand (as happened before: six sections existed only in the doc).
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

describe('docs/BENCHMARKS.md', () => {
  it('ends with bench/notes.md, word for word', () => {
    const doc = readFileSync('docs/BENCHMARKS.md', 'utf8')
    const notes = readFileSync('bench/notes.md', 'utf8')
    expect(doc.slice(doc.indexOf('## Analysis'))).toBe(notes)
  })
})

// The seal is HMAC-SHA256 over the parts, each prefixed with its UTF-8 length: the same bytes whether a part is hashed
// joined to the others (small records: journal lines) or on its own (megabytes: manifests and stamps), so records
// sealed either way by any version check the same.
import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { seal, verifySeal } from '../../src/state/seal.js'

const key = new Uint8Array(32).fill(9)

/** The definition, written out: what every seal must equal. */
function reference(parts: string[]): string {
  const bytes = Buffer.concat(
    parts.flatMap((p) => [Buffer.from(`${Buffer.byteLength(p, 'utf8')}:`), Buffer.from(p, 'utf8')]),
  )
  return createHmac('sha256', key).update(bytes).digest('hex')
}

describe('seal', () => {
  it.each([
    ['small parts', ['journal', 'scope-id', 'run', '{"path":"a.md"}']],
    ['multi-byte text', ['stamp', 'id', 'tool', 'é ✓ 😀 '.repeat(10)]],
    [
      'one part of megabytes',
      ['stamp', 'id', 'claude-code', 'global', `[${'"é✓ path",'.repeat(200_000)}""]`],
    ],
    ['an empty part', ['manifest', '', 'x'.repeat(20_000)]],
  ])('of %s is HMAC-SHA256 over the length-prefixed parts', (_, parts) => {
    expect(seal(key, parts)).toBe(reference(parts))
    expect(verifySeal(key, parts, reference(parts))).toBe(true)
    expect(verifySeal(key, [...parts.slice(0, -1), `${parts.at(-1)} `], reference(parts))).toBe(false)
  })

  it('tells parts apart by their lengths: moving text across a boundary changes the seal', () => {
    const big = 'y'.repeat(20_000)
    expect(seal(key, ['ab', big])).not.toBe(seal(key, ['a', `b${big}`]))
  })
})

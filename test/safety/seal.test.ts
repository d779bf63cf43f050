// The seal's input format is part of every manifest and journal written so far: it must not change with the code.
import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { seal, verifySeal } from '../../src/state/seal.js'

const key = Buffer.alloc(32, 0x5a)
/** The format as documented: each part as its UTF-8 byte length, a colon, then its bytes. */
const reference = (parts: string[]) => {
  const mac = createHmac('sha256', key)
  for (const part of parts) {
    const bytes = Buffer.from(part, 'utf8')
    mac.update(`${bytes.length}:`)
    mac.update(bytes)
  }
  return mac.digest('hex')
}

describe('seal', () => {
  it('is HMAC-SHA256 over length-prefixed UTF-8 parts, for any text', () => {
    for (const parts of [
      [],
      [''],
      ['a', 'bc'],
      ['ab', 'c'],
      ['ünïcødé', '日本', '🙂'],
      ['lone \ud800 surrogate'],
      ['1:x', ''],
    ]) {
      expect(seal(key, parts), JSON.stringify(parts)).toBe(reference(parts))
      expect(verifySeal(key, parts, reference(parts))).toBe(true)
    }
  })

  it('tells apart part lists that concatenate to the same text', () => {
    expect(seal(key, ['a', 'bc'])).not.toBe(seal(key, ['ab', 'c']))
    expect(seal(key, ['1:a'])).not.toBe(seal(key, ['', 'a']))
    expect(verifySeal(key, ['ab', 'c'], seal(key, ['a', 'bc']))).toBe(false)
  })
})

// The run's kit-file cache holds a file once, as bytes or as text: bytes made again from the text are the file's bytes.
import { describe, expect, it } from 'vitest'
import { bytesOf, kitFileText, type KitFile } from '../../src/actions/kit-file.js'

const encode = (s: string) => new TextEncoder().encode(s)

describe('kit file cache', () => {
  it.each([
    ['plain text', '---\nname: a\n---\nbody\n'],
    ['a byte-order mark', '\uFEFF---\nname: a\n---\nbody\n'],
    ['two byte-order marks', '\uFEFF\uFEFFtext'],
    ['non-ASCII and CRLF', '---\r\nname: é\r\n---\r\n日本語 🎉\r\n'],
    ['nothing', ''],
  ])(
    'gives back the exact bytes of a file with %s after its text was taken (and drops its own copy)',
    (_name, content) => {
      const bytes = encode(content)
      const file: KitFile = { bytes }
      const text = kitFileText(file, 'kit/a.md')
      expect(text).toBe(content.replace(/^\uFEFF/, ''))
      expect(file.bytes).toBeUndefined()
      expect(kitFileText(file, 'kit/a.md')).toBe(text)
      expect(Buffer.from(bytesOf(file)).equals(Buffer.from(bytes))).toBe(true)
    },
  )

  it('keeps the bytes of a file that is not UTF-8 (the error names the file)', () => {
    const file: KitFile = { bytes: new Uint8Array([0xff, 0xfe, 0x00]) }
    expect(() => kitFileText(file, 'kit/img.md')).toThrow(/kit\/img\.md is not valid UTF-8/)
    expect(bytesOf(file)).toEqual(new Uint8Array([0xff, 0xfe, 0x00]))
  })
})

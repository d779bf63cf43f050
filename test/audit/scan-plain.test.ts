// scanText answers a text of printable ASCII, tab and line feed without looking at its code points: nothing the
// rules name can be in it. Every ASCII character outside that set still takes the full scan, and is found.
import { describe, expect, it } from 'vitest'
import { scanText } from '../../src/audit/scan-text.js'

describe('scanText on plain text', () => {
  it('finds nothing in printable ASCII with tabs and line feeds', () => {
    const plain = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join('')
    expect(scanText('a.md', `${plain}\n\t${plain}\n`)).toEqual([])
  })

  it('still finds every other ASCII control character (a lone CR included)', () => {
    const controls = [...Array.from({ length: 0x20 }, (_, i) => i), 0x7f].filter(
      (c) => c !== 0x09 && c !== 0x0a,
    )
    for (const c of controls)
      expect(
        scanText('a.md', `plain ${String.fromCharCode(c)} text\n`).map((f) => f.rule),
        `U+${c}`,
      ).toEqual(['control-character'])
    expect(scanText('a.md', 'line\r\nline\n')).toEqual([])
  })
})

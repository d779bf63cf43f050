// A flat TOML table written as the tools' own examples write it, and read back to the same data.
import { parse } from 'smol-toml'
import { describe, expect, it } from 'vitest'
import { flatTomlText } from '../../src/formats/toml-text.js'

describe('flatTomlText', () => {
  it('writes one line per key and text with line breaks last, as a multi-line string', () => {
    const text = flatTomlText({
      description: 'Cut a release',
      prompt: 'Release {{args}}.\n\nThen tag it.\n',
      n: 2,
    })
    expect(text).toBe(
      'description = "Cut a release"\nn = 2\nprompt = """\nRelease {{args}}.\n\nThen tag it.\n"""\n',
    )
  })

  it('escapes what a multi-line string cannot hold, and reads back to the same data', () => {
    const table = {
      prompt:
        'a "quote", three """ quotes, a \\ backslash,\na control \u0001 char, a lone \r CR and an end quote"',
      tags: ['x', 'y'],
    }
    const text = flatTomlText(table)
    expect(text).toContain('""\\"')
    expect({ ...parse(text) }).toEqual(table)
  })

  it('leaves a table with nested tables to the TOML library', () => {
    const table = { name: 'a', env: { KEY: 'v' } }
    expect({ ...parse(flatTomlText(table)) }).toEqual(table)
  })
})

import { describe, expect, it } from 'vitest'
import { assertEditable, ConfigParseError, getAt, parseJsonc, setAt } from '../../src/formats/json-edit.js'

const userFile = `{
  // my settings
  "theme": "dark",
  "mcpServers": {
    "mine": { "command": "x" }
  }
}
`

describe('setAt', () => {
  it('adds a key without touching the neighbours, comments or one-line objects', () => {
    const out = setAt(userFile, ['mcpServers', 'kit'], { command: 'npx', args: ['-y'] })
    expect(out).toBe(`{
  // my settings
  "theme": "dark",
  "mcpServers": {
    "mine": { "command": "x" },
    "kit": {
      "command": "npx",
      "args": [
        "-y"
      ]
    }
  }
}
`)
    expect(setAt(out, ['mcpServers', 'kit'], undefined)).toBe(userFile)
  })

  it('creates a new file with a trailing newline and missing containers', () => {
    expect(setAt('', ['a', 'b'], 1)).toBe('{\n  "a": {\n    "b": 1\n  }\n}\n')
  })

  it('keeps tab indentation and trailing-comma style', () => {
    expect(setAt('{\n\t"x": 1\n}', ['y'], 2)).toBe('{\n\t"x": 1,\n\t"y": 2\n}')
    const withComma = '{\n  "list": [\n    1,\n  ],\n}'
    const added = setAt(withComma, ['list', 1], 2)
    expect(added).toBe('{\n  "list": [\n    1,\n    2,\n  ],\n}')
    expect(setAt(added, ['list', 1], undefined)).toBe(withComma)
  })

  it('replaces an existing value in place', () => {
    expect(setAt('{\n  "a": 1,\n  "b": 2\n}\n', ['a'], { x: true })).toBe(
      '{\n  "a": {\n    "x": true\n  },\n  "b": 2\n}\n',
    )
  })

  it('removes the only property but keeps a comment beside it', () => {
    expect(setAt('{\n  "a": {\n    // note\n    "k": 1\n  }\n}', ['a', 'k'], undefined)).toBe(
      '{\n  "a": {\n    // note\n  }\n}',
    )
    expect(setAt('{\n  "a": {\n    "k": 1\n  }\n}', ['a', 'k'], undefined)).toBe('{\n  "a": {}\n}')
  })

  it('reads values back', () => {
    expect(getAt(userFile, ['mcpServers', 'mine'])).toEqual({ found: true, value: { command: 'x' } })
    expect(getAt(userFile, ['nope'])).toEqual({ found: false })
  })
})

describe('setAt before a sibling', () => {
  it("puts a new property on its own line above the named sibling, in the file's indent", () => {
    expect(setAt('{\n\t"a": 1,\n\t"c": 3\n}\n', ['b'], 2, 'c')).toBe('{\n\t"a": 1,\n\t"b": 2,\n\t"c": 3\n}\n')
    expect(setAt('{\n  "s": {\n    "d": {}\n  }\n}\n', ['s', 'f'], { x: [1] }, 'd')).toBe(
      '{\n  "s": {\n    "f": {\n      "x": [\n        1\n      ]\n    },\n    "d": {}\n  }\n}\n',
    )
  })

  it('appends when the sibling is not there or shares a line with others', () => {
    expect(setAt('{\n  "a": 1\n}\n', ['b'], 2, 'zz')).toBe('{\n  "a": 1,\n  "b": 2\n}\n')
    expect(setAt('{ "a": 1, "c": 3 }\n', ['b'], 2, 'c')).toBe('{ "a": 1, "c": 3, "b": 2 }\n')
  })
})

describe('parseJsonc', () => {
  it('accepts comments and trailing commas, and an empty file', () => {
    expect(parseJsonc('f.json', '{ /* c */ "a": 1, }')).toEqual({ a: 1 })
    expect(parseJsonc('f.json', '')).toEqual({})
  })

  it('points at the first syntax error', () => {
    const error = (() => {
      try {
        parseJsonc('/h/.claude.json', '{\n  "a": 1\n  "b": 2\n}')
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(ConfigParseError)
    expect((error as Error).message).toBe(
      '/h/.claude.json:3:3: not valid JSON (CommaExpected); fix the file and run again, nothing was written',
    )
  })

  it('refuses a top level that is not an object', () => {
    expect(() => parseJsonc('f.json', '[1]')).toThrow('expected a JSON object at the top level')
  })
})

describe('assertEditable and byte-order marks', () => {
  it('parses a JSON config that starts with a byte-order mark, and setAt keeps the mark', () => {
    const text = '\uFEFF{\n  "a": 1\n}\n'
    expect(parseJsonc('x.json', text)).toEqual({ a: 1 })
    expect(setAt(text, ['b'], 2)).toBe('\uFEFF{\n  "a": 1,\n  "b": 2\n}\n')
  })

  it('refuses a duplicate key anywhere on the path, at the second one', () => {
    const text = '{\n  "outer": {\n    "servers": {},\n    "servers": {}\n  }\n}\n'
    expect(() => assertEditable('x.json', text, ['outer', 'servers', 'kit'])).toThrow(
      "x.json:4:5: 'outer.servers' appears 2 times (first on line 3)",
    )
    expect(() => assertEditable('x.json', text, ['outer', 'other'])).not.toThrow()
  })

  it('refuses a value of the wrong type on the path, naming what it is', () => {
    expect(() => assertEditable('x.json', '{ "hooks": { "a": 1 } }', ['hooks', 0])).toThrow(
      "x.json:1:12: 'hooks' is an object, but outfit needs an array there to add 'hooks.0'",
    )
    expect(() => assertEditable('x.json', '{ "m": null }', ['m', 'k'])).toThrow(
      "'m' is null, but outfit needs an object there",
    )
    expect(() => assertEditable('x.json', '{ "m": [] }', ['m', 0])).not.toThrow()
  })
})

describe('parse trees shared between edits', () => {
  it('answers each text by its own tree, however edits and texts interleave', () => {
    const a = '{\n  // mine\n  "a": 1\n}\n'
    const b = '{"b": [1, 2]}'
    const steps = [a, b, a, setAt(a, ['x', 'y'], true), b, setAt(b, ['b', 2], 3), a]
    for (const text of [...steps, ...steps.reverse()]) {
      expect(getAt(text, ['a'])).toEqual(text.includes('"a"') ? { found: true, value: 1 } : { found: false })
      expect(getAt(text, ['b'])).toEqual(
        text.includes('"b"')
          ? { found: true, value: text.includes('3') ? [1, 2, 3] : [1, 2] }
          : { found: false },
      )
    }
    expect(setAt(setAt(a, ['x', 'y'], true), ['x', 'z'], 2)).toBe(
      '{\n  // mine\n  "a": 1,\n  "x": {\n    "y": true,\n    "z": 2\n  }\n}\n',
    )
    expect(() => parseJsonc('f.json', '{"a": }')).toThrow(/f\.json:1:7/)
    expect(() => parseJsonc('f.json', '{"a": }')).toThrow(/f\.json:1:7/) // the second answer comes from the cache
  })
})

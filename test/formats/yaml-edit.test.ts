// YAML edits splice only the lines outfit adds or removes: the user's comments, spacing, quoting, list style and
// flow collections elsewhere stay byte for byte, and a removal gives the original text back.
import { describe, expect, it } from 'vitest'
import { ConfigParseError } from '../../src/formats/json-edit.js'
import {
  detectStyle,
  parseYaml,
  yamlAppend,
  yamlGet,
  yamlSet,
  yamlSetItem,
} from '../../src/formats/yaml-edit.js'

// Goose writes its config with serde_yaml: two spaces, lists not indented under their key.
const goose = `# my goose
GOOSE_PROVIDER: anthropic   # the provider
extensions:
  developer:
    enabled: true   # always on
    name: developer
    type: builtin

  mine:
    args:
    - -y
    - 'my-server'
    cmd: npx
    type: stdio
flow: {a: 1, b: [x, y]}
`

describe('yamlSet', () => {
  it('adds a nested entry after the last one of its map, in the file’s own style, and removes it exactly', () => {
    const out = yamlSet(goose, ['extensions', 'kit'], {
      enabled: true,
      type: 'stdio',
      cmd: 'npx',
      args: ['-y', 'kit'],
      envs: { LOG: 'debug' },
    })
    expect(out).toBe(
      goose.replace(
        '    type: stdio\n',
        '    type: stdio\n  kit:\n    enabled: true\n    type: stdio\n    cmd: npx\n    args:\n    - -y\n    - kit\n    envs:\n      LOG: debug\n',
      ),
    )
    expect(yamlSet(out, ['extensions', 'kit'], undefined)).toBe(goose)
  })

  it('replaces a scalar in place and keeps its comment', () => {
    expect(yamlSet(goose, ['extensions', 'developer', 'enabled'], false)).toBe(
      goose.replace('enabled: true   # always on', 'enabled: false   # always on'),
    )
  })

  it('creates missing maps at the top level, and a new file ends with a newline', () => {
    expect(yamlSet(goose, ['a', 'b'], 1)).toBe(`${goose}a:\n  b: 1\n`)
    expect(yamlSet('', ['a', 'b'], 1)).toBe('a:\n  b: 1\n')
    expect(yamlSet('# just a comment\n', ['a'], 'x')).toBe('# just a comment\na: x\n')
  })

  it('keeps four-space indentation and CRLF line endings', () => {
    const text = 'a: 1\r\nb:\r\n    c: 2\r\n'
    const out = yamlSet(text, ['b', 'd'], { e: 3 })
    expect(out).toBe('a: 1\r\nb:\r\n    c: 2\r\n    d:\r\n        e: 3\r\n')
    expect(yamlSet(out, ['b', 'd'], undefined)).toBe(text)
  })

  it('fills a key that holds nothing (`extensions:`), and refuses to nest under a scalar', () => {
    expect(yamlSet('extensions:\nx: 1\n', ['extensions', 'kit'], 1)).toBe('extensions:\n  kit: 1\nx: 1\n')
    expect(() => yamlSet('extensions: off\n', ['extensions', 'kit'], 1)).toThrow(
      /'extensions' is not a mapping/,
    )
  })

  it('re-prints a flow collection it must change (and only then)', () => {
    expect(yamlSet('flow: {a: 1}\n', ['flow', 'b'], 2)).toBe('flow: { a: 1, b: 2 }\n')
  })

  it('leaves an emptied map as {} so that its key keeps its type', () => {
    expect(yamlSet('ext:\n  kit: 1\n', ['ext', 'kit'], undefined)).toBe('ext: {}\n')
  })
})

describe('yamlSet before a sibling', () => {
  const text = '# mine\nservers:\n  mine: { command: my-server } # keep\n  docs:\n    url: https://x\n'

  it('puts a new key on the lines above the named sibling, keeping everything else byte for byte', () => {
    expect(yamlSet(text, ['servers', 'fs'], { command: 'npx' }, 'docs')).toBe(
      '# mine\nservers:\n  mine: { command: my-server } # keep\n  fs:\n    command: npx\n  docs:\n    url: https://x\n',
    )
  })

  it('appends when the sibling is not there', () => {
    expect(yamlSet(text, ['servers', 'fs'], { command: 'npx' }, 'nope')).toBe(
      `${text}  fs:\n    command: npx\n`,
    )
  })
})

describe('lists', () => {
  it('appends in the list’s style and removes the item again', () => {
    const out = yamlAppend(goose, ['extensions', 'mine', 'args'], '--verbose')
    expect(out).toBe(goose.replace("    - 'my-server'\n", "    - 'my-server'\n    - --verbose\n"))
    expect(yamlSetItem(out, ['extensions', 'mine', 'args'], 2, undefined)).toBe(goose)
  })

  it('appends a map element to a new list and replaces it in place', () => {
    const text = '# continue\nname: Local Config\n'
    const out = yamlAppend(text, ['mcpServers'], { name: 'kit', command: 'npx', args: ['-y'] })
    expect(out).toBe(`${text}mcpServers:\n  - name: kit\n    command: npx\n    args:\n      - -y\n`)
    expect(yamlSetItem(out, ['mcpServers'], 0, { name: 'kit', url: 'https://x' })).toBe(
      `${text}mcpServers:\n  - name: kit\n    url: https://x\n`,
    )
    expect(yamlSetItem(out, ['mcpServers'], 0, undefined)).toBe(`${text}mcpServers: []\n`)
  })
})

describe('parseYaml', () => {
  it.each([
    [
      'a: 1\nb: [\n',
      'f.yaml:3:1: not valid YAML (Flow sequence in block collection must be sufficiently indented and end with a ])',
    ],
    ['a: 1\na: 2\n', 'f.yaml:2:1: not valid YAML (Map keys must be unique)'],
    [
      'a: 1\n---\nb: 2\n',
      'f.yaml:2:1: not valid YAML (Source contains multiple documents; please use YAML.parseAllDocuments())',
    ],
    ['- a\n', 'f.yaml:1:1: expected a YAML mapping at the top level'],
  ])('%j → %s', (text, message) => {
    expect(() => parseYaml('f.yaml', text)).toThrow(ConfigParseError)
    expect(() => parseYaml('f.yaml', text)).toThrow(message)
  })
})

it('yamlGet reads values and tells a missing key from a null one', () => {
  expect(yamlGet(goose, ['extensions', 'mine', 'args'])).toEqual({ found: true, value: ['-y', 'my-server'] })
  expect(yamlGet('a:\n', ['a'])).toEqual({ found: true, value: null })
  expect(yamlGet('a:\n', ['b'])).toEqual({ found: false })
})

it('detectStyle finds the indent unit and whether lists are indented under their key', () => {
  expect(detectStyle(goose)).toMatchObject({ unit: '  ', indentSeq: false })
  expect(detectStyle('a:\n    b:\n      - x\n')).toMatchObject({ unit: '    ', indentSeq: true })
  expect(detectStyle('')).toMatchObject({ unit: '  ', indentSeq: true, eol: '\n' })
})

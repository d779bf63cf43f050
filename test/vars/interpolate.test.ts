// Templates: variables, and sections that render only when a variable is set (or empty).
import { describe, expect, it } from 'vitest'
import { findVariables, interpolate, recordLookup } from '../../src/vars/interpolate.js'

const lookup = recordLookup({
  'item.body': 'Use strict.',
  'item.fm.globs': '**/*.ts',
  'item.fm.none': '',
  'item.fm.off': 'false',
})

describe('interpolate', () => {
  it('renders {{#x}} sections only when x is set, and {{^x}} only when it is empty', () => {
    const template =
      '{{#item.fm.globs}}Only for {{item.fm.globs}}: {{/item.fm.globs}}{{^item.fm.none}}[always] {{/item.fm.none}}{{item.body}}'
    expect(interpolate(template, lookup)).toBe('Only for **/*.ts: [always] Use strict.')
    expect(
      interpolate(
        '{{#item.fm.none}}hidden{{/item.fm.none}}{{^item.fm.globs}}hidden{{/item.fm.globs}}',
        lookup,
      ),
    ).toBe('')
    expect(
      interpolate('{{#item.fm.off}}hidden{{/item.fm.off}}{{^item.fm.off}}shown{{/item.fm.off}}', lookup),
    ).toBe('shown')
  })

  it('renders nested sections (always-apply rules, or rules without globs)', () => {
    const template =
      '{{#item.fm.none}}A{{/item.fm.none}}{{^item.fm.none}}{{^item.fm.globs}}B{{/item.fm.globs}}{{#item.fm.globs}}C{{/item.fm.globs}}{{/item.fm.none}}'
    expect(interpolate(template, lookup)).toBe('C')
  })

  it('throws on an unknown section name, like on an unknown variable', () => {
    expect(() => interpolate('{{#nope}}x{{/nope}}', lookup)).toThrow('unknown variable {{nope}}')
  })

  it('reports section names to the loader, so they are checked like variables', () => {
    expect(findVariables('{{d}}{{#a.b}}{{c}}{{/a.b}}').map((v) => v.name)).toEqual(['d', 'a.b', 'c'])
  })
})

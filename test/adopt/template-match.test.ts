import { describe, expect, it } from 'vitest'
import { matchTemplate } from '../../src/adopt/template-match.js'
import { recordLookup } from '../../src/vars/interpolate.js'

const known = recordLookup({ 'kit.prefix': '' })
const RULE =
  '{{^item.fm.alwaysApply}}{{#item.fm.globs}}_For files matching `{{item.fm.globs}}` only:_\n\n{{/item.fm.globs}}{{/item.fm.alwaysApply}}{{item.body}}'

describe('matchTemplate', () => {
  it('reads a file name back into the stem it was rendered from', () => {
    expect(matchTemplate('{{kit.prefix}}{{item.stem}}.toml', 'reviewer.toml', known)?.vars).toEqual({
      'item.stem': 'reviewer',
    })
    expect(matchTemplate('{{kit.prefix}}{{item.stem}}.toml', 'reviewer.md', known)).toBeUndefined()
    expect(matchTemplate('acme-{{item.stem}}.md', 'other.md', recordLookup({}))).toBeUndefined()
  })

  it('a section that rendered its text says its variable was set; its variable comes back', () => {
    const m = matchTemplate(RULE, '_For files matching `src/**` only:_\n\nUse strict mode.\n', known)
    expect(m).toEqual({
      vars: { 'item.fm.globs': 'src/**', 'item.body': 'Use strict mode.\n' },
      set: ['item.fm.globs'],
      unset: ['item.fm.alwaysApply'],
    })
  })

  it('a section that may have rendered nothing is read as unset, and the whole text is the body', () => {
    const m = matchTemplate(RULE, 'Always answer in English.\n', known)
    expect(m).toEqual({ vars: { 'item.body': 'Always answer in English.\n' }, set: [], unset: [] })
    const claude =
      '{{#item.fm.alwaysApply}}{{item.body}}{{/item.fm.alwaysApply}}{{^item.fm.alwaysApply}}{{^item.fm.globs}}{{item.body}}{{/item.fm.globs}}{{/item.fm.alwaysApply}}'
    expect(matchTemplate(claude, 'text', known)?.vars).toEqual({ 'item.body': 'text' })
  })
})

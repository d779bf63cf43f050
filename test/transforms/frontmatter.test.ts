// Frontmatter transforms: renames are applied at once (a rename to itself keeps the key), and `select` filters files.
import { describe, expect, it } from 'vitest'
import { stringify } from 'yaml'
import type { Select } from '../../src/generated/target.js'
import { applyTransforms } from '../../src/transforms/apply.js'
import { makeItem } from '../../src/transforms/item.js'
import { parseMarkdown, renderMarkdown } from '../../src/transforms/markdown.js'
import { selects } from '../../src/transforms/select.js'

const render = (t: string) => t
const command = makeItem('changelog.md', '---\ndescription: Draft a changelog\nargument-hint: "[version]"\n---\nBody\n', 'changelog.md')

describe('frontmatter.rename', () => {
  it('keeps a key renamed to itself (it used to delete it)', () => {
    const out = applyTransforms(command, [{ frontmatter: { keep: ['description', 'argument-hint'], rename: { 'argument-hint': 'argument-hint' } } }], render)
    expect(out).toBe('---\ndescription: Draft a changelog\nargument-hint: "[version]"\n---\nBody\n')
  })

  it('swaps two keys instead of losing one', () => {
    const item = makeItem('x.md', '---\na: 1\nb: 2\n---\n', 'x.md')
    expect(applyTransforms(item, [{ frontmatter: { rename: { a: 'b', b: 'a' } } }], render)).toBe('---\nb: 1\na: 2\n---\n')
  })

  it('lets a renamed key win over one that already had the name', () => {
    const item = makeItem('x.md', '---\napplyTo: old\nglobs: "**/*.ts"\n---\n', 'x.md')
    expect(applyTransforms(item, [{ frontmatter: { rename: { globs: 'applyTo' } } }], render)).toBe('---\napplyTo: "**/*.ts"\n---\n')
  })
})

describe('select', () => {
  const scoped = parseMarkdown('---\nglobs: ["**/*.ts"]\n---\nx', 'r.md')
  const always = parseMarkdown('---\nalwaysApply: true\nglobs: []\n---\nx', 'r.md')
  const cases: [Select, boolean, boolean][] = [
    [{ with: ['globs'] }, true, false],
    [{ without: ['globs'] }, false, true],
    [{ with: ['alwaysApply'], without: ['globs'] }, false, true],
  ]
  it.each(cases)('%o', (select, forScoped, forAlways) => {
    expect([selects(select, scoped), selects(select, always)]).toEqual([forScoped, forAlways])
  })
})

describe('renderMarkdown: remembered lines', () => {
  it('renders every value as yaml does, the first time and every later time, never confusing types', () => {
    const values: unknown[] = ['plain', 'yes', 'true', true, '1', 1, 1.5, -0, 0, '', 'a: b', '# not a comment', "it's", 'multi\nline', ['x', 'y'], [], ['1', 'true'], [1, 2], { nested: 'map' }, null, Number.NaN]
    const expected = (value: unknown) => `---\n${stringify({ key: value }, { lineWidth: 0 }).trimEnd()}\n---\nbody`
    for (let round = 0; round < 3; round++) {
      for (const value of values) expect(renderMarkdown({ frontmatter: { key: value }, body: 'body' }), JSON.stringify(value)).toBe(expected(value))
    }
    // A hole in a list is not a string: it must not share the line of a list that holds one.
    // eslint-disable-next-line no-sparse-arrays
    expect(renderMarkdown({ frontmatter: { key: ['a', , 'b'] }, body: '' })).toBe(`---\n${stringify({ key: ['a', , 'b'] }, { lineWidth: 0 }).trimEnd()}\n---\n`)
  })
})

// Frontmatter transforms: renames are applied at once (a rename to itself keeps the key), and `select` filters files.
import { describe, expect, it } from 'vitest'
import type { Select } from '../../src/generated/target.js'
import { applyTransforms } from '../../src/transforms/apply.js'
import { makeItem } from '../../src/transforms/item.js'
import { parseMarkdown } from '../../src/transforms/markdown.js'
import { selects } from '../../src/transforms/select.js'

const render = (t: string) => t
const command = makeItem(
  'changelog.md',
  '---\ndescription: Draft a changelog\nargument-hint: "[version]"\n---\nBody\n',
  'changelog.md',
)

describe('frontmatter.rename', () => {
  it('keeps a key renamed to itself (it used to delete it)', () => {
    const out = applyTransforms(
      command,
      [
        {
          frontmatter: {
            keep: ['description', 'argument-hint'],
            rename: { 'argument-hint': 'argument-hint' },
          },
        },
      ],
      render,
    )
    expect(out).toBe('---\ndescription: Draft a changelog\nargument-hint: "[version]"\n---\nBody\n')
  })

  it('swaps two keys instead of losing one', () => {
    const item = makeItem('x.md', '---\na: 1\nb: 2\n---\n', 'x.md')
    expect(applyTransforms(item, [{ frontmatter: { rename: { a: 'b', b: 'a' } } }], render)).toBe(
      '---\nb: 1\na: 2\n---\n',
    )
  })

  it('lets a renamed key win over one that already had the name', () => {
    const item = makeItem('x.md', '---\napplyTo: old\nglobs: "**/*.ts"\n---\n', 'x.md')
    expect(applyTransforms(item, [{ frontmatter: { rename: { globs: 'applyTo' } } }], render)).toBe(
      '---\napplyTo: "**/*.ts"\n---\n',
    )
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

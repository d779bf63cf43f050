// Frontmatter transforms: renames are applied at once (a rename to itself keeps the key), and `select` filters files.
import { describe, expect, it } from 'vitest'
import type { FileWhen } from '../../src/generated/target.js'
import { applyTransforms } from '../../src/transforms/apply.js'
import { makeItem } from '../../src/transforms/item.js'
import { parseMarkdown } from '../../src/transforms/markdown.js'
import { holdsFor } from '../../src/transforms/file-when.js'

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

describe('a condition on a file (when: { has, lacks })', () => {
  const scoped = parseMarkdown('---\nglobs: ["**/*.ts"]\n---\nx', 'r.md')
  const always = parseMarkdown('---\nalwaysApply: true\nglobs: []\n---\nx', 'r.md')
  const cases: [FileWhen, boolean, boolean][] = [
    [{ has: ['globs'] }, true, false],
    [{ has: 'globs' }, true, false],
    [{ lacks: ['globs'] }, false, true],
    [{ has: ['alwaysApply'], lacks: 'globs' }, false, true],
  ]
  it.each(cases)('%o', (when, forScoped, forAlways) => {
    expect([holdsFor(when, scoped.frontmatter), holdsFor(when, always.frontmatter)]).toEqual([
      forScoped,
      forAlways,
    ])
  })
})

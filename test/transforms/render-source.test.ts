import { describe, expect, it } from 'vitest'
import { frontmatterKeys, parseMarkdown, renderMarkdown } from '../../src/transforms/markdown.js'

describe('renderMarkdown keeps the frontmatter text of keys it did not change', () => {
  const text =
    '---\nname: \'reviewer\'\n# who calls it\ndescription: "Reviews: diffs"\ntools: [Read, Grep]\nmodel: opus\n---\nBody\n'

  it('renders an unchanged document byte for byte', () => {
    expect(renderMarkdown(parseMarkdown(text, 'a.md'))).toBe(text)
  })

  it('a changed or new key is written anew, the others as they were', () => {
    const doc = parseMarkdown(text, 'a.md')
    const out = renderMarkdown({
      ...doc,
      frontmatter: { ...doc.frontmatter, tools: 'Read, Grep', color: 'red' },
    })
    expect(out).toBe(
      '---\nname: \'reviewer\'\n# who calls it\ndescription: "Reviews: diffs"\ntools: Read, Grep\nmodel: opus\ncolor: red\n---\nBody\n',
    )
  })

  it('reads a verbatim key as its raw text, as Cursor reads `globs: *.ts`', () => {
    const keys = frontmatterKeys('description: x\nglobs: *.ts,src/**\nalwaysApply: false', ['globs'])
    expect(keys.get('globs')).toEqual({ text: 'globs: *.ts,src/**', value: '*.ts,src/**' })
    expect(keys.get('alwaysApply')?.value).toBe(false)
  })
})

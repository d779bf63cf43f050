import { describe, expect, it } from 'vitest'
import { parse, stringify } from 'yaml'
import {
  checkFrontmatter,
  frontmatterKeys,
  parseMarkdown,
  renderMarkdown,
  type MarkdownDoc,
} from '../../src/transforms/markdown.js'

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

describe('renderMarkdown renders the same frontmatter text for each tool of a run', () => {
  it('gives each verbatim list its own answer for the same text (the keys of one text are reused per list)', () => {
    const text = '---\nglobs: *.ts\ndescription: x\n---\nBody\n'
    const doc = {
      ...parseMarkdown('---\ndescription: x\n---\nBody\n', 'a.md'),
      source: 'globs: *.ts\ndescription: x',
    }
    // Strict YAML cannot read `*.ts` alone, so the key is rendered anew from its value; Cursor's verbatim list keeps it.
    const strict = renderMarkdown({ ...doc, frontmatter: { globs: '*.ts', description: 'x' } })
    const cursor = renderMarkdown({
      ...doc,
      frontmatter: { globs: '*.ts', description: 'x' },
      verbatim: ['globs'],
    })
    expect(strict).toBe('---\nglobs: "*.ts"\ndescription: x\n---\nBody\n')
    expect(cursor).toBe(text)
    for (let i = 0; i < 3; i++) {
      expect(renderMarkdown({ ...doc, frontmatter: { globs: '*.ts', description: 'x' } })).toBe(strict)
      expect(
        renderMarkdown({ ...doc, frontmatter: { globs: '*.ts', description: 'y' }, verbatim: ['globs'] }),
      ).toBe('---\nglobs: *.ts\ndescription: y\n---\nBody\n')
    }
  })
})

describe('frontmatterKeys reads a simple one-line value without the YAML parser, exactly as the parser would', () => {
  const values = [
    'Conventions for area 5',
    'Specialist 3; use for tasks in area 3.',
    'Reviews diffs (fast), then reports/notes + fixes',
    'no',
    'Yes',
    'on',
    'null',
    'True',
    'e5',
    'x1',
    '"[target]"',
    '"src/area-1/**/*.ts"',
    "'it''s'",
    "'plain'",
    '"a\\tb"',
    '"# not a comment"',
    '"é and ü"',
    'value # a comment',
    'a: b',
    '[Read, Grep]',
    '"unterminated',
    'x  y',
    '[Read, Grep, Glob]',
    '["src/area-1/**/*.ts"]',
    '[]',
    '[ ]',
    '[a, ]',
    '[a,,b]',
    '["a,b"]',
    '[\'x\', "y", z]',
    '[yes, 1, null]',
    '[a: b]',
    '[[a]]',
    '[a] # c',
  ]
  it.each(values)('%s', (value) => {
    const text = `key: ${value}`
    let expected: unknown
    try {
      expected = (parse(text) as Record<string, unknown>).key
    } catch {
      expected = undefined
    }
    expect(frontmatterKeys(text).get('key')?.value).toEqual(expected)
  })
})

describe('renderMarkdown writes a new key as YAML would', () => {
  const values = [
    'Conventions for area 5',
    'Specialist 3; use for tasks in area 3.',
    'a - b (c)',
    'yes',
    'No',
    'null',
    'e5',
    'x1',
    'trailing ',
    'a: b',
    'a #b',
    'a/b+c',
    'Infinity',
    'NaN',
    'inf',
    'x\ny',
    '2026-12-04',
  ]
  it.each(values)('%s', (value) => {
    const out = renderMarkdown({ frontmatter: { key: value }, body: '' })
    expect(out).toBe(`---\n${stringify({ key: value }, { lineWidth: 0 }).trimEnd()}\n---\n`)
  })
})

describe('checkFrontmatter reads simple frontmatter without the YAML parser, as the parser would', () => {
  const texts = [
    'name: agent-1\ndescription: Specialist 1; use for tasks in area 1.\ntools: [Read, Grep, Glob]',
    'description: Conventions for area 5\nglobs: ["src/area-5/**/*.ts"]',
    'description: "Run task 1"\nargument-hint: "[target]"',
    'a: x\na: y',
    'a: x\n\nb: y',
    'a: x # c',
    'a: yes',
    'a:',
    'a: x\n  continued',
    '__proto__: x',
    'a: x  ',
    'a: [x, 1]',
    "a: 'it''s'",
  ]
  it.each(texts)('%s', (source) => {
    const out: { doc?: MarkdownDoc } = {}
    const problems = checkFrontmatter('f.md', `---\n${source}\n---\nBody\n`, out)
    let expected: unknown
    try {
      expected = parse(source, { uniqueKeys: true }) ?? {}
    } catch {
      expected = 'error'
    }
    if (expected === 'error') expect(problems.length).toBeGreaterThan(0)
    else expect(out.doc?.frontmatter).toEqual(expected)
  })
})

describe('renderMarkdown writes a new key as the YAML library does', () => {
  // renderKey writes plain strings, booleans and safe integers itself, without the library: the bytes must not differ.
  const values: unknown[] = [
    true,
    false,
    0,
    7,
    -12,
    2 ** 53 - 1,
    2 ** 53,
    -0,
    1.5,
    'src/area-1/**/*.ts',
    'a*',
    '*.ts',
    'x * y',
    'Read, Grep',
    'yes',
    'Null',
    'ends with space ',
    'a: b',
    'a #b',
    ['Read', 'Grep'],
    null,
  ]
  it.each(values.map((value) => [JSON.stringify(value) ?? String(value), value]))('%s', (_, value) => {
    const library = stringify({ key: value }, { lineWidth: 0 }).trimEnd()
    expect(renderMarkdown({ frontmatter: { key: value }, body: '' })).toBe(`---\n${library}\n---\n`)
    expect(parse(library)).toEqual({ key: value })
  })
})

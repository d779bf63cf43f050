// The up-front kit check reads and parses every Markdown file; install takes those reads instead of reading again.
import { describe, expect, it } from 'vitest'
import { kitFileBytes } from '../../src/actions/kit-file.js'
import { checkFrontmatter } from '../../src/transforms/markdown.js'
import { loadKit } from '../../src/kit/load-kit.js'
import { parseMarkdown, type MarkdownDoc } from '../../src/transforms/markdown.js'
import { createTestFs } from '../helpers/test-fs.js'

describe('the check parses frontmatter as install does', () => {
  it('gives the document parseMarkdown gives, for every shape of file that passes', () => {
    const texts = [
      'no frontmatter\n',
      '---\nname: a\ndescription: "quoted: yes"\n---\nbody\n',
      '---\r\nname: crlf\r\n---\r\nbody\r\n',
      '---\n\n---\nempty frontmatter\n',
      '---\n# only a comment\n---\n',
      '---\nbase: &b { x: 1 }\nuse: *b\nlist: [1, two, true, null]\nwhen: 2024-01-01\n---\n---\nnot frontmatter\n',
      '---\nname: a\n---', // fence without a body after it
      '--- \nname: not a fence\n---\n',
    ]
    for (const text of texts) {
      const out: { doc?: MarkdownDoc } = {}
      expect(checkFrontmatter('f.md', text, out), text).toEqual([])
      expect(out.doc, text).toEqual(parseMarkdown(text, 'f.md'))
    }
  })
})

describe('install takes the bytes the check read', () => {
  it('reads a checked file no more, and installs what was checked even if it changed since', async () => {
    const { fs, vol } = createTestFs({
      '/kit/kit.yaml': 'name: k\nversion: 1.0.0\n',
      '/kit/rules/a.md': '---\ndescription: A\n---\nchecked\n',
      '/kit/notes.txt': 'plain',
    })
    const loaded = await loadKit(fs, '/kit', { checkContent: true })
    if (!loaded.ok) throw new Error('kit did not load')
    vol.writeFileSync('/kit/rules/a.md', 'changed after the check\n')
    vol.writeFileSync('/kit/notes.txt', 'changed too')
    const text = async (kit: typeof loaded.value, file: string) =>
      new TextDecoder().decode(await kitFileBytes(fs, kit, file))
    expect(await text(loaded.value, '/kit/rules/a.md')).toBe('---\ndescription: A\n---\nchecked\n')
    // Files the check only stats (not Markdown) are read when installed, as are the files of a kit built another way.
    expect(await text(loaded.value, '/kit/notes.txt')).toBe('changed too')
    expect(await text({ ...loaded.value }, '/kit/rules/a.md')).toBe('changed after the check\n')
  })

  it('keeps nothing from a kit loaded without the check', async () => {
    const { fs, vol } = createTestFs({
      '/kit/kit.yaml': 'name: k\nversion: 1.0.0\n',
      '/kit/rules/a.md': 'one\n',
    })
    const loaded = await loadKit(fs, '/kit')
    if (!loaded.ok) throw new Error('kit did not load')
    vol.writeFileSync('/kit/rules/a.md', 'two\n')
    expect(new TextDecoder().decode(await kitFileBytes(fs, loaded.value, '/kit/rules/a.md'))).toBe('two\n')
  })

  it('gives back the exact bytes the check read, made again from the text it keeps (byte-order mark, non-ASCII, CRLF)', async () => {
    const content = '\uFEFF---\r\ndescription: é\r\n---\r\n日本語 🎉\r\n'
    const { fs, vol } = createTestFs({
      '/kit/kit.yaml': 'name: k\nversion: 1.0.0\n',
      '/kit/rules/a.md': content,
    })
    const loaded = await loadKit(fs, '/kit', { checkContent: true })
    if (!loaded.ok) throw new Error('kit did not load')
    vol.writeFileSync('/kit/rules/a.md', 'changed after the check\n')
    const bytes = await kitFileBytes(fs, loaded.value, '/kit/rules/a.md')
    expect(Buffer.from(bytes).equals(Buffer.from(content, 'utf8'))).toBe(true)
  })
})

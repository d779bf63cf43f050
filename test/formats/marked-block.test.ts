import { describe, expect, it } from 'vitest'
import {
  findBlock,
  removeBlock,
  upsertBlock,
  type BlockRef,
  type CommentStyle,
} from '../../src/formats/marked-block.js'

const ref = (id: string, style: CommentStyle): BlockRef => ({ id, tag: 't0k3n', style })

describe('marked blocks', () => {
  it('appends to a file without a trailing newline and removes back to the exact bytes', () => {
    const user = '# My project\n\nHand-written notes.'
    const { text, value } = upsertBlock(user, ref('kit', 'html'), 'Rule one.')
    expect(text).toBe(
      '# My project\n\nHand-written notes.\n\n<!-- outfit:kit:begin t0k3n (managed by outfit; edits inside are replaced on install) -->\nRule one.\n<!-- outfit:kit:end t0k3n -->\n',
    )
    expect(removeBlock(text, ref('kit', 'html'), value.prefix)).toBe(user)
  })

  it('replaces the block in place, leaving text after it alone', () => {
    const first = upsertBlock('intro\n', ref('kit', 'hash'), 'v1')
    const withTail = `${first.text}tail written later\n`
    const second = upsertBlock(withTail, ref('kit', 'hash'), 'v2', first.value.prefix)
    expect(second.text).toContain('v2')
    expect(second.text).not.toContain('v1')
    expect(second.text.endsWith('tail written later\n')).toBe(true)
    expect(removeBlock(second.text, ref('kit', 'hash'), first.value.prefix)).toBe(
      'intro\n\ntail written later\n',
    )
  })

  it('keeps blocks of different ids apart', () => {
    const a = upsertBlock('', ref('a', 'html'), 'A')
    const b = upsertBlock(a.text, ref('b', 'html'), 'B')
    expect(findBlock(b.text, ref('a', 'html'))?.content).toBe('A')
    expect(findBlock(b.text, ref('b', 'html'))?.content).toBe('B')
    expect(removeBlock(b.text, ref('b', 'html'), b.value.prefix)).toBe(a.text)
  })

  it('refuses a block whose end marker was deleted', () => {
    expect(() =>
      findBlock(
        '<!-- outfit:kit:begin t0k3n (managed by outfit; edits inside are replaced on install) -->\nx\n',
        ref('kit', 'html'),
      ),
    ).toThrow(/no end marker/)
  })
})

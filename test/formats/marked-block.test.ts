import { describe, expect, it } from 'vitest'
import { findBlock, removeBlock, upsertBlock } from '../../src/formats/marked-block.js'

describe('marked blocks', () => {
  it('appends to a file without a trailing newline and removes back to the exact bytes', () => {
    const user = '# My project\n\nHand-written notes.'
    const { text, value } = upsertBlock(user, 'kit', 'Rule one.', 'html')
    expect(text).toBe(
      '# My project\n\nHand-written notes.\n\n<!-- outfit:kit:begin (managed by outfit; edits inside are replaced on install) -->\nRule one.\n<!-- outfit:kit:end -->\n',
    )
    expect(removeBlock(text, 'kit', 'html', value.prefix)).toBe(user)
  })

  it('replaces the block in place, leaving text after it alone', () => {
    const first = upsertBlock('intro\n', 'kit', 'v1', 'hash')
    const withTail = `${first.text}tail written later\n`
    const second = upsertBlock(withTail, 'kit', 'v2', 'hash', first.value.prefix)
    expect(second.text).toContain('v2')
    expect(second.text).not.toContain('v1')
    expect(second.text.endsWith('tail written later\n')).toBe(true)
    expect(removeBlock(second.text, 'kit', 'hash', first.value.prefix)).toBe('intro\n\ntail written later\n')
  })

  it('keeps blocks of different ids apart', () => {
    const a = upsertBlock('', 'a', 'A', 'html')
    const b = upsertBlock(a.text, 'b', 'B', 'html')
    expect(findBlock(b.text, 'a', 'html')?.content).toBe('A')
    expect(findBlock(b.text, 'b', 'html')?.content).toBe('B')
    expect(removeBlock(b.text, 'b', 'html', b.value.prefix)).toBe(a.text)
  })

  it('refuses a block whose end marker was deleted', () => {
    expect(() => findBlock('<!-- outfit:kit:begin (managed by outfit; edits inside are replaced on install) -->\nx\n', 'kit', 'html')).toThrow(/no end marker/)
  })
})

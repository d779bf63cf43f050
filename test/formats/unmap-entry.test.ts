// Entry shapes read backwards, and "the same entry to the tool": the two questions adopt and install ask of a shape.
import { describe, expect, it } from 'vitest'
import { coversAsData, sameAsData, unmapShape } from '../../src/formats/unmap-entry.js'

const TYPED = { type: 'stdio', command: '$command', args: '$args', env: '$env' }
const GROUP = { matcher: '$matcher', hooks: [{ type: 'command', command: '$command', timeout: '$timeout' }] }

describe('unmapShape', () => {
  it('finds the fields, the keys the shape has no place for and the constants that differ', () => {
    expect(unmapShape(TYPED, { type: 'stdio', command: 'npx', args: ['a'], disabled: true })).toEqual([
      { fields: { command: 'npx', args: ['a'] }, extra: ['disabled'], mismatch: [] },
    ])
    expect(unmapShape(TYPED, { type: 'http', url: 'u' })).toEqual([
      { fields: {}, extra: ['url'], mismatch: ['type'] },
    ])
  })

  it('reads a group of several handlers as one entry each', () => {
    const group = {
      matcher: 'Bash',
      hooks: [
        { type: 'command', command: 'a' },
        { type: 'prompt', prompt: 'p' },
      ],
    }
    expect(unmapShape(GROUP, group)).toEqual([
      { fields: { matcher: 'Bash', command: 'a' }, extra: [], mismatch: [] },
      { fields: { matcher: 'Bash' }, extra: ['hooks[1].prompt'], mismatch: ['hooks[1].type'] },
    ])
  })

  it('renders template constants as install would, and lets an unknown template match anything', () => {
    const shape = { name: '{{kit.name}}-x', id: '{{entry.name}}' }
    const constant = (t: string) => (t.includes('entry.') ? undefined : t.replace('{{kit.name}}', 'k'))
    expect(unmapShape(shape, { name: 'k-x', id: 'whatever' }, constant)[0]?.mismatch).toEqual([])
    expect(unmapShape(shape, { name: 'j-x' }, constant)[0]?.mismatch).toEqual(['name'])
  })
})

describe('sameAsData', () => {
  const written = { type: 'stdio', command: 'npx', args: ['-y', 'pkg'] }

  it('ignores key order, a constant left out and an empty field', () => {
    expect(sameAsData({ args: ['-y', 'pkg'], command: 'npx' }, written, TYPED)).toBe(true)
    expect(sameAsData({ command: 'npx', args: ['-y', 'pkg'], env: {} }, written, TYPED)).toBe(true)
  })

  it('tells a different value, a different constant, an extra key and a different list apart', () => {
    expect(sameAsData({ type: 'stdio', command: 'npx', args: ['pkg'] }, written, TYPED)).toBe(false)
    expect(sameAsData({ type: 'http', command: 'npx', args: ['-y', 'pkg'] }, written, TYPED)).toBe(false)
    expect(sameAsData({ ...written, disabled: true }, written, TYPED)).toBe(false)
    expect(sameAsData({ command: 'npx' }, written, TYPED)).toBe(false)
    expect(sameAsData({ ...written, env: { A: '1' } }, written, TYPED)).toBe(false)
  })

  it('without a shape, is plain equality', () => {
    expect(sameAsData({ b: 1, a: 2 }, { a: 2, b: 1 }, undefined)).toBe(true)
    expect(sameAsData({ a: 2 }, { a: 2, type: 'x' }, undefined)).toBe(false)
  })
})

describe('coversAsData', () => {
  const one = { matcher: 'Edit', hooks: [{ type: 'command', command: 'fmt' }] }

  it('finds a handler in a group that holds others', () => {
    const group = { matcher: 'Edit', hooks: [{ type: 'command', command: 'lint' }, { command: 'fmt' }] }
    expect(coversAsData(group, one, GROUP)).toBe(true)
  })

  it('not in a group for other tools, nor a handler that differs', () => {
    expect(coversAsData({ matcher: 'Bash', hooks: [{ type: 'command', command: 'fmt' }] }, one, GROUP)).toBe(
      false,
    )
    expect(
      coversAsData({ matcher: 'Edit', hooks: [{ type: 'command', command: 'fmt', timeout: 5 }] }, one, GROUP),
    ).toBe(false)
  })
})

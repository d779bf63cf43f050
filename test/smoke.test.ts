import { describe, expect, it } from 'vitest'
import { findVariables, interpolate, recordLookup } from '../src/vars/interpolate.js'

describe('interpolate', () => {
  it('replaces known variables and reports unknown ones', () => {
    expect(interpolate('{{home}}/.claude/{{ kit.name }}', recordLookup({ home: '/h', 'kit.name': 'k' }))).toBe('/h/.claude/k')
    expect(() => interpolate('{{nope}}', recordLookup({}))).toThrow('unknown variable {{nope}}')
    expect(findVariables('a {{x}} b {{y.z}}').map((v) => v.name)).toEqual(['x', 'y.z'])
  })
})

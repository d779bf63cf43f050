// isInside's string-prefix shortcut (absolute, normalized POSIX paths) must answer exactly as relative() does.
import { describe, expect, it } from 'vitest'
import { isInside, isInsideByRelative } from '../../src/fs/contain.js'

const paths = ['/', '/a', '/a/', '/a/b', '/a/b/', '/ab', '/a/bc', '/a/b/c', '/a//b', '/a/./b', '/a/../b', '/a/b/..', '/a/..', '/..', '/.', '/a/.', 'a', 'a/b', '', '.', '..', '../a', '/a/b/../../c', '/a/.b', '/a/..b', '/a/b.', '/home/u', '/home/u2', '/home/u/.claude', '/home/u/..x']

describe('isInside', () => {
  it('gives the same answer as relative() for every pair of a set of tricky paths', () => {
    for (const root of paths) for (const path of paths) expect([root, path, isInside(root, path)]).toEqual([root, path, isInsideByRelative(root, path)])
  })
})

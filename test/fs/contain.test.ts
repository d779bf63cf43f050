// isInside's string-prefix shortcut (absolute, normalized POSIX paths) must answer exactly as relative() does.
import { describe, expect, it } from 'vitest'
import { isInside, isInsideByRelative, resolveBelow, resolveBelowByPath } from '../../src/fs/contain.js'

const paths = [
  '/',
  '/a',
  '/a/',
  '/a/b',
  '/a/b/',
  '/ab',
  '/a/bc',
  '/a/b/c',
  '/a//b',
  '/a/./b',
  '/a/../b',
  '/a/b/..',
  '/a/..',
  '/..',
  '/.',
  '/a/.',
  'a',
  'a/b',
  '',
  '.',
  '..',
  '../a',
  '/a/b/../../c',
  '/a/.b',
  '/a/..b',
  '/a/b.',
  '/home/u',
  '/home/u2',
  '/home/u/.claude',
  '/home/u/..x',
]

describe('isInside', () => {
  it('gives the same answer as relative() for every pair of a set of tricky paths', () => {
    for (const root of paths)
      for (const path of paths)
        expect([root, path, isInside(root, path)]).toEqual([root, path, isInsideByRelative(root, path)])
  })
})

describe('resolveBelow', () => {
  const relatives = [
    'a',
    'a/b',
    '.claude/agents/x.md',
    'a/../b',
    '../a',
    '..',
    '.',
    './a',
    'a/.',
    'a/./b',
    'a//b',
    'a/',
    '',
    '/a',
    '/',
    '..a',
    'a..',
    'a/..b/c',
    '.a/.b',
    'a/b/..',
    '...',
    'a\\..\\b',
  ]
  it('gives the same answer as resolve() and the checks on it, for every root and path of a set of tricky ones', () => {
    for (const root of paths)
      for (const path of [...relatives, ...paths])
        expect([root, path, resolveBelow(root, path)]).toEqual([root, path, resolveBelowByPath(root, path)])
  })
  it('names a path strictly below the root, or nothing', () => {
    expect(resolveBelow('/home/u', '.claude/agents/x.md')).toBe('/home/u/.claude/agents/x.md')
    expect(resolveBelow('/', 'etc')).toBe('/etc')
    for (const bad of ['../x', 'a/../../x', '/etc/passwd', '', '.', 'a/..'])
      expect(resolveBelow('/home/u', bad), bad).toBeUndefined()
  })
})

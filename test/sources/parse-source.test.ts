import { describe, expect, it } from 'vitest'
import { parseSource, sourceId } from '../../src/sources/parse-source.js'

describe('parseSource', () => {
  it.each([
    ['./ai/kit', { kind: 'local', dir: '/base/ai/kit' }],
    ['/abs/kit', { kind: 'local', dir: '/abs/kit' }],
    [
      'github:acme/ai-kits',
      {
        kind: 'git',
        id: 'github:acme/ai-kits',
        url: 'https://github.com/acme/ai-kits.git',
        hosted: { https: 'https://github.com/acme/ai-kits.git', ssh: 'git@github.com:acme/ai-kits.git' },
      },
    ],
    [
      'github:acme/ai-kits/kits/backend#v2',
      { kind: 'git', id: 'github:acme/ai-kits', ref: 'v2', subdir: 'kits/backend' },
    ],
    [
      'github:acme/ai-kits/kits/backend@v2',
      { kind: 'git', id: 'github:acme/ai-kits', ref: 'v2', subdir: 'kits/backend' },
    ],
    ['gitlab:group/repo#0123abc', { kind: 'git', url: 'https://gitlab.com/group/repo.git', ref: '0123abc' }],
    [
      'bitbucket:team/repo.git',
      { kind: 'git', id: 'bitbucket:team/repo', url: 'https://bitbucket.org/team/repo.git' },
    ],
    [
      'git+file:///srv/kits.git#v2::path:kits/backend',
      {
        kind: 'git',
        id: 'git+file:///srv/kits.git',
        url: 'file:///srv/kits.git',
        ref: 'v2',
        subdir: 'kits/backend',
      },
    ],
    [
      'git+ssh://git@git.acme.dev/ai/kits.git#main',
      { kind: 'git', url: 'ssh://git@git.acme.dev/ai/kits.git', ref: 'main' },
    ],
    [
      'git+https://git.acme.dev/ai/kits.git#path:kit',
      { kind: 'git', url: 'https://git.acme.dev/ai/kits.git', subdir: 'kit' },
    ],
    ['https://git.acme.dev/ai/kits.git', { kind: 'git', url: 'https://git.acme.dev/ai/kits.git' }],
    ['git@git.acme.dev:ai/kits.git#v1', { kind: 'git', url: 'git@git.acme.dev:ai/kits.git', ref: 'v1' }],
    ['npm:@acme/kit@^1', { kind: 'npm', id: 'npm:@acme/kit', name: '@acme/kit', range: '^1' }],
    ['npm:kit', { kind: 'npm', name: 'kit', range: 'latest' }],
    ['npm:@acme/kit@next', { kind: 'npm', name: '@acme/kit', range: 'next' }],
    [
      './dist/kit-1.0.0.tgz',
      { kind: 'tarball', id: '/base/dist/kit-1.0.0.tgz', location: '/base/dist/kit-1.0.0.tgz' },
    ],
    ['https://cdn.acme.dev/kit.tar.gz', { kind: 'tarball', location: 'https://cdn.acme.dev/kit.tar.gz' }],
  ])('%s', (raw, expected) => {
    expect(parseSource(raw, '/base')).toMatchObject({ raw, ...expected })
  })

  it.each([
    ['', 'a kit source is empty'],
    ['github:acme', "kit source 'github:acme' needs github:owner/repo"],
    [
      'github:acme/kits/../../etc',
      "kit source 'github:acme/kits/../../etc': the sub-folder must stay inside the repository",
    ],
    ['npm:Not A Name', "kit source 'npm:Not A Name' is not an npm package name"],
    ['svn:acme/kits', "kit source 'svn:acme/kits' has an unknown kind 'svn:'"],
    [
      'https://acme.dev/kits',
      "kit source 'https://acme.dev/kits' is a web address but not a tarball (.tgz) or a git repository (.git)",
    ],
    [
      'git+file:/srv/kits.git',
      "kit source 'git+file:/srv/kits.git': a file URL needs three slashes: git+file:///path/to/repo.git",
    ],
  ])('refuses %j', (raw, message) => {
    expect(() => parseSource(raw, '/base')).toThrow(message)
  })

  it('trust goes to the repository or package, not to a ref or version', () => {
    expect(sourceId(parseSource('github:acme/kits/backend#v2', '/b'))).toBe('github:acme/kits')
    expect(sourceId(parseSource('npm:@acme/kit@^1', '/b'))).toBe('npm:@acme/kit')
    expect(sourceId(parseSource('git+file:///srv/k.git#v1', '/b'))).toBe('git+file:///srv/k.git')
  })
})

describe('sources that would reach git as something else', () => {
  it.each([
    'git+file:///tmp/kit.git#-q',
    'github:acme/kit#--upload-pack=evil',
    'github:acme/kit@-q',
    'github:acme/kit#a..b',
  ])('refuses a ref git would read as an option or refuse: %s', (raw) => {
    expect(() => parseSource(raw, '/cwd')).toThrow(/is not a git ref outfit will pass to git/)
  })

  it.each([
    ['git+https://me:ghp_s3cret@github.com/acme/kit.git', 'git+https://***@github.com/acme/kit.git'],
    ['https://ghp_s3cret@github.com/acme/kit.git', 'https://***@github.com/acme/kit.git'],
    ['git+ssh://git:s3cret@host/acme/kit.git#v1', 'git+ssh://***@host/acme/kit.git#v1'],
  ])('refuses credentials in a URL without printing them: %s', (raw, shown) => {
    let error: (Error & { hint?: string }) | undefined
    try {
      parseSource(raw, '/cwd')
    } catch (e) {
      error = e as Error & { hint?: string }
    }
    expect(error?.message).toBe(`kit source '${shown}' carries credentials in its URL`)
    expect(error?.hint).toMatch(/credential helper/)
    expect(`${error?.message}${error?.hint}`).not.toContain('s3cret')
  })

  it('keeps an ssh account name, which is no secret', () => {
    expect(parseSource('git+ssh://git@github.com/acme/kit.git#v1', '/cwd')).toMatchObject({
      kind: 'git',
      url: 'ssh://git@github.com/acme/kit.git',
      ref: 'v1',
    })
  })
})

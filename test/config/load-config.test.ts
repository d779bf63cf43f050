// outfit.config.yaml: found from the current folder up to the repository root, validated with located diagnostics,
// relative paths resolved from the file's folder.
import { describe, expect, it } from 'vitest'
import { findConfig, loadConfig, unknownConfigTools } from '../../src/config/load-config.js'
import { createTestFs } from '../helpers/test-fs.js'

describe('findConfig', () => {
  it('finds the nearest file in the folder or a parent', async () => {
    const { fs } = createTestFs({
      '/repo/.git/HEAD': '',
      '/repo/outfit.config.yaml': 'scope: global\n',
      '/repo/a/b/.keep': '',
    })
    expect(await findConfig(fs, '/repo/a/b')).toBe('/repo/outfit.config.yaml')
    expect(await findConfig(fs, '/repo')).toBe('/repo/outfit.config.yaml')
  })

  it('stops at the repository root, so a stray file above it steers nothing', async () => {
    const { fs } = createTestFs({
      '/home/me/outfit.config.yaml': 'scope: global\n',
      '/home/me/repo/.git/HEAD': '',
      '/home/me/repo/src/.keep': '',
    })
    expect(await findConfig(fs, '/home/me/repo/src')).toBeUndefined()
  })

  it('finds nothing when there is no file up to /', async () => {
    const { fs } = createTestFs({ '/a/b/.keep': '' })
    expect(await findConfig(fs, '/a/b')).toBeUndefined()
  })
})

describe('loadConfig', () => {
  it('resolves kit and targets from the folder that holds the file', async () => {
    const { fs } = createTestFs({
      '/repo/outfit.config.yaml':
        'kit: ai/kit\ntargets: [ai/targets, /abs/targets]\nscope: global\ntools: [cursor]\nconcurrency: 2\n',
    })
    const loaded = await loadConfig(fs, '/repo/outfit.config.yaml')
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics))
    expect(loaded.value).toMatchObject({
      dir: '/repo',
      kits: [{ name: 'ai/kit', source: 'ai/kit' }],
      targets: ['/repo/ai/targets', '/abs/targets'],
      scope: 'global',
      tools: ['cursor'],
      concurrency: 2,
    })
  })

  it('takes a single targets folder as a string', async () => {
    const { fs } = createTestFs({ '/r/outfit.config.yaml': 'targets: mine\n' })
    const loaded = await loadConfig(fs, '/r/outfit.config.yaml')
    expect(loaded.ok && loaded.value.targets).toEqual(['/r/mine'])
  })

  it('reports every schema problem at its line and column', async () => {
    const { fs } = createTestFs({
      '/r/outfit.config.yaml':
        'kit: ./kit\nscope: Global\ntools: [cursor, cursor]\nconcurrency: 0\ncolour: true\n',
    })
    const loaded = await loadConfig(fs, '/r/outfit.config.yaml')
    expect(loaded.ok).toBe(false)
    const lines = loaded.ok
      ? []
      : loaded.diagnostics.map((d) => `${d.line}:${d.column}  ${d.pointer}: ${d.message}`)
    expect(lines).toEqual([
      "5:1  : unknown key 'colour'",
      '2:8  /scope: must match ^[a-z][a-z0-9-]*$',
      '3:8  /tools: lists the same value twice (items 0 and 1)',
      '4:14  /concurrency: must be >= 1',
    ])
  })

  it('reads several kits and the trust list', async () => {
    const { fs } = createTestFs({
      '/r/outfit.config.yaml':
        'kits:\n  backend: github:acme/kits/backend#v2\n  local: ./kit\ntrust: [github:acme/*]\n',
    })
    const loaded = await loadConfig(fs, '/r/outfit.config.yaml')
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics))
    expect(loaded.value).toMatchObject({
      kits: [
        { name: 'backend', source: 'github:acme/kits/backend#v2' },
        { name: 'local', source: './kit' },
      ],
      trust: ['github:acme/*'],
    })
  })

  it('refuses kit and kits together, pointing at kits', async () => {
    const { fs } = createTestFs({ '/r/outfit.config.yaml': 'kit: ./a\nkits:\n  b: ./b\n' })
    const loaded = await loadConfig(fs, '/r/outfit.config.yaml')
    expect(
      loaded.ok ? [] : loaded.diagnostics.map((d) => `${d.line}:${d.column}  ${d.pointer}: ${d.message}`),
    ).toEqual(['3:3  /kits: use either kit (one kit) or kits (several), not both'])
  })

  it('reports a YAML syntax error with its position', async () => {
    const { fs } = createTestFs({ '/r/outfit.config.yaml': 'tools: [cursor\n' })
    const loaded = await loadConfig(fs, '/r/outfit.config.yaml')
    expect(loaded.ok ? [] : loaded.diagnostics.map((d) => d.line)).toEqual([2])
  })

  it('points an unknown tool at its entry', async () => {
    const { fs } = createTestFs({ '/r/outfit.config.yaml': 'tools:\n  - cursor\n  - cursr\n' })
    const loaded = await loadConfig(fs, '/r/outfit.config.yaml')
    if (!loaded.ok) throw new Error('expected a valid file')
    expect(unknownConfigTools(loaded.value, ['cursor', 'codex'])).toEqual([
      {
        file: '/r/outfit.config.yaml',
        line: 3,
        column: 5,
        pointer: '/tools/1',
        message: "unknown tool 'cursr'; did you mean 'cursor'?",
        severity: 'error',
      },
    ])
  })
})

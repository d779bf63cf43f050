// The bundled CLI's code cache: used when it is this user's and V8 accepts it, never trusted otherwise.
import { spawnSync } from 'node:child_process'
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { compileCacheDir, loadBundle } from '../../src/cli/compile-cache.js'
import { builtCli } from '../helpers/built-cli.js'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'outfit-compile-cache-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const bundle = (text: string) => {
  const file = join(dir, 'bundle.cjs')
  writeFileSync(
    file,
    `exports.answer = () => ${JSON.stringify(text)}; exports.path = require('node:path').basename(__filename)`,
  )
  return file
}
type Answer = { answer: () => string; path: string }

describe('loadBundle', () => {
  it('runs the bundle as CommonJS, writes a private cache once, then uses it', () => {
    const cache = join(dir, 'cache')
    const first = loadBundle<Answer>(bundle('one'), cache)
    expect([first.exports.answer(), first.exports.path, first.cache]).toEqual(['one', 'bundle.cjs', 'none'])
    first.saveCache()
    const [file] = readdirSync(cache)
    expect(file).toMatch(/^[0-9a-f]{32}-any\.bin$/)
    expect(statSync(cache).mode & 0o777).toBe(0o700)
    expect(statSync(join(cache, file ?? '')).mode & 0o777).toBe(0o600)
    const second = loadBundle<Answer>(bundle('one'), cache)
    expect([second.exports.answer(), second.cache]).toEqual(['one', 'used'])
  })

  it('never offers a cache made for other content, even of the same length', () => {
    const cache = join(dir, 'cache')
    loadBundle(bundle('one'), cache).saveCache()
    const other = loadBundle<Answer>(bundle('two'), cache)
    expect([other.exports.answer(), other.cache]).toEqual(['two', 'none'])
  })

  it('ignores a cache in a folder others can write, and writes none there', () => {
    const cache = join(dir, 'cache')
    loadBundle(bundle('one'), cache).saveCache()
    chmodSync(cache, 0o777)
    const loaded = loadBundle<Answer>(bundle('one'), cache)
    expect([loaded.exports.answer(), loaded.cache]).toEqual(['one', 'none'])
    const before = readdirSync(cache)
    loadBundle(bundle('three'), cache).saveCache()
    expect(readdirSync(cache)).toEqual(before)
  })

  it('keeps the caches of the four latest builds', () => {
    const cache = join(dir, 'cache')
    const seen = new Set<string>()
    for (let i = 0; i < 6; i++) {
      loadBundle(bundle(`build ${i}`), cache).saveCache()
      // Each new cache a minute younger than the one before, whatever the file system's timestamp resolution.
      for (const name of readdirSync(cache).filter((n) => !seen.has(n))) {
        seen.add(name)
        utimesSync(join(cache, name), new Date(), new Date(Date.UTC(2026, 0, 1, 0, i)))
      }
    }
    expect(readdirSync(cache)).toHaveLength(4)
    expect(loadBundle(bundle('build 5'), cache).cache).toBe('used')
    expect(loadBundle(bundle('build 1'), cache).cache).toBe('none')
  })

  it('keeps a cache per command, since each holds what its own command ran', () => {
    const cache = join(dir, 'cache')
    loadBundle(bundle('one'), cache, 'list').saveCache()
    expect(loadBundle(bundle('one'), cache, 'install').cache).toBe('none')
    loadBundle(bundle('one'), cache, 'install').saveCache()
    expect(loadBundle(bundle('one'), cache, 'install').cache).toBe('used')
    expect(loadBundle(bundle('one'), cache, 'list').cache).toBe('used')
    // Anything that is not a plain word shares one cache, and no more than two dozen files are ever kept.
    loadBundle(bundle('one'), cache, '--json').saveCache()
    expect(readdirSync(cache).sort()).toEqual(expect.arrayContaining([expect.stringMatching(/-any\.bin$/)]))
    for (let i = 0; i < 40; i++)
      loadBundle(
        bundle('one'),
        cache,
        `typo${String.fromCharCode(97 + (i % 26), 97 + Math.floor(i / 26))}`,
      ).saveCache()
    expect(readdirSync(cache)).toHaveLength(24)
  })

  it('is off with OUTFIT_COMPILE_CACHE=0, and lives in the XDG cache folder otherwise', () => {
    expect(compileCacheDir({ OUTFIT_COMPILE_CACHE: '0' })).toBeUndefined()
    expect(compileCacheDir({ XDG_CACHE_HOME: '/x/cache' })).toBe(
      join('/x/cache/outfit/compile', `${process.version}-${process.arch}`),
    )
    expect(loadBundle(bundle('one'), undefined).cache).toBe('off')
  })
})

describe('the built CLI', () => {
  it('answers the same with and without its code cache, and keeps the cache private', () => {
    mkdirSync(join(dir, 'xdg'))
    const run = () =>
      spawnSync(process.execPath, [builtCli, 'list', '--home', dir, '--project', dir], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, XDG_CACHE_HOME: join(dir, 'xdg'), NO_COLOR: '1' },
      })
    const first = run()
    const second = run()
    expect(first.status, first.stderr).toBe(0)
    expect(second.stdout).toBe(first.stdout)
    const cacheDir = compileCacheDir({ XDG_CACHE_HOME: join(dir, 'xdg') }) ?? ''
    const [file = ''] = readdirSync(cacheDir)
    expect(statSync(cacheDir).mode & 0o777).toBe(0o700)
    expect(statSync(join(cacheDir, file)).mode & 0o777).toBe(0o600)
    // A damaged cache (V8 refuses it) costs a compile, never a wrong answer, and is written again.
    writeFileSync(join(cacheDir, file), 'not a code cache', { mode: 0o600 })
    const third = run()
    expect(third.stdout).toBe(first.stdout)
    expect(statSync(join(cacheDir, file)).size).toBeGreaterThan(1000)
  })
})

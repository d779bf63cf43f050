import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readLock, writeLock } from '../../src/lock/lock-file.js'
import { npmOptions } from '../../src/sources/npm-config.js'
import { cacheHome } from '../../src/sources/xdg.js'
import { tempDir } from '../helpers/kit-sources.js'

let dir: string
beforeEach(async () => {
  dir = await tempDir('outfit-lock-')
})
afterEach(() => rm(dir, { recursive: true, force: true }))

describe('outfit.lock', () => {
  it('round-trips, with kits sorted so the file diffs cleanly', async () => {
    const file = join(dir, 'outfit.lock')
    expect(await readLock(file)).toBeUndefined()
    await writeLock(file, {
      lockfileVersion: 1,
      kits: {
        zeta: { source: 'npm:z', version: '1.0.0', integrity: 'sha256-AA==' },
        alpha: { source: 'github:a/b', commit: 'c'.repeat(40), integrity: 'sha256-BB==' },
      },
    })
    expect(Object.keys(JSON.parse(await readFile(file, 'utf8')).kits)).toEqual(['alpha', 'zeta'])
    expect((await readLock(file))?.kits.zeta?.version).toBe('1.0.0')
  })

  it.each([
    ['{ nope', /outfit.lock:1:3: not valid JSON/],
    ['{"lockfileVersion": 2, "kits": {}}', /expected \{ "lockfileVersion": 1/],
    [
      '{"lockfileVersion": 1, "kits": {"a": {"source": "npm:a", "integrity": "md5-x"}}}',
      /kit 'a' needs a "source" and an "integrity"/,
    ],
  ])('a damaged lock is an error that says how to fix it: %s', async (text, message) => {
    const file = join(dir, 'outfit.lock')
    await writeFile(file, text)
    await expect(readLock(file)).rejects.toThrow(message)
    await expect(readLock(file)).rejects.toMatchObject({
      hint: expect.stringContaining("run 'outfit install'"),
    })
  })
})

describe('outfit.lock in a folder a repository controls (planted links)', () => {
  const lock = { lockfileVersion: 1 as const, kits: { a: { source: 'npm:a', integrity: 'sha256-AA==' } } }

  it('never writes through a link at the old guessable temp name, nor through a link at outfit.lock', async () => {
    const { symlink, lstat } = await import('node:fs/promises')
    const victim = join(dir, 'bashrc')
    await writeFile(victim, 'export PATH=mine\n')
    const file = join(dir, 'outfit.lock')
    await symlink(victim, join(dir, `.outfit.lock.${process.pid}.tmp`))
    await symlink(victim, file)
    await writeLock(file, lock)
    expect(await readFile(victim, 'utf8')).toBe('export PATH=mine\n')
    // The link at outfit.lock was replaced by the lock itself, not followed.
    expect((await lstat(file)).isSymbolicLink()).toBe(false)
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(lock)
  })

  it('refuses a lock that is a symlink (to a secret, to /dev/zero), without printing what it points to', async () => {
    const { symlink } = await import('node:fs/promises')
    const secret = join(dir, 'id_rsa')
    await writeFile(secret, '-----BEGIN OPENSSH PRIVATE KEY----- s3cret\n')
    for (const target of [secret, '/dev/zero']) {
      const file = join(dir, `outfit-${target === secret ? 'a' : 'b'}.lock`)
      await symlink(target, file)
      const error = await readLock(file).catch((e: Error) => e)
      expect(error).toBeInstanceOf(Error)
      expect((error as Error).message).toBe(`${file}: is a symlink; a lock must be a regular file`)
    }
  })

  it('refuses a huge lock without reading it whole, and names only the position of bad JSON', async () => {
    const big = join(dir, 'big.lock')
    await writeFile(big, Buffer.alloc(2 * 1024 * 1024, 0x20))
    await expect(readLock(big)).rejects.toThrow(/big.lock: is over 1 MiB/)
    const bad = join(dir, 'bad.lock')
    await writeFile(bad, '{\n  "lockfileVersion": 1,\n  TOKEN=ghp_s3cret\n}\n')
    const error = (await readLock(bad).catch((e: Error) => e)) as Error
    expect(error.message).toMatch(/bad.lock:3:3: not valid JSON/)
    expect(error.message).not.toContain('s3cret')
  })
})

describe('user folders and npm settings', () => {
  it('caches in the XDG cache folder, except inside a --home sandbox', () => {
    expect(cacheHome({ XDG_CACHE_HOME: '/x/cache' }, '/home/me', false)).toBe('/x/cache/outfit')
    expect(cacheHome({ XDG_CACHE_HOME: '/x/cache' }, '/sandbox', true)).toBe('/sandbox/.cache/outfit')
    expect(cacheHome({ XDG_CACHE_HOME: 'relative' }, '/home/me', false)).toBe('/home/me/.cache/outfit')
  })

  it('reads registries and tokens from the user and project .npmrc and npm_config_ variables', async () => {
    await writeFile(
      join(dir, '.npmrc'),
      'registry=https://user.example/\n@acme:registry=https://npm.acme.dev/\n//npm.acme.dev/:_authToken=${ACME_TOKEN}\nfetch-retries=5\ncolor=false\n',
    )
    const project = join(dir, 'p')
    await import('node:fs/promises').then((f) => f.mkdir(project))
    await writeFile(join(project, '.npmrc'), 'registry=https://project.example/\n')
    const options = await npmOptions({ ACME_TOKEN: 's3cret', npm_config_fetch_timeout: '1000' }, dir, project)
    expect(options).toEqual({
      registry: 'https://project.example/',
      '@acme:registry': 'https://npm.acme.dev/',
      '//npm.acme.dev/:_authToken': 's3cret',
      fetchRetries: 5,
      timeout: 1000,
    })
  })
})

import { readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { KitCache } from '../../src/sources/cache.js'
import { resolveKits, type ResolveRequest } from '../../src/sources/resolve-kits.js'
import {
  gitRepo,
  kitFiles,
  registry,
  tarball,
  tempDir,
  type GitRepo,
  type Registry,
} from '../helpers/kit-sources.js'

let root: string
let repo: GitRepo
let reg: Registry

beforeAll(async () => {
  root = await tempDir()
  repo = await gitRepo(join(root, 'git'), [
    {
      files: {
        ...prefixed('kits/backend', kitFiles('backend', '1.0.0')),
        ...prefixed('kits/frontend', kitFiles('frontend', '1.0.0')),
        'README.md': 'kits\n',
      },
      tag: 'v1',
    },
    { files: prefixed('kits/backend', kitFiles('backend', '2.0.0')), tag: 'v2' },
  ])
  reg = await registry()
  await reg.publish('@acme/kit', '1.0.0', kitFiles('acme', '1.0.0'))
  await reg.publish('@acme/kit', '1.1.0', kitFiles('acme', '1.1.0'))
  await reg.publish('@acme/kit', '2.0.0', kitFiles('acme', '2.0.0'))
  await reg.publish('not-a-kit', '1.0.0', { 'index.js': 'module.exports = 1\n' })
})

afterAll(async () => {
  await reg.close()
  await rm(root, { recursive: true, force: true })
})

function prefixed(dir: string, files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([p, c]) => [`${dir}/${p}`, c]))
}

async function request(
  over: Partial<ResolveRequest> & Pick<ResolveRequest, 'kits'>,
): Promise<ResolveRequest> {
  const cache = new KitCache(over.cache?.root ?? (await tempDir('outfit-cache-', root)))
  return {
    cache,
    npm: async () => ({ registry: reg.url, fetchRetries: 0 }),
    baseDir: root,
    lock: undefined,
    mode: 'install',
    ...over,
  }
}

describe('git sources (git+file:// bare repository)', () => {
  it('resolves a tag and a sub-folder to a commit, and locks the integrity of the kit files', async () => {
    const source = `${repo.url}#v1::path:kits/backend`
    const { kits, lock, changes } = await resolveKits(await request({ kits: [{ name: 'backend', source }] }))
    expect(kits[0]?.entry).toMatchObject({
      source,
      commit: repo.tags.v1,
      integrity: expect.stringMatching(/^sha256-/),
    })
    expect((await readdir(kits[0]!.dir)).sort()).toEqual(['kit.yaml', 'skills'])
    expect(lock.kits.backend?.commit).toBe(repo.tags.v1)
    expect(changes.map((c) => c.kit)).toEqual(['backend'])
  })

  it('uses exactly what the lock says, from the cache, without touching the repository', async () => {
    const source = `${repo.url}#main::path:kits/backend`
    const first = await resolveKits(await request({ kits: [{ name: 'b', source }] }))
    const cache = new KitCache(join(first.kits[0]!.dir, '..', '..'))
    // main moves on; the lock still says v2's commit. A cached, locked kit needs no git at all:
    await repo.commit(prefixed('kits/backend', kitFiles('backend', '3.0.0-main')))
    const again = await resolveKits(
      await request({ kits: [{ name: 'b', source }], lock: first.lock, cache, mode: 'frozen' }),
    )
    expect(again.kits[0]?.entry).toEqual(first.kits[0]?.entry)
    expect(again.changes).toEqual([])
    // update moves it to the new head of main.
    const moved = await resolveKits(
      await request({ kits: [{ name: 'b', source }], lock: first.lock, cache, mode: 'update' }),
    )
    expect(moved.kits[0]?.entry?.commit).not.toBe(first.kits[0]?.entry?.commit)
    expect(moved.changes).toEqual([
      { kit: 'b', source, before: first.kits[0]?.entry, after: moved.kits[0]?.entry },
    ])
  })

  it('a fresh machine (empty cache) gets the locked commit even after the branch moved on', async () => {
    const moving = await gitRepo(join(root, 'moving'), [{ files: kitFiles('moving', '1.0.0') }])
    const source = `${moving.url}#main`
    const first = await resolveKits(await request({ kits: [{ name: 'm', source }] }))
    await moving.commit(kitFiles('moving', '2.0.0'))
    const fresh = await resolveKits(
      await request({ kits: [{ name: 'm', source }], lock: first.lock, mode: 'frozen' }),
    )
    expect(fresh.kits[0]?.entry).toEqual(first.kits[0]?.entry)
    expect(await readFile(join(fresh.kits[0]!.dir, 'kit.yaml'), 'utf8')).toContain('version: 1.0.0')
  })

  it('fetches the locked commit again when the cache is empty, and checks its integrity', async () => {
    const source = `${repo.url}#v1::path:kits/frontend`
    const first = await resolveKits(await request({ kits: [{ name: 'f', source }] }))
    const again = await resolveKits(await request({ kits: [{ name: 'f', source }], lock: first.lock }))
    expect(again.kits[0]?.entry).toEqual(first.kits[0]?.entry)
    const tampered = {
      lockfileVersion: 1 as const,
      kits: { f: { ...first.lock.kits.f!, integrity: 'sha256-AAAA' } },
    }
    await expect(
      resolveKits(await request({ kits: [{ name: 'f', source }], lock: tampered })),
    ).rejects.toThrow(/kit 'f': what .* serves at [0-9a-f]{40} does not match outfit.lock/)
  })

  it.each([
    ['a missing ref', (r: GitRepo) => `${r.url}#v9`, /has no tag, branch or commit 'v9'/],
    [
      'a missing sub-folder',
      (r: GitRepo) => `${r.url}#v1::path:kits/nope`,
      /there is no folder 'kits\/nope'/,
    ],
    [
      'a folder without kit.yaml',
      (r: GitRepo) => `${r.url}#v1::path:kits`,
      /has no kit.yaml in 'kits' and no plugin manifest, so it is not a kit/,
    ],
    [
      'a repository that does not exist',
      () => 'git+file:///nonexistent/repo.git',
      /could not fetch file:\/\/\/nonexistent\/repo.git: .*does not appear to be a git repository/,
    ],
  ])('%s is a clear error and leaves the cache empty', async (_, source, message) => {
    const req = await request({ kits: [{ name: 'k', source: source(repo) }] })
    await expect(resolveKits(req)).rejects.toThrow(message)
    expect(
      await readdir(req.cache.root).then(
        (d) => d.filter((n) => n !== 'tmp'),
        () => [],
      ),
    ).toEqual([])
    expect(await readdir(join(req.cache.root, 'tmp')).catch(() => [])).toEqual([])
  })
})

describe('git over ssh', () => {
  it('an unknown host is named in the error (ssh stands in for the lookup: tests make no DNS queries)', async () => {
    const ssh = join(root, 'fake-ssh.sh')
    await writeFile(
      ssh,
      '#!/bin/sh\necho "ssh: Could not resolve hostname git.nowhere.test: Name or service not known" >&2\nexit 255\n',
      { mode: 0o755 },
    )
    const previous = process.env.GIT_SSH_COMMAND
    process.env.GIT_SSH_COMMAND = ssh
    try {
      const req = await request({
        kits: [{ name: 'k', source: 'git+ssh://git@git.nowhere.test/ai/kits.git#v1' }],
      })
      await expect(resolveKits(req)).rejects.toThrow(
        "kit 'k': unknown host 'git.nowhere.test' in git+ssh://git@git.nowhere.test/ai/kits.git#v1",
      )
    } finally {
      if (previous === undefined) delete process.env.GIT_SSH_COMMAND
      else process.env.GIT_SSH_COMMAND = previous
    }
  })
})

describe('npm sources (a registry on 127.0.0.1)', () => {
  it('resolves a range to the highest matching version; a locked, cached kit makes no request', async () => {
    const req = await request({ kits: [{ name: 'acme', source: 'npm:@acme/kit@^1' }] })
    const first = await resolveKits(req)
    expect(first.kits[0]?.entry).toMatchObject({
      source: 'npm:@acme/kit@^1',
      version: '1.1.0',
      resolved: expect.stringContaining('/tarballs/@acme-kit-1.1.0.tgz'),
    })
    const before = reg.requests.length
    const again = await resolveKits({ ...req, lock: first.lock, mode: 'frozen' })
    expect(again.kits[0]?.entry).toEqual(first.kits[0]?.entry)
    expect(reg.requests.length).toBe(before)
  })

  it('refuses a tampered cache entry', async () => {
    const req = await request({ kits: [{ name: 'acme', source: 'npm:@acme/kit@1.0.0' }] })
    const first = await resolveKits(req)
    await writeFile(join(first.kits[0]!.dir, 'kit.yaml'), 'name: evil\nversion: 6.6.6\n')
    await expect(resolveKits({ ...req, lock: first.lock })).rejects.toThrow(
      /kit 'acme': the cached copy at .* was changed since it was fetched/,
    )
    // Resolving anew (no lock) fetches a fresh copy and replaces the tampered one; it is never installed.
    const fresh = await resolveKits({ ...req, lock: undefined })
    expect(fresh.kits[0]?.entry).toEqual(first.kits[0]?.entry)
    expect(await readFile(join(fresh.kits[0]!.dir, 'kit.yaml'), 'utf8')).toContain('name: acme')
    expect((await resolveKits({ ...req, lock: first.lock })).kits[0]?.dir).toBe(first.kits[0]?.dir)
  })

  it.each([
    [
      'a package without kit.yaml',
      'npm:not-a-kit',
      /kit 'k': npm:not-a-kit has no kit.yaml at its root and no plugin manifest, so it is not a kit/,
    ],
    ['an unknown package', 'npm:@acme/nope', /kit 'k': package @acme\/nope not found on http:\/\/127.0.0.1/],
    ['no matching version', 'npm:@acme/kit@^7', /kit 'k': no version of @acme\/kit matches '\^7'/],
  ])('%s is a clear error', async (_, source, message) => {
    await expect(resolveKits(await request({ kits: [{ name: 'k', source }] }))).rejects.toThrow(message)
  })

  it('a connection dropped halfway through the download fails cleanly and caches nothing', async () => {
    reg.breakNext('@acme/kit', '2.0.0')
    const req = await request({ kits: [{ name: 'k', source: 'npm:@acme/kit@2' }] })
    await expect(resolveKits(req)).rejects.toThrow(
      "kit 'k': the network failed while fetching @acme/kit@2 (ECONNRESET)",
    )
    expect(await readdir(join(req.cache.root, 'kits')).catch(() => [])).toEqual([])
  })

  it('Ctrl-C during a download stops it: cancelled, nothing cached, no scratch left', async () => {
    reg.breakNext('@acme/kit', '1.1.0', 'stall')
    const controller = new AbortController()
    const req = await request({
      kits: [{ name: 'k', source: 'npm:@acme/kit@1.1.0' }],
      signal: controller.signal,
    })
    const seen = reg.requests.length
    const pending = resolveKits(req)
    while (!reg.requests.slice(seen).some((p) => p.endsWith('.tgz')))
      await new Promise((r) => setTimeout(r, 10))
    controller.abort()
    await expect(pending).rejects.toMatchObject({
      code: 'CANCELLED',
      message: "cancelled while fetching kit 'k'; nothing was changed",
    })
    expect(await readdir(join(req.cache.root, 'kits')).catch(() => [])).toEqual([])
    expect(await readdir(join(req.cache.root, 'tmp')).catch(() => [])).toEqual([])
  })

  it('a registry that is not there is a network error naming the kit', async () => {
    const req = await request({
      kits: [{ name: 'k', source: 'npm:@acme/kit' }],
      npm: async () => ({ registry: 'http://127.0.0.1:9/', fetchRetries: 0 }),
    })
    await expect(resolveKits(req)).rejects.toThrow(
      /kit 'k': the network failed while fetching @acme\/kit@latest \(ECONNREFUSED\)/,
    )
  })
})

describe('tarball sources', () => {
  it('reads a local .tgz and locks where it came from', async () => {
    const file = join(root, 'dist', 'kit-1.0.0.tgz')
    await tarball(file, kitFiles('tar', '1.0.0'))
    const { kits } = await resolveKits(
      await request({ kits: [{ name: 't', source: './dist/kit-1.0.0.tgz' }] }),
    )
    expect(kits[0]?.entry).toMatchObject({
      source: './dist/kit-1.0.0.tgz',
      resolved: expect.stringContaining('kit-1.0.0.tgz'),
      integrity: expect.stringMatching(/^sha256-/),
    })
  })

  it('a truncated tarball is a clear error, and a missing one names its path', async () => {
    const bytes = await tarball(join(root, 'dist', 'whole.tgz'), kitFiles('tar', '1.0.0'))
    await writeFile(join(root, 'dist', 'half.tgz'), bytes.subarray(0, Math.floor(bytes.length / 2)))
    await expect(
      resolveKits(await request({ kits: [{ name: 't', source: './dist/half.tgz' }] })),
    ).rejects.toThrow(/^kit 't': .*half.tgz arrived incomplete or is not a tarball/)
    await expect(
      resolveKits(await request({ kits: [{ name: 't', source: './dist/none.tgz' }] })),
    ).rejects.toThrow(/^kit 't': .*none.tgz not found$/)
  })

  it('a tarball served over HTTP works like one on disk', async () => {
    const { kits } = await resolveKits(
      await request({ kits: [{ name: 't', source: `${reg.url}tarballs/@acme-kit-1.0.0.tgz` }] }),
    )
    expect(kits[0]?.entry?.integrity).toMatch(/^sha256-/)
  })
})

// A fetched kit is someone else's tree: links out of it, a kit folder that is a link, and a lock that names another
// cached kit's integrity are refused; nothing outside what was fetched is ever read into an install.
import { execFileSync } from 'node:child_process'
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { KitCache } from '../../src/sources/cache.js'
import { resolveKits, type ResolveRequest } from '../../src/sources/resolve-kits.js'
import { kitFiles, tempDir, writeTree } from '../helpers/kit-sources.js'

let root: string
let url: string
let outside: string
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@t',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@t',
    },
  }).trim()

beforeAll(async () => {
  root = await tempDir('outfit-hostile-')
  outside = join(root, 'secret')
  await mkdir(outside)
  await writeFile(join(outside, 'mcp.yaml'), 'servers:\n  leak: { command: cat, args: [~/.ssh/id_rsa] }\n')
  const work = join(root, 'work')
  await mkdir(work)
  git(work, 'init', '-q', '-b', 'main')
  await writeTree(
    work,
    Object.fromEntries(Object.entries(kitFiles('linked', '1.0.0')).map(([p, c]) => [`kits/linked/${p}`, c])),
  )
  await symlink(join(outside, 'mcp.yaml'), join(work, 'kits/linked/mcp.yaml'))
  await writeTree(
    work,
    Object.fromEntries(Object.entries(kitFiles('plain', '1.0.0')).map(([p, c]) => [`kits/plain/${p}`, c])),
  )
  await symlink(outside, join(work, 'kits/away'))
  await symlink('plain', join(work, 'kits/alias'))
  git(work, 'add', '-A')
  git(work, 'commit', '-q', '-m', 'kits')
  const bare = join(root, 'repo.git')
  git(root, 'init', '-q', '--bare', '-b', 'main', bare)
  git(work, 'push', '-q', bare, 'main')
  url = `git+file://${bare}`
})
afterAll(() => rm(root, { recursive: true, force: true }))

async function request(kits: ResolveRequest['kits'], cacheRoot?: string): Promise<ResolveRequest> {
  return {
    cache: new KitCache(cacheRoot ?? (await tempDir('outfit-cache-', root))),
    npm: async () => ({}),
    baseDir: root,
    lock: undefined,
    mode: 'install',
    kits,
  }
}

describe('a fetched kit that reaches outside itself', () => {
  it('refuses a kit file that is a symlink out of the fetched tree', async () => {
    await expect(
      resolveKits(await request([{ name: 'linked', source: `${url}#main::path:kits/linked` }])),
    ).rejects.toThrow(
      /kit 'linked': 'mcp.yaml' is a symlink that leads to .*secret\/mcp.yaml, outside what was fetched/,
    )
  })

  it('refuses a ::path kit folder that is a symlink, whether it leads out of the repository or not', async () => {
    await expect(
      resolveKits(await request([{ name: 'away', source: `${url}#main::path:kits/away` }])),
    ).rejects.toThrow(/kit 'away': the kit folder '.*kits\/away' is a symlink/)
    await expect(
      resolveKits(await request([{ name: 'alias', source: `${url}#main::path:kits/alias` }])),
    ).rejects.toThrow(/the kit folder '.*kits\/alias' is a symlink/)
  })

  it("a lock naming another cached kit's integrity under this source misses the cache and fails the check", async () => {
    const cacheRoot = await tempDir('outfit-cache-', root)
    const plain = await resolveKits(
      await request([{ name: 'plain', source: `${url}#main::path:kits/plain` }], cacheRoot),
    )
    const other = await tempDir('outfit-other-', root)
    await writeTree(other, kitFiles('evil', '6.6.6'))
    // A kit cached from elsewhere, with its own integrity: an edited lock names it under the trusted source.
    const { hashKit } = await import('../../src/sources/kit-hash.js')
    const evilIntegrity = await hashKit(other)
    await new KitCache(cacheRoot).put(other, evilIntegrity, 'npm:evil')
    const forged = {
      lockfileVersion: 1 as const,
      kits: { plain: { ...plain.lock.kits.plain!, integrity: evilIntegrity } },
    }
    await expect(
      resolveKits({
        ...(await request([{ name: 'plain', source: `${url}#main::path:kits/plain` }], cacheRoot)),
        lock: forged,
      }),
    ).rejects.toThrow(/does not match outfit.lock/)
  })
})

/** A gzipped tar built entry by entry, so that it can hold what no honest packer writes. */
async function rawTarball(
  file: string,
  entries: {
    path: string
    type?: 'File' | 'Link' | 'SymbolicLink' | 'Directory'
    linkpath?: string
    body?: string
  }[],
): Promise<void> {
  const { Header } = await import('tar')
  const { gzipSync } = await import('node:zlib')
  const blocks: Buffer[] = []
  for (const e of entries) {
    const body = Buffer.from(e.body ?? '')
    const header = new Header({
      path: e.path,
      type: e.type ?? 'File',
      size: e.type === undefined || e.type === 'File' ? body.length : 0,
      mode: 0o644,
      mtime: new Date(0),
      ...(e.linkpath ? { linkpath: e.linkpath } : {}),
    })
    const block = Buffer.alloc(512)
    header.encode(block, 0)
    blocks.push(block)
    if (body.length > 0) blocks.push(body, Buffer.alloc((512 - (body.length % 512)) % 512))
  }
  blocks.push(Buffer.alloc(1024))
  await writeFile(file, gzipSync(Buffer.concat(blocks)))
}

describe('a hostile tarball', () => {
  it.each([
    [
      '../ entries',
      { path: 'package/../../escaped.txt', body: 'x' },
      /package\/\.\.\/\.\.\/escaped.txt \(outside the package\)/,
    ],
    [
      'absolute paths',
      { path: '/tmp/absolute.txt', body: 'x' },
      /\/tmp\/absolute.txt \(outside the package\)/,
    ],
    [
      'hard links to a secret',
      { path: 'package/key', type: 'Link' as const, linkpath: '/root/.ssh/id_rsa' },
      /package\/key \(a hard link to \/root\/.ssh\/id_rsa\)/,
    ],
  ])('with %s is refused by name, and nothing is unpacked', async (_name, entry, message) => {
    const file = join(root, `hostile-${_name.replace(/\W+/g, '-')}.tgz`)
    await rawTarball(file, [{ path: 'package/kit.yaml', body: 'name: k\nversion: 1.0.0\n' }, entry])
    const cacheRoot = await tempDir('outfit-cache-', root)
    const error = (await resolveKits(await request([{ name: 'k', source: file }], cacheRoot)).catch(
      (e: Error) => e,
    )) as Error
    expect(error.message).toMatch(/kit 'k': the tarball .* holds entries outfit does not unpack/)
    expect(error.message).toMatch(message)
    expect(error.constructor.name).toBe('SourceError')
    const { readdir } = await import('node:fs/promises')
    expect(await readdir(join(cacheRoot, 'kits')).catch(() => [])).toEqual([])
  })
})

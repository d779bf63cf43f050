// Real kit sources made by the tests, all offline: a bare git repository with tags and sub-folders (git+file://),
// npm-style tarballs, and a tiny npm registry on 127.0.0.1 serving packuments and tarballs (pacote talks to it over
// HTTP exactly as it talks to registry.npmjs.org). Nothing here mocks the fetcher.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

/** A new folder under `parent` (default: the system's temp folder; give the file's own root to have it removed with it). */
export async function tempDir(prefix = 'outfit-src-', parent = tmpdir()): Promise<string> {
  return mkdtemp(join(parent, prefix))
}

/** Writes `files` (path → content) under `dir`. */
export async function writeTree(dir: string, files: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true })
    await writeFile(join(dir, path), content)
  }
}

export function kitFiles(
  name: string,
  version: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    'kit.yaml': `name: ${name}\nversion: ${version}\n`,
    [`skills/${name}-skill/SKILL.md`]: `---\nname: ${name}-skill\ndescription: ${name} ${version}\n---\nDo ${name} things (${version}).\n`,
    ...extra,
  }
}

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, {
    cwd,
    stdio: 'pipe',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@t',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@t',
    },
  })
    .toString()
    .trim()

export interface GitRepo {
  /** git+file:// URL of the bare repository. */
  url: string
  bare: string
  /** Commits: tag → sha. */
  tags: Record<string, string>
  /** Adds a commit with these files (path → content, null deletes) and an optional tag to the bare repository. */
  commit(files: Record<string, string | null>, tag?: string): Promise<string>
}

/** A bare repository whose history is the given commits in order; each may carry a tag. */
export async function gitRepo(
  root: string,
  commits: { files: Record<string, string | null>; tag?: string }[],
): Promise<GitRepo> {
  const work = join(root, 'work')
  const bare = join(root, 'repo.git')
  await mkdir(work, { recursive: true })
  git(work, 'init', '-q', '-b', 'main')
  const tags: Record<string, string> = {}
  const commit = async (files: Record<string, string | null>, tag?: string) => {
    for (const [path, content] of Object.entries(files)) {
      if (content === null) await rm(join(work, path), { force: true })
      else await writeTree(work, { [path]: content })
    }
    git(work, 'add', '-A')
    git(work, 'commit', '-q', '-m', tag ?? 'change')
    const sha = git(work, 'rev-parse', 'HEAD')
    if (tag) {
      git(work, 'tag', tag)
      tags[tag] = sha
    }
    git(work, 'push', '-q', '--tags', bare, 'main')
    return sha
  }
  git(root, 'init', '-q', '--bare', '-b', 'main', bare)
  for (const c of commits) await commit(c.files, c.tag)
  return { url: `git+file://${bare}`, bare, tags, commit }
}

/** An npm-style tarball (everything under package/) of `files`. */
export async function tarball(out: string, files: Record<string, string>): Promise<Buffer> {
  const stage = await tempDir('outfit-tgz-')
  await writeTree(join(stage, 'package'), files)
  await mkdir(dirname(out), { recursive: true })
  execFileSync('tar', ['-czf', out, '-C', stage, 'package'])
  await rm(stage, { recursive: true, force: true })
  return readFile(out)
}

export interface Registry {
  url: string
  /** Publishes `name@version` with these files (a package.json is added), at `published` (default: now). */
  publish(
    name: string,
    version: string,
    files: Record<string, string>,
    distTag?: string,
    published?: Date,
  ): Promise<void>
  /** The next download of this tarball sends half its bytes, then drops the connection (or, `stall`, waits forever). */
  breakNext(name: string, version: string, how?: 'drop' | 'stall'): void
  /** Requires `authorization: Bearer <token>` on every request (a private registry). */
  token?: string
  /** Every request path, in order (to prove what did or did not touch the network). */
  requests: string[]
  close(): Promise<void>
}

export async function registry(): Promise<Registry> {
  const packages = new Map<
    string,
    { versions: Record<string, unknown>; tags: Record<string, string>; time: Record<string, string> }
  >()
  const tarballs = new Map<string, Buffer>()
  const broken = new Map<string, 'drop' | 'stall'>()
  const requests: string[] = []
  const dir = await tempDir('outfit-reg-')
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(req.url ?? '/')
    requests.push(path)
    if (api.token !== undefined && req.headers.authorization !== `Bearer ${api.token}`) {
      res
        .writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer' })
        .end('{"error":"authentication required"}')
      return
    }
    const tgz = tarballs.get(path)
    if (tgz) {
      const how = broken.get(path)
      if (how) {
        broken.delete(path)
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': tgz.length })
        res.write(tgz.subarray(0, Math.floor(tgz.length / 2)), () =>
          how === 'drop' ? res.destroy() : undefined,
        )
        return
      }
      res
        .writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': tgz.length })
        .end(tgz)
      return
    }
    const pkg = packages.get(path.slice(1))
    if (!pkg) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}')
      return
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        name: path.slice(1),
        'dist-tags': pkg.tags,
        versions: pkg.versions,
        time: pkg.time,
      }),
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
  const tarPath = (name: string, version: string) => `/tarballs/${name.replace('/', '-')}-${version}.tgz`
  const api: Registry = {
    url,
    requests,
    async publish(name, version, files, distTag = 'latest', published = new Date()) {
      const bytes = await tarball(join(dir, `${name.replace('/', '-')}-${version}.tgz`), {
        'package.json': JSON.stringify({ name, version }),
        ...files,
      })
      tarballs.set(tarPath(name, version), bytes)
      const pkg = packages.get(name) ?? { versions: {}, tags: {}, time: {} }
      pkg.time[version] = published.toISOString()
      pkg.versions[version] = {
        name,
        version,
        dist: {
          tarball: `${url.slice(0, -1)}${tarPath(name, version)}`,
          integrity: `sha512-${createHash('sha512').update(bytes).digest('base64')}`,
          shasum: createHash('sha1').update(bytes).digest('hex'),
        },
      }
      pkg.tags[distTag] = version
      packages.set(name, pkg)
    },
    breakNext(name, version, how = 'drop') {
      broken.set(tarPath(name, version), how)
    },
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await rm(dir, { recursive: true, force: true })
    },
  }
  return api
}

export { cp }

// A published registry version never changes, so its server.json is kept in the user's cache folder once fetched:
// installing a locked kit again needs no network. Only one exact version is cached (a list of versions is always
// fetched fresh, for update; the entries it lists are kept like single ones). The cache is the user's but not trusted blindly: an entry is used only when it is a
// regular file naming exactly the server and version asked for; anything else is fetched again.
import { createHash, randomBytes } from 'node:crypto'
import { lstat, mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { RegistryClient, RegistryVersion } from './registry-client.js'

export function cachedClient(client: RegistryClient, cacheDir: string, base: string): RegistryClient {
  const path = (name: string, version: string) =>
    join(
      cacheDir,
      'registry',
      `${createHash('sha256').update(`${base}\0${name}\0${version}`).digest('hex').slice(0, 32)}.json`,
    )
  return {
    async versions(name) {
      const all = await client.versions(name)
      // Each listed version is as immutable as one fetched alone: the one install picks is then read from here.
      for (const entry of all)
        if (entry.status !== 'deleted') await store(path(name, entry.server.version), entry).catch(() => {})
      return all
    },
    search: (words, limit) => client.search(words, limit),
    async version(name, version) {
      const file = path(name, version)
      const cached = await readCached(file, name, version)
      if (cached) return cached
      const fresh = await client.version(name, version)
      // Best effort: a cache that cannot be written only means the next install asks the registry again.
      await store(file, fresh).catch(() => {})
      return fresh
    },
  }
}

// --- internal ---

async function readCached(file: string, name: string, version: string): Promise<RegistryVersion | undefined> {
  try {
    if (!(await lstat(file)).isFile()) return undefined
    const entry = JSON.parse(await readFile(file, 'utf8')) as RegistryVersion
    return entry?.server?.name === name && entry.server.version === version ? entry : undefined
  } catch {
    return undefined
  }
}

async function store(file: string, entry: RegistryVersion): Promise<void> {
  await mkdir(join(file, '..'), { recursive: true })
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`
  await writeFile(temp, JSON.stringify(entry), { flag: 'wx', mode: 0o644 })
  await rename(temp, file)
}

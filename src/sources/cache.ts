// Fetched kits, kept by source and integrity under the user's cache folder: a kit that the lock names and the cache
// holds is used without any network. Every read re-checks the hash, so a cache changed by hand is caught, not
// installed. The source is part of the key: a lock edited to name another cached kit's integrity under a trusted
// repository's name misses the cache, is fetched from that repository, and fails the integrity check.
import { createHash, randomBytes } from 'node:crypto'
import { lstat, mkdir, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { SourceError } from '../errors.js'
import { hashKit } from './kit-hash.js'

export class KitCache {
  constructor(readonly root: string) {}

  /** The folder for one source and integrity (`sha256-…` base64 → a file name). */
  path(integrity: string, source: string): string {
    const id = createHash('sha256').update(source).digest('hex').slice(0, 16)
    return join(
      this.root,
      'kits',
      `${integrity.replace(/\//g, '_').replace(/\+/g, '-').replace(/=+$/, '')}-${id}`,
    )
  }

  /** pacote's own download cache (registry metadata and tarballs). */
  get pacote(): string {
    return join(this.root, 'pacote')
  }

  /** A fresh scratch folder on the cache's file system (so that store() is a rename). */
  async scratch(): Promise<string> {
    const dir = join(this.root, 'tmp', `${process.pid}-${randomBytes(6).toString('hex')}`)
    await mkdir(dir, { recursive: true })
    return dir
  }

  /** The cached kit with this integrity, checked; undefined when not cached. */
  async get(integrity: string, source: string, label: string): Promise<string | undefined> {
    const dir = this.path(integrity, source)
    try {
      // lstat: a cache entry is a real folder, never a link to somewhere else.
      if (!(await lstat(dir)).isDirectory()) return undefined
    } catch {
      return undefined
    }
    const actual = await hashKit(dir)
    if (actual !== integrity) {
      throw new SourceError(
        `kit '${label}': the cached copy at ${dir} was changed since it was fetched (integrity ${actual}, expected ${integrity})`,
        {
          hint: `delete that folder and run again to fetch a fresh copy`,
        },
      )
    }
    return dir
  }

  /** Moves a fetched, checked kit folder into the cache under its integrity; returns the cached folder. */
  async put(dir: string, integrity: string, source: string): Promise<string> {
    const target = this.path(integrity, source)
    await mkdir(join(this.root, 'kits'), { recursive: true })
    try {
      await rename(dir, target)
      return target
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error
    }
    // Already cached: by another run (same bytes: keep it), or changed by hand since (replace it with what was just
    // fetched and checked, so a tampered entry is never what gets installed).
    if ((await hashKit(target)) === integrity) {
      await rm(dir, { recursive: true, force: true })
      return target
    }
    const stale = `${dir}.stale`
    await rename(target, stale)
    await rename(dir, target)
    await rm(stale, { recursive: true, force: true })
    return target
  }

  async discard(dir: string): Promise<void> {
    await rm(dir, { recursive: true, force: true })
  }
}

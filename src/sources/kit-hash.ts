// The integrity of a kit: one hash over every file's path, executable bit and bytes (symlinks by target), so the
// same content always has the same hash however it was fetched (git, npm, tarball) and any change shows.
import { createHash } from 'node:crypto'
import { lstat, readdir, readFile, readlink } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'

/** Never part of a kit: version-control data. */
const SKIPPED = new Set(['.git'])

export async function hashKit(dir: string): Promise<string> {
  const entries = await walk(dir, dir)
  entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  const total = createHash('sha256')
  for (const entry of entries) total.update(`${entry.path}\0${entry.kind}\0${entry.digest}\n`)
  return `sha256-${total.digest('base64')}`
}

// --- internal ---

interface Entry {
  path: string
  kind: 'file' | 'exec' | 'link'
  digest: string
}

async function walk(root: string, dir: string): Promise<Entry[]> {
  const out: Entry[] = []
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (SKIPPED.has(entry.name)) continue
    const full = join(dir, entry.name)
    const path = relative(root, full).split(sep).join('/')
    if (entry.isDirectory()) out.push(...(await walk(root, full)))
    else if (entry.isSymbolicLink()) out.push({ path, kind: 'link', digest: await readlink(full) })
    else if (entry.isFile()) {
      const mode = (await lstat(full)).mode
      out.push({
        path,
        kind: mode & 0o111 ? 'exec' : 'file',
        digest: createHash('sha256')
          .update(await readFile(full))
          .digest('hex'),
      })
    }
  }
  return out
}

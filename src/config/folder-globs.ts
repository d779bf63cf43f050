// Folder patterns as monorepo tools write them (`apps/*`, `services/api`, `packages/**`): expanded segment by segment
// over the injected Fs, so that a pattern never reads more of the repository than it names. Folders only; dot
// folders and node_modules are never matched by a wildcard (pnpm and npm workspaces skip them too).
import { join } from 'node:path'
import picomatch from 'picomatch'
import type { Fs } from '../fs/fs.js'

/** How deep `**` looks below where it stands: a workspace deeper than this is named by a longer pattern. */
const MAX_DEPTH = 6

/** Whether a pattern (or one segment) has wildcards, i.e. may match many folders or none. */
export function isGlob(pattern: string): boolean {
  return picomatch.scan(pattern).isGlob
}

/**
 * The folders below `root` a relative pattern names, as relative paths with `/` (sorted). A literal segment must be
 * a folder (or a link to one: where it leads is the caller's check); wildcards match real folders only.
 */
export async function expandFolders(fs: Fs, root: string, pattern: string): Promise<string[]> {
  let current = ['']
  for (const segment of pattern.split('/').filter((s) => s !== '' && s !== '.')) {
    const next: string[] = []
    for (const rel of current) {
      if (segment === '**') next.push(rel, ...(await descendants(fs, root, rel, MAX_DEPTH)))
      else if (isGlob(segment)) {
        const match = picomatch(segment)
        for (const name of await childFolders(fs, root, rel)) if (match(name)) next.push(joinRel(rel, name))
      } else if (await isFolder(fs, join(root, rel, segment))) next.push(joinRel(rel, segment))
    }
    current = [...new Set(next)]
  }
  return current.filter((rel) => rel !== '').sort()
}

// --- internal ---

async function descendants(fs: Fs, root: string, rel: string, depth: number): Promise<string[]> {
  if (depth === 0) return []
  const out: string[] = []
  for (const name of await childFolders(fs, root, rel)) {
    const child = joinRel(rel, name)
    out.push(child, ...(await descendants(fs, root, child, depth - 1)))
  }
  return out
}

/** Real sub-folders a wildcard may match: not links (they may lead anywhere), not dot folders, not node_modules. */
async function childFolders(fs: Fs, root: string, rel: string): Promise<string[]> {
  const entries = await fs.readdir(join(root, rel), { withFileTypes: true }).catch(() => [])
  return entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules')
    .map((e) => String(e.name))
    .sort()
}

async function isFolder(fs: Fs, path: string): Promise<boolean> {
  return fs.stat(path).then(
    (st) => st.isDirectory(),
    () => false,
  )
}

function joinRel(rel: string, name: string): string {
  return rel === '' ? name : `${rel}/${name}`
}

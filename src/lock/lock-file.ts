// outfit.lock: beside outfit.config.yaml, committed with it. Per fetched kit: the source as written, what it resolved
// to (git commit, npm version, tarball address) and the integrity of the kit's files. Local folders are not locked.
import { readFile, rename, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { SourceError } from '../errors.js'

export const LOCK_FILE = 'outfit.lock'

export interface LockEntry {
  /** The source exactly as the config or --kit wrote it. */
  source: string
  /** Git: the commit the ref resolved to. */
  commit?: string
  /** npm: the exact version the range resolved to. */
  version?: string
  /** npm and tarballs: where the package came from. */
  resolved?: string
  /** sha256 over the kit's files (paths, executable bits, bytes): what is installed is exactly this. */
  integrity: string
}

export interface Lockfile {
  lockfileVersion: 1
  kits: Record<string, LockEntry>
}

export function lockPath(dir: string): string {
  return join(dir, LOCK_FILE)
}

/** The lock in `file`, or undefined when there is none. A damaged lock is an error, never silently replaced. */
export async function readLock(file: string): Promise<Lockfile | undefined> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  const problem = (why: string) =>
    new SourceError(`${file}: ${why}`, {
      hint: `fix it, or delete it and run 'outfit install' to lock the kits again`,
    })
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw problem(`not valid JSON (${(error as Error).message})`)
  }
  if (!isObject(data) || data.lockfileVersion !== 1 || !isObject(data.kits))
    throw problem('expected { "lockfileVersion": 1, "kits": { … } }')
  for (const [name, entry] of Object.entries(data.kits)) {
    if (
      !isObject(entry) ||
      typeof entry.source !== 'string' ||
      typeof entry.integrity !== 'string' ||
      !/^sha256-[A-Za-z0-9+/]+=*$/.test(entry.integrity)
    ) {
      throw problem(`kit '${name}' needs a "source" and an "integrity" (sha256-…)`)
    }
  }
  return data as unknown as Lockfile
}

/** Written whole (temp file + rename), keys sorted, so the file diffs cleanly in review. */
export async function writeLock(file: string, lock: Lockfile): Promise<void> {
  const kits = Object.fromEntries(
    Object.keys(lock.kits)
      .sort()
      .map((name) => [name, lock.kits[name]]),
  )
  const tmp = join(dirname(file), `.${LOCK_FILE}.${process.pid}.tmp`)
  await writeFile(tmp, `${JSON.stringify({ lockfileVersion: 1, kits }, null, 2)}\n`)
  await rename(tmp, file)
}

export function sameEntry(a: LockEntry | undefined, b: LockEntry | undefined): boolean {
  return (
    a?.source === b?.source &&
    a?.commit === b?.commit &&
    a?.version === b?.version &&
    a?.resolved === b?.resolved &&
    a?.integrity === b?.integrity
  )
}

// --- internal ---

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

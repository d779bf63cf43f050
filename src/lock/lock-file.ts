// outfit.lock: beside outfit.config.yaml, committed with it. Per fetched kit: the source as written, what it resolved
// to (git commit, npm version, tarball address) and the integrity of the kit's files. Local folders are not locked.
import { lstat } from 'node:fs/promises'
import { join } from 'node:path'
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser'
import { SourceError } from '../errors.js'
import { offsetToPosition } from '../formats/position.js'
import { realFs } from '../fs/fs.js'
import { FileReadError, readBounded } from '../fs/read-bounded.js'
import { replaceFile } from '../fs/replace-file.js'

/** A lock lists a few kits: anything near this size is not a lock (a link to /dev/zero, a planted blob). */
const MAX_LOCK_BYTES = 1024 * 1024

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

/** An MCP server a kit names by registry, as resolved: the exact version and what runs it (registry/server-json.ts). */
export interface LockedServer {
  /** The kit's `registry:` value as written (name@range). */
  spec: string
  /** The registry it was resolved in. */
  registry: string
  name: string
  version: string
  via: 'npm' | 'pypi' | 'oci' | 'nuget' | 'remote'
  identifier?: string
  packageVersion?: string
  sha256?: string
  url?: string
}

export interface Lockfile {
  lockfileVersion: 1
  kits: Record<string, LockEntry>
  /** Registry MCP servers, by the kit's name for them. */
  mcp?: Record<string, LockedServer>
}

export function lockPath(dir: string): string {
  return join(dir, LOCK_FILE)
}

/**
 * The lock in `file`, or undefined when there is none. A damaged lock is an error, never silently replaced. The lock
 * comes with a repository, so it is untrusted: only a small regular file is read (a symlink could lead to a secret or
 * to /dev/zero), and a parse error names the line and column, never the bytes found there.
 */
export async function readLock(file: string): Promise<Lockfile | undefined> {
  const problem = (why: string) =>
    new SourceError(`${file}: ${why}`, {
      hint: `fix it, or delete it and run 'outfit install' to lock the kits again`,
    })
  try {
    if ((await lstat(file)).isSymbolicLink()) throw problem('is a symlink; a lock must be a regular file')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(
      await readBounded(realFs, file, MAX_LOCK_BYTES, 'locks'),
    )
  } catch (error) {
    if (error instanceof FileReadError) throw problem(error.reason)
    if (error instanceof TypeError) throw problem('is not UTF-8 text')
    throw error
  }
  const errors: ParseError[] = []
  const data: unknown = parse(text, errors, { disallowComments: true, allowTrailingComma: false })
  const first = errors[0]
  if (first) {
    const at = offsetToPosition(text, first.offset)
    throw new SourceError(
      `${file}:${at.line}:${at.column}: not valid JSON (${printParseErrorCode(first.error)})`,
      {
        hint: `fix it, or delete it and run 'outfit install' to lock the kits again`,
      },
    )
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
  if (data.mcp !== undefined) {
    if (!isObject(data.mcp)) throw problem('"mcp" must be an object of registry servers')
    for (const [name, entry] of Object.entries(data.mcp))
      if (
        !isObject(entry) ||
        typeof entry.spec !== 'string' ||
        typeof entry.registry !== 'string' ||
        typeof entry.name !== 'string' ||
        typeof entry.version !== 'string' ||
        !['npm', 'pypi', 'oci', 'nuget', 'remote'].includes(entry.via as string) ||
        ['identifier', 'packageVersion', 'sha256', 'url'].some(
          (k) => entry[k] !== undefined && typeof entry[k] !== 'string',
        )
      )
        throw problem(`MCP server '${name}' needs "spec", "registry", "name", "version" and "via"`)
  }
  return data as unknown as Lockfile
}

/**
 * Written whole (temp file + rename), keys sorted, so the file diffs cleanly in review. The folder belongs to a
 * repository, which may have planted links: the temp file has an unguessable name and is created exclusively (a link
 * already there fails the open instead of being written through), and the rename replaces a link at `file` rather
 * than writing into what it points to. Synced before the rename, so a crash leaves the old lock or the new one.
 */
export async function writeLock(file: string, lock: Lockfile): Promise<void> {
  const kits = Object.fromEntries(
    Object.keys(lock.kits)
      .sort()
      .map((name) => [name, lock.kits[name]]),
  )
  const servers = Object.keys(lock.mcp ?? {}).sort()
  const mcp = servers.length > 0 ? { mcp: Object.fromEntries(servers.map((n) => [n, lock.mcp?.[n]])) } : {}
  await replaceFile(file, `${JSON.stringify({ lockfileVersion: 1, kits, ...mcp }, null, 2)}\n`, 0o644)
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

// Whole-file reads and crash-safe writes over the injected Fs.
import { FileAccessError } from '../errors.js'
import { createHash, randomBytes } from 'node:crypto'
import { dirname, basename, join } from 'node:path'
import { isNotFound, type Fs } from './fs.js'
import type { Snapshot } from '../types.js'

const encoder = new TextEncoder()
// ignoreBOM keeps a byte-order mark in the text, so a user's file edited and written back keeps it too.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

export function hashBytes(data: Uint8Array | string): string {
  // A string is hashed as its UTF-8 bytes without making them first (lone surrogates become U+FFFD either way).
  return (
    typeof data === 'string' ? createHash('sha256').update(data, 'utf8') : createHash('sha256').update(data)
  ).digest('hex')
}

export function toBytes(data: Uint8Array | string): Uint8Array {
  // Buffer.from, not TextEncoder: the same bytes (a lone surrogate becomes U+FFFD either way) at about a third of the
  // cost, and every file a run writes passes here (~15 % of a 5,000-file install's CPU went to TextEncoder).
  return typeof data === 'string' ? Buffer.from(data, 'utf8') : data
}

/** Decodes UTF-8 strictly: a kit or config file that is not text is an error, not mojibake. */
export function decodeUtf8(data: Uint8Array, path: string): string {
  try {
    return decoder.decode(data)
  } catch {
    throw new Error(`${path} is not valid UTF-8 text`)
  }
}

export function snapshotOf(data: Uint8Array | string, mode?: number): Snapshot {
  const bytes = toBytes(data)
  return mode === undefined
    ? { hash: hashBytes(bytes), data: bytes }
    : { hash: hashBytes(bytes), data: bytes, mode }
}

/**
 * The snapshot without its bytes: what a change keeps of a file's content once nothing can need the bytes again
 * (what outfit wrote, or a file it left as it was). Rollback and uninstall compare hashes; they restore only `before`
 * and `origin` of a change that wrote, and those keep their bytes.
 */
export function hashOnly(snapshot: Snapshot): Snapshot {
  return snapshot.mode === undefined ? { hash: snapshot.hash } : { hash: snapshot.hash, mode: snapshot.mode }
}

/** The file's current bytes, or null when it does not exist. Directories are an error: we never replace them. */
export async function readSnapshot(fs: Fs, path: string): Promise<Snapshot | null> {
  try {
    const st = await fs.lstat(path)
    if (st.isDirectory()) throw new Error(`${path} is a directory, expected a file`)
    if (st.isSymbolicLink()) {
      const target = await fs.readlink(path)
      return { hash: hashBytes(`symlink:${target}`), data: encoder.encode(target), mode: -1 }
    }
    const data = new Uint8Array(await fs.readFile(path))
    return { hash: hashBytes(data), data, mode: Number(st.mode) & 0o7777 }
  } catch (error) {
    if (isNotFound(error)) return null
    throw error
  }
}

/**
 * Creates missing parent directories and returns the ones it created, outermost first (so they can be undone).
 * `onCreate` hears of each one as soon as it exists, so a failure halfway still leaves a record of the others.
 */
export async function ensureDir(fs: Fs, dir: string, onCreate?: (dir: string) => void): Promise<string[]> {
  const missing: string[] = []
  let current = dir
  for (;;) {
    try {
      const st = await fs.stat(current)
      if (!st.isDirectory()) throw new Error(`${current} exists and is not a directory`)
      break
    } catch (error) {
      if (!isNotFound(error)) throw error
      missing.unshift(current)
      const parent = dirname(current)
      if (parent === current) break
      current = parent
    }
  }
  const created: string[] = []
  for (const d of missing) {
    try {
      await fs.mkdir(d)
      created.push(d)
      onCreate?.(d)
    } catch (error) {
      // Another pipeline may have created it in the meantime; that is fine, and then it is not ours to remove.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
  }
  return created
}

/**
 * Writes through a temporary file in the same directory and renames it into place, so a crash leaves either the
 * old or the new file, never half of one. The mode of a replaced file is kept unless one is given.
 */
export async function writeAtomic(
  fs: Fs,
  path: string,
  data: Uint8Array | string,
  mode?: number,
  existing?: { mode?: number } | null,
): Promise<void> {
  // Nothing there (the caller just looked, under the path lock): no old file for a crash to keep, so the file is
  // created in place, exclusively; see createExclusive.
  if (existing === null && (await createExclusive(fs, path, data, mode))) return
  const tmp = join(dirname(path), `.${basename(path)}.outfit-${tempSuffix()}.tmp`)
  // `existing`: the snapshot the caller just read there under the path lock (null: nothing), sparing a stat per file.
  const known = existing === null || (existing?.mode !== undefined && existing.mode >= 0)
  let keepMode = mode ?? (known ? existing?.mode : undefined)
  if (keepMode === undefined && !known) {
    try {
      keepMode = Number((await fs.stat(path)).mode) & 0o7777
    } catch (error) {
      if (!isNotFound(error)) throw error
    }
  }
  try {
    await fs.writeFile(tmp, toBytes(data))
    if (keepMode !== undefined) await fs.chmod(tmp, keepMode)
    await fs.rename(tmp, path)
  } catch (error) {
    await fs.unlink(tmp).catch(() => {})
    throw refusedWrite(error, path)
  }
}

const WRITE_FAILURES = new Set(['ENOSPC', 'EDQUOT', 'EIO', 'EFBIG'])

/**
 * Creates `path` with `data`, failing if anything is there: a temporary file and a rename buy nothing when there is
 * no old content to keep whole (a crash mid-write leaves a partial new file, which the crash journal, having
 * recorded the path as absent before this write, removes), and cost a rename, a second name and its checks per file
 * (most of a first install's files). Returns false, having changed nothing, when the path exists after all (something
 * created it since the caller looked): the caller then replaces it atomically, as before.
 */
export async function createExclusive(
  fs: Fs,
  path: string,
  data: Uint8Array | string,
  mode: number | undefined,
): Promise<boolean> {
  try {
    await fs.writeFile(path, toBytes(data), { flag: 'wx' })
  } catch (error) {
    const { code, syscall } = (error ?? {}) as NodeJS.ErrnoException
    if (code === 'EEXIST') return false
    // The file was created (exclusively: it is this call's) and writing it failed: the partial file goes. Any other
    // failure (the open refused, the crash journal's line not written) created nothing, and what is there is left.
    if (syscall === 'write' || WRITE_FAILURES.has(code ?? '')) await fs.unlink(path).catch(() => {})
    throw refusedWrite(error, path)
  }
  try {
    // Given explicitly, as for a temporary file: the creation mode passes through the umask.
    if (mode !== undefined) await fs.chmod(path, mode)
  } catch (error) {
    await fs.unlink(path).catch(() => {})
    throw refusedWrite(error, path)
  }
  return true
}

/**
 * The system refused the write (a read-only folder or file system, no permission): said about the user's file, not
 * the temporary file outfit writes beside it, with what to do.
 */
function refusedWrite(error: unknown, path: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  if (code !== 'EACCES' && code !== 'EPERM' && code !== 'EROFS') return error
  const why = code === 'EROFS' ? 'the file system is read-only' : `the system refused it (${code})`
  return new FileAccessError(`cannot write ${path}: ${why}`, {
    hint: `make ${dirname(path)} writable for you (or run outfit as the user who owns it), then run again`,
    cause: error,
  })
}

const TEMP_NAME = /^\.(.+)\.outfit-[0-9a-f]{8}\.tmp$/

// A random start per process, then a counter: no two temporary files of one run share a name, and another process
// is as unlikely to pick the same one as with a fresh random number per file (a call into the random source per file
// written showed in the profile of a large install).
let tempCounter: number | undefined

function tempSuffix(): string {
  tempCounter = ((tempCounter ?? randomBytes(4).readUInt32BE(0)) + 1) >>> 0
  return tempCounter.toString(16).padStart(8, '0')
}

/**
 * The file a temporary file of writeAtomic stands for (`dir/.name.outfit-1a2b3c4d.tmp` → `dir/name`), or undefined
 * for any other path. The crash journal records that file, before the temporary one is created, instead of the
 * temporary file itself; recovery removes the temporary siblings of every journaled path (tempSiblings).
 */
export function atomicTarget(path: string): string | undefined {
  const match = TEMP_NAME.exec(basename(path))
  return match?.[1] === undefined ? undefined : join(dirname(path), match[1])
}

/** Of the names in a folder, the temporary files writeAtomic may have left there for `name`. */
export function tempSiblings(names: readonly string[], name: string): string[] {
  return names.filter((n) => TEMP_NAME.exec(n)?.[1] === name)
}

/** Puts a file back exactly as a snapshot describes it (or removes it for null). */
export async function restoreSnapshot(fs: Fs, path: string, snapshot: Snapshot | null): Promise<void> {
  if (snapshot === null) {
    await removeIfExists(fs, path)
    return
  }
  if (!snapshot.data) throw new Error(`no backup of ${path} is available`)
  if (snapshot.mode === -1) {
    await removeIfExists(fs, path)
    await fs.symlink(decoder.decode(snapshot.data), path)
    return
  }
  await ensureDir(fs, dirname(path))
  await writeAtomic(fs, path, snapshot.data, snapshot.mode)
}

export async function removeIfExists(fs: Fs, path: string): Promise<boolean> {
  try {
    await fs.unlink(path)
    return true
  } catch (error) {
    if (isNotFound(error)) return false
    throw error
  }
}

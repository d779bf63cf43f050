// Kit files that passed the content check (see check-kit-files.ts), remembered by their exact stat so that a
// re-install does not parse every kit file's frontmatter again. Any write to a file changes its ctime, so a file that
// stats the same has the same bytes; the record is sealed with the user's state key, and a record that does not verify
// is ignored (everything is checked again). At worst a memo could skip a check that install repeats when it reads the
// file: it never decides what is written. Each entry also keeps the SHA-256 of the bytes that passed, so that the
// fast path's digest of the kit (src/run/fast-path.ts) need not read a file the memo vouches for either.
import { join } from 'node:path'
import { writeAtomic } from '../fs/files.js'
import type { Fs } from '../fs/fs.js'
import { stateKey, STATE_FILE_MODE } from '../state/scope-state.js'
import { seal, verifySeal } from '../state/seal.js'

export interface CheckMemo {
  /** The SHA-256 of the file's bytes if it passed the check when it had exactly this stat; else undefined. */
  vouches(file: string, stamp: string): string | undefined
  /** The file passed the check with this stat and these bytes (their SHA-256). */
  remember(file: string, stamp: string, sha256: string): void
  /** Keeps what this run checked or vouched for (and nothing older), sealed. */
  save(): Promise<void>
}

// The seal names the record's kind and shape: a memo of the earlier shape (a stat per file, no hash) does not verify.
const SEAL_LABEL = 'kit-checks-2'
const SHA256 = /^[0-9a-f]{64}$/

function sameEntry(entry: unknown, stamp: string, sha256: string): boolean {
  return Array.isArray(entry) && entry[0] === stamp && entry[1] === sha256
}

/** The stat that identifies a file's bytes: size, mtime and ctime in nanoseconds, inode, mode. */
export async function statStamp(fs: Fs, file: string): Promise<string | undefined> {
  try {
    const st = await fs.stat(file, { bigint: true })
    return `${st.size}:${st.mtimeNs}:${st.ctimeNs}:${st.ino}:${st.mode}`
  } catch {
    return undefined
  }
}

/** The memo in the state home (none when no state key exists yet: nothing to vouch with). */
export async function openCheckMemo(fs: Fs, stateHome: string): Promise<CheckMemo | undefined> {
  const key = await stateKey(fs, stateHome, false).catch(() => null)
  if (!key) return undefined
  const file = join(stateHome, 'kit-checks.json')
  // path → [stat, sha256]. A memo of another shape (an older outfit's) vouches for nothing: everything is checked.
  let known: Record<string, unknown> = {}
  try {
    const { mac, ...body } = JSON.parse(await fs.readFile(file, 'utf8')) as {
      mac?: unknown
      files?: Record<string, unknown>
    }
    if (
      verifySeal(key, [SEAL_LABEL, JSON.stringify(body)], mac) &&
      body.files &&
      typeof body.files === 'object'
    )
      known = body.files
  } catch {
    // No memo yet, or a damaged one: check everything.
  }
  const used = new Map<string, [string, string]>()
  return {
    vouches(path, stamp) {
      const entry = Object.hasOwn(known, path) ? known[path] : undefined
      if (
        !Array.isArray(entry) ||
        entry[0] !== stamp ||
        typeof entry[1] !== 'string' ||
        !SHA256.test(entry[1])
      )
        return undefined
      used.set(path, [stamp, entry[1]])
      return entry[1]
    },
    remember(path, stamp, sha256) {
      used.set(path, [stamp, sha256])
    },
    async save() {
      // Unchanged (every file vouched for, none dropped): nothing to write, the usual case of a re-install.
      if (
        used.size === Object.keys(known).length &&
        [...used].every(([path, [stamp, sha]]) => sameEntry(known[path], stamp, sha))
      )
        return
      const body = { files: Object.fromEntries([...used].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) }
      await writeAtomic(
        fs,
        file,
        `${JSON.stringify({ ...body, mac: seal(key, [SEAL_LABEL, JSON.stringify(body)]) })}\n`,
        STATE_FILE_MODE,
      )
    },
  }
}

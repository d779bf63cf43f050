// Kit files that passed a check, remembered by their exact stat so that a re-install does not read and check every
// kit file again: the content check (see check-kit-files.ts: frontmatter), the Agent Skills rules (check-skills.ts)
// and the content audit (src/audit/audit-kit.ts: no hidden characters, no command that runs fetched code). Any write
// to a file changes its ctime, so a file that stats the same has the same bytes; the record is sealed with the user's
// state key and names the outfit version that made it, and a record that does not verify, or of another version
// (whose checks may differ), is ignored: everything is checked again. At worst a memo could skip a check that install
// repeats when it reads the file: it never decides what is written. Each entry also keeps the SHA-256 of the bytes
// that passed, so that the fast path's digest of the kit (src/run/fast-path.ts) need not read a file the memo vouches
// for either.
//
// Where the stat is not enough: a file's timestamps have a granularity (a clock tick on Linux, up to seconds on some
// file systems), so two writes within one tick that keep the size leave the same stat. As git does for its index
// ("racily clean" entries), a file changed shortly before this run started is checked but not remembered: a later
// same-tick edit could not be told by its stat. The next run, when that moment is long past, remembers it.
import { join } from 'node:path'
import { writeAtomic } from '../fs/files.js'
import type { Fs } from '../fs/fs.js'
import { stateKey, STATE_FILE_MODE } from '../state/scope-state.js'
import { seal, verifySeal } from '../state/seal.js'
import { version } from '../version.js'

/**
 * What a file passed: the frontmatter check, the Agent Skills rules (a SKILL.md), the content audit, and (an item
 * file) having no `outfit:` block, so that per-item targeting (read-targeting.ts) need not read it again either.
 */
export type Check = 'content' | 'skill' | 'audit' | 'untargeted'

export interface CheckMemo {
  /** The file's stat as the memo compares it (read once per run and path). */
  stampOf(file: string): Promise<string | undefined>
  /** The SHA-256 of the file's bytes if it passed `check` when it had exactly this stat; else undefined. */
  vouches(file: string, stamp: string, check: Check): string | undefined
  /** The file passed `check` with this stat and these bytes (their SHA-256). */
  remember(file: string, stamp: string, sha256: string, check: Check): void
  /** Keeps what this run checked or vouched for (and nothing older), sealed. */
  save(): Promise<void>
}

export interface MemoOptions {
  /** The clock (ms since the epoch) that decides which files changed too recently to be told apart by stat. */
  now?: () => number
}

// The seal names the record's kind and shape: a memo of an earlier shape (no hash, or no checks per file) does not
// verify, nor does one sealed for another file.
const SEAL_LABEL = 'kit-checks-3'
const SHA256 = /^[0-9a-f]{64}$/
const FLAGS: Record<Check, number> = { content: 1, skill: 2, audit: 4, untargeted: 8 }
/**
 * How long before the run a change must be for its stat to tell it apart from a later one: well above a clock tick
 * (≤ 10 ms) and the one-second timestamps of older file systems.
 */
export const RACY_MS = 3_000

/** path → [stat, sha256, checks passed (FLAGS)]. */
type Entry = [string, string, number]

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
export async function openCheckMemo(
  fs: Fs,
  stateHome: string,
  options: MemoOptions = {},
): Promise<CheckMemo | undefined> {
  const key = await stateKey(fs, stateHome, false).catch(() => null)
  if (!key) return undefined
  // Files changed after this moment are not remembered (see the top of this file).
  const racyAfterNs = BigInt(Math.floor((options.now ?? Date.now)() - RACY_MS)) * 1_000_000n
  const file = join(stateHome, 'kit-checks.json')
  let known: Record<string, unknown> = {}
  try {
    const { mac, ...body } = JSON.parse(await fs.readFile(file, 'utf8')) as {
      mac?: unknown
      outfit?: unknown
      files?: Record<string, unknown>
    }
    if (
      verifySeal(key, [SEAL_LABEL, JSON.stringify(body)], mac) &&
      body.outfit === version &&
      body.files &&
      typeof body.files === 'object'
    )
      known = body.files
  } catch {
    // No memo yet, or a damaged one: check everything.
  }
  const used = new Map<string, Entry>()
  const stamps = new Map<string, Promise<string | undefined>>()
  return {
    stampOf(path) {
      let stamp = stamps.get(path)
      if (!stamp) stamps.set(path, (stamp = statStamp(fs, path)))
      return stamp
    },
    vouches(path, stamp, check) {
      const entry = Object.hasOwn(known, path) ? known[path] : undefined
      if (!isEntry(entry) || entry[0] !== stamp || (entry[2] & FLAGS[check]) === 0) return undefined
      // Kept (all it passed, not only `check`) as long as a check of this run vouched for it or learnt it again.
      const kept = used.get(path)
      used.set(
        path,
        kept && kept[0] === stamp && kept[1] === entry[1] ? [stamp, entry[1], kept[2] | entry[2]] : entry,
      )
      return entry[1]
    },
    remember(path, stamp, sha256, check) {
      if (ctimeNs(stamp) >= racyAfterNs) return
      const kept = used.get(path)
      const flags = kept && kept[0] === stamp && kept[1] === sha256 ? kept[2] : 0
      used.set(path, [stamp, sha256, flags | FLAGS[check]])
    },
    async save() {
      // Unchanged (every file vouched for, none dropped): nothing to write, the usual case of a re-install.
      if (
        used.size === Object.keys(known).length &&
        [...used].every(([path, entry]) => sameEntry(known[path], entry))
      )
        return
      const body = {
        outfit: version,
        files: Object.fromEntries([...used].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
      }
      await writeAtomic(
        fs,
        file,
        `${JSON.stringify({ ...body, mac: seal(key, [SEAL_LABEL, JSON.stringify(body)]) })}\n`,
        STATE_FILE_MODE,
      )
    },
  }
}

// --- internal ---

function isEntry(entry: unknown): entry is Entry {
  return (
    Array.isArray(entry) &&
    entry.length === 3 &&
    typeof entry[0] === 'string' &&
    typeof entry[1] === 'string' &&
    SHA256.test(entry[1]) &&
    Number.isInteger(entry[2])
  )
}

function sameEntry(entry: unknown, [stamp, sha, flags]: Entry): boolean {
  return isEntry(entry) && entry[0] === stamp && entry[1] === sha && entry[2] === flags
}

/** The ctime (ns) a stamp records; a stamp that does not parse counts as changed just now (never remembered). */
function ctimeNs(stamp: string): bigint {
  const part = stamp.split(':')[2]
  return part !== undefined && /^\d+$/.test(part)
    ? BigInt(part)
    : BigInt(Number.MAX_SAFE_INTEGER) * 1_000_000n
}

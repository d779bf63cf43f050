// Kit files that passed the content check (see check-kit-files.ts), remembered by their exact stat so that a
// re-install does not parse every kit file's frontmatter again. Any write to a file changes its ctime, so a file that
// stats the same has the same bytes; the record is sealed with the user's state key, and a record that does not verify
// is ignored (everything is checked again). At worst a memo could skip a check that install repeats when it reads the
// file: it never decides what is written.
import { join } from 'node:path'
import { writeAtomic } from '../fs/files.js'
import type { Fs } from '../fs/fs.js'
import { stateKey, STATE_FILE_MODE } from '../state/scope-state.js'
import { seal, verifySeal } from '../state/seal.js'

export interface CheckMemo {
  /** Whether this file passed the check when it had exactly this stat. */
  vouches(file: string, stamp: string): boolean
  /** The file passed the check with this stat. */
  remember(file: string, stamp: string): void
  /** Keeps what this run checked or vouched for (and nothing older), sealed. */
  save(): Promise<void>
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
  let known: Record<string, string> = {}
  try {
    const { mac, ...body } = JSON.parse(await fs.readFile(file, 'utf8')) as { mac?: unknown; files?: Record<string, string> }
    if (verifySeal(key, ['kit-checks', JSON.stringify(body)], mac) && body.files && typeof body.files === 'object') known = body.files
  } catch {
    // No memo yet, or a damaged one: check everything.
  }
  const used = new Map<string, string>()
  return {
    vouches(path, stamp) {
      const ok = known[path] === stamp
      if (ok) used.set(path, stamp)
      return ok
    },
    remember(path, stamp) {
      used.set(path, stamp)
    },
    async save() {
      const body = { files: Object.fromEntries([...used].sort(([a], [b]) => a.localeCompare(b))) }
      if (JSON.stringify(body.files) === JSON.stringify(known)) return
      await writeAtomic(fs, file, `${JSON.stringify({ ...body, mac: seal(key, ['kit-checks', JSON.stringify(body)]) })}\n`, STATE_FILE_MODE)
    },
  }
}

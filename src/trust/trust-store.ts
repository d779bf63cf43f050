// The user's trust decisions: which sources may install which commands. One JSON file in the user's state folder,
// readable by the user alone (0600), shared by every repository on the machine, and sealed with the per-user state
// key like every other piece of state: a trust.json planted by someone else (another owner, a world-writable file, no
// valid seal) is never honoured. Failing closed here means trusting nothing: the user is asked again (or told to pass
// --trust), so a bad file never blocks anyone and never lets a command in.
import { lstat, readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { realFs } from '../fs/fs.js'
import { replaceFile } from '../fs/replace-file.js'
import { seal, verifySeal } from '../state/seal.js'
import { stateKey } from '../state/scope-state.js'

export interface TrustRecord {
  /** The commands that were shown and accepted; a kit that adds a command is asked about again. */
  commands: string[]
  trustedAt: string
}

export interface TrustStore {
  version: 1
  sources: Record<string, TrustRecord>
}

export function trustFile(stateDir: string): string {
  return join(stateDir, 'trust.json')
}

/**
 * What the trust file vouches for. A missing file trusts nothing; so does one that is not this user's own private,
 * sealed file (`ignored` says why, for the message that follows a refusal).
 */
export async function readTrustChecked(file: string): Promise<{ store: TrustStore; ignored?: string }> {
  const none: TrustStore = { version: 1, sources: {} }
  let text: string
  try {
    const st = await lstat(file)
    if (!st.isFile()) return { store: none, ignored: `${file} is not a regular file` }
    if (typeof process.getuid === 'function' && st.uid !== process.getuid())
      return { store: none, ignored: `${file} belongs to another user` }
    if (process.platform !== 'win32' && (st.mode & 0o077) !== 0)
      return { store: none, ignored: `${file} can be read or written by other users` }
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { store: none }
    throw error
  }
  const key = await stateKey(realFs, dirname(file), false)
  try {
    const data = JSON.parse(text) as Partial<TrustStore> & { seal?: unknown }
    if (data.version !== 1 || !data.sources || typeof data.sources !== 'object')
      return { store: none, ignored: `${file} is not an outfit trust file` }
    const store: TrustStore = { version: 1, sources: data.sources }
    if (!key || !verifySeal(key, sealParts(store), data.seal))
      return {
        store: none,
        ignored: `${file} has no valid seal (written by an older outfit, or not by outfit)`,
      }
    return { store }
  } catch {
    return { store: none, ignored: `${file} is not valid JSON` }
  }
}

/** The decisions the user's own sealed trust file records (nothing, for any other file). */
export async function readTrust(file: string): Promise<TrustStore> {
  return (await readTrustChecked(file)).store
}

export async function recordTrust(
  file: string,
  decisions: { source: string; commands: string[] }[],
  now = new Date(),
): Promise<void> {
  const store = await readTrust(file)
  for (const d of decisions) {
    const before = store.sources[d.source]?.commands ?? []
    store.sources[d.source] = {
      commands: [...new Set([...before, ...d.commands])].sort(),
      trustedAt: now.toISOString(),
    }
  }
  // Makes the state home when missing (0700, its name synced: the key and records in it must outlive a power cut), and
  // refuses one that is a link or someone else's.
  const key = await stateKey(realFs, dirname(file), true)
  if (!key) throw new Error(`no state key in ${dirname(file)}`)
  await replaceFile(
    file,
    `${JSON.stringify({ ...store, seal: seal(key, sealParts(store)) }, null, 2)}\n`,
    0o600,
  )
}

// --- internal ---

function sealParts(store: TrustStore): string[] {
  return ['trust', JSON.stringify(store.sources)]
}

// Where outfit keeps its state, and the key that proves outfit wrote it.
//
// State never lives inside the folder it describes: a repository can ship any file, so a manifest or journal inside
// the project could be planted by whoever wrote the repository. Everything goes under the user's state home
// (`$XDG_STATE_HOME/outfit`, default `~/.local/state/outfit`), 0700, one folder per scope root keyed by the root's real
// path, with every file 0600. A per-user key (`<state home>/key`, 0600) authenticates each record (see seal.ts).
import { createHash, randomBytes } from 'node:crypto'
import { dirname, join } from 'node:path'
import { StateError } from '../errors.js'
import { isNotFound, type Fs } from '../fs/fs.js'
import { missingFolders } from '../fs/pending-syncs.js'
import { seal } from './seal.js'

/** The state of one scope root: where it lives, the root it describes, and the key that signs it. */
export interface ScopeState {
  /** `<state home>/scopes/<id>`: manifests, backups, journal, lock. */
  dir: string
  /** The scope root exactly as the pipelines name it (manifest paths are relative to it). */
  root: string
  /** Identifies the root across spellings of its path (sha256 of its real path): signed into every record. */
  id: string
  key: Uint8Array
}

/** Windows reports emulated modes (0o666 for every file): there, the folder's ACL inherited from the profile protects it. */
const POSIX_MODES = process.platform !== 'win32'

export const STATE_DIR_MODE = 0o700
export const STATE_FILE_MODE = 0o600

/** The default state home for a home folder (`--home` sandboxes keep their state inside the sandbox). */
export function defaultStateHome(home: string, xdgStateHome?: string): string {
  return xdgStateHome && xdgStateHome.startsWith('/')
    ? join(xdgStateHome, 'outfit')
    : join(home, '.local', 'state', 'outfit')
}

/**
 * The state home of the system scope: beside the system it describes, under the same root (`--root` moves both, so an
 * image carries the records its uninstall needs), and only writable by whoever may change the system: `/var/lib/outfit`
 * on Linux and macOS (as dpkg keeps /var/lib/dpkg), `C:\\ProgramData\\outfit` on Windows.
 */
export function systemStateHome(sysroot: string, platform: string): string {
  return platform === 'win32' ? `${sysroot}/ProgramData/outfit` : `${sysroot}/var/lib/outfit`
}

/**
 * Opens the state of one scope root. With `create`, makes the state home and the key when missing (install,
 * uninstall, recover); without, returns null when no key exists yet, since then outfit has never written state here.
 */
export async function openScopeState(
  fs: Fs,
  stateHome: string,
  root: string,
  options: { create: boolean },
): Promise<ScopeState | null> {
  const key = await loadKey(fs, stateHome, options.create)
  if (!key) return null
  const { dir, id } = await scopeStateDir(fs, stateHome, root)
  return { dir, root, id, key }
}

/**
 * Where the state of a scope root lives, found without the key: `outfit forget` must reach the records of a scope
 * whose key is lost (they can then no longer be verified, only dropped).
 */
export async function scopeStateDir(
  fs: Fs,
  stateHome: string,
  root: string,
): Promise<{ dir: string; id: string }> {
  const real = await realpathOrSelf(fs, root)
  const id = createHash('sha256').update(real).digest('hex').slice(0, 32)
  return { dir: join(stateHome, 'scopes', id), id }
}

/** A short tag only this user's outfit can compute: marks outfit's blocks so that kit text cannot forge them. */
export function blockTag(state: ScopeState, id: string): string {
  return seal(state.key, ['block', id]).slice(0, 16)
}

/**
 * Makes a state folder with mode 0700 (and its missing parents), whatever the umask. A folder it creates is durable
 * when this returns (its name synced in its parent): records outfit relies on after a power loss live in them.
 */
export async function ensureStateDir(fs: Fs, dir: string): Promise<void> {
  const missing = await missingFolders(fs, dir)
  await fs.mkdir(dir, { recursive: true, mode: STATE_DIR_MODE })
  await fs.chmod(dir, STATE_DIR_MODE)
  for (const parent of new Set(missing.map((d) => dirname(d)))) await fs.syncDir(parent)
}

/** This user's state key (made with `create` when missing; null without it when there is none yet). */
export function stateKey(fs: Fs, stateHome: string, create: boolean): Promise<Uint8Array | null> {
  return loadKey(fs, stateHome, create)
}

// --- internal ---

async function loadKey(fs: Fs, stateHome: string, create: boolean): Promise<Uint8Array | null> {
  const path = join(stateHome, 'key')
  await checkStateHome(fs, stateHome, create)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const st = await fs.lstat(path)
      if (!st.isFile())
        throw new StateError(`${path} is not a regular file; outfit will not trust it as its state key`, {
          hint: `run \`rm -r '${path}'\`: outfit makes a new key; the records signed with the old one are then refused, and \`outfit forget --scope <scope>\` drops them (the files stay yours)`,
        })
      checkOwner(st, path)
      if (POSIX_MODES && (Number(st.mode) & 0o077) !== 0) {
        throw new StateError(
          `${path} can be read by other users, so anyone could forge outfit's state with it`,
          { hint: `run \`chmod 600 '${path}'\`` },
        )
      }
      const text = (await fs.readFile(path, 'utf8')).trim()
      if (!/^[0-9a-f]{64}$/.test(text))
        throw new StateError(`${path} is not an outfit state key`, {
          hint: `run \`rm -r '${path}'\`: outfit makes a new key; the records signed with the old one are then refused, and \`outfit forget --scope <scope>\` drops them (the files stay yours)`,
        })
      return Buffer.from(text, 'hex')
    } catch (error) {
      if (!isNotFound(error)) throw error
    }
    if (!create) return null
    try {
      await fs.writeFile(path, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: STATE_FILE_MODE })
      // Every record is sealed with it: a key lost to a power cut would make all of them unverifiable.
      await fs.fsync(path)
      await fs.syncDir(stateHome)
    } catch (error) {
      // Another outfit made it first: read theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
  }
  throw new StateError(`could not create the state key ${path}`)
}

/** The state home must be a real folder of this user that nobody else can write into. */
async function checkStateHome(fs: Fs, stateHome: string, create: boolean): Promise<void> {
  let st
  try {
    st = await fs.lstat(stateHome)
  } catch (error) {
    if (!isNotFound(error)) throw error
    if (!create) return
    await ensureStateDir(fs, stateHome)
    return
  }
  if (!st.isDirectory())
    throw new StateError(`outfit's state folder ${stateHome} is not a folder (a symlink or a file)`, {
      hint: `run \`mv '${stateHome}' '${stateHome}.old'\`: outfit makes a new one, and what it installed before counts as yours`,
    })
  checkOwner(st, stateHome)
  if (POSIX_MODES && (Number(st.mode) & 0o077) !== 0) {
    if (!create)
      throw new StateError(`outfit's state folder ${stateHome} can be entered by other users`, {
        hint: `run \`chmod 700 '${stateHome}'\``,
      })
    await fs.chmod(stateHome, STATE_DIR_MODE)
  }
}

function checkOwner(st: { uid: number | bigint }, path: string): void {
  const uid = process.getuid?.()
  // A file system that reports no owner (plan's in-memory overlay for files it holds) has nothing to check.
  if (uid !== undefined && Number.isInteger(Number(st.uid)) && Number(st.uid) !== uid) {
    throw new StateError(
      `${path} belongs to another user (uid ${Number(st.uid)}); outfit only trusts its own state`,
      {
        hint: `run \`mv '${path}' '${path}.not-mine'\` (outfit then makes its own; what it recorded there counts as yours), or run outfit as that user`,
      },
    )
  }
}

async function realpathOrSelf(fs: Fs, path: string): Promise<string> {
  try {
    return await fs.realpath(path)
  } catch {
    return path
  }
}

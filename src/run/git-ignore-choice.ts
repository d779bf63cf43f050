// Which gitignore mode a project uses when outfit.config.yaml does not say: the answer to the question asked on the
// first install into a git project from a terminal, remembered in the project's scope state (sealed, so a planted
// file cannot make outfit write a block nobody asked for). The config always wins: it is how a team decides for
// everyone; the remembered answer is one person's, on one machine. The question is about the repository: in a monorepo
// it is asked and remembered once, at the root, and every subproject's install and uninstall follow that answer (a
// subproject has no .git of its own, so it was never asked, and its files went unlisted whatever the root chose).
import { join } from 'node:path'
import { CancelledError } from '../errors.js'
import { isNotFound, type Fs } from '../fs/fs.js'
import { writeAtomic } from '../fs/files.js'
import { ensureStateDir, openScopeState, STATE_FILE_MODE, type ScopeState } from '../state/scope-state.js'
import { seal, verifySeal } from '../state/seal.js'
import type { GitIgnoreMode } from './git-ignore.js'

/** Asks which mode to use; null when the person cancels. */
export type GitIgnoreQuestion = () => Promise<GitIgnoreMode | null>

const MODES: readonly GitIgnoreMode[] = ['none', 'block', 'exclude']

/**
 * The mode of this run: the config's; else the remembered answer; else, on an install into a git project that has
 * nothing of outfit's yet, the answer to `ask` (remembered); else none (CI, no terminal, an earlier install).
 * `repository`: a monorepo subproject's root folder, whose state holds the answer for the whole repository.
 */
export async function gitIgnoreMode(
  fs: Fs,
  state: ScopeState,
  project: string,
  how: {
    configured?: GitIgnoreMode | undefined
    ask?: GitIgnoreQuestion | undefined
    signal?: AbortSignal
    repository?: { dir: string; stateHome: string } | undefined
  },
): Promise<GitIgnoreMode> {
  if (how.configured) return how.configured
  const repo =
    how.repository && how.repository.dir !== project
      ? {
          dir: how.repository.dir,
          state: (await openScopeState(fs, how.repository.stateHome, how.repository.dir, {
            create: true,
          })) as ScopeState,
        }
      : { dir: project, state }
  const remembered = await readChoice(fs, repo.state)
  if (remembered) return remembered
  if (
    !how.ask ||
    !(await isGitTree(fs, repo.dir)) ||
    (await hasManifests(fs, state)) ||
    (repo.state !== state && (await hasManifests(fs, repo.state)))
  )
    return 'none'
  const answer = await how.ask()
  if (how.signal?.aborted || answer === null)
    throw new CancelledError('no answer to the gitignore question; nothing was changed')
  await writeChoice(fs, repo.state, answer)
  return answer
}

// --- internal ---

function choicePath(state: ScopeState): string {
  return join(state.dir, 'gitignore-choice.json')
}

function parts(state: ScopeState, mode: string): string[] {
  return ['gitignore-choice', state.id, mode]
}

/** The remembered mode, or undefined when there is none or it does not verify (then it is asked again). */
async function readChoice(fs: Fs, state: ScopeState): Promise<GitIgnoreMode | undefined> {
  try {
    const { mode, mac } = JSON.parse(await fs.readFile(choicePath(state), 'utf8')) as {
      mode: unknown
      mac: unknown
    }
    const known = MODES.find((m) => m === mode)
    return known && verifySeal(state.key, parts(state, known), mac) ? known : undefined
  } catch {
    return undefined
  }
}

async function writeChoice(fs: Fs, state: ScopeState, mode: GitIgnoreMode): Promise<void> {
  await ensureStateDir(fs, state.dir)
  await writeAtomic(
    fs,
    choicePath(state),
    `${JSON.stringify({ mode, mac: seal(state.key, parts(state, mode)) })}\n`,
    STATE_FILE_MODE,
  )
}

async function isGitTree(fs: Fs, project: string): Promise<boolean> {
  return (await fs.lstat(join(project, '.git')).catch(() => undefined)) !== undefined
}

/** Whether outfit has installed anything in this project before (then the question is not sprung on a re-install). */
async function hasManifests(fs: Fs, state: ScopeState): Promise<boolean> {
  try {
    return ((await fs.readdir(join(state.dir, 'manifests'))) as string[]).some((n) => n.endsWith('.json'))
  } catch (error) {
    if (isNotFound(error)) return false
    throw error
  }
}

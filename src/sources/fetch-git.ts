// Git sources through @npmcli/git, npm's git layer (the one pacote is built on): ls-remote to resolve a tag or
// branch, a shallow clone where the host allows it, then a checkout of the exact commit. Works for any URL git
// understands (https, ssh, file) with the user's own git credentials.
import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { SourceError } from '../errors.js'
import type { SourceSpec } from './parse-source.js'
import type { Cooldown } from './release-age.js'

type GitSource = Extract<SourceSpec, { kind: 'git' }>

export interface Fetched {
  /** The kit folder (inside `workspace`). */
  dir: string
  /** What the lock records: the commit (git) or the exact version (npm); and where it came from. */
  resolved: { commit?: string; version?: string; url?: string }
  /** What the release-age cooldown skipped: the newest version or commit, and when it was published. */
  skipped?: { what: string; published: string }
}

/** Clones `ref` (a tag, branch or commit; default: the remote's HEAD) into `workspace`. */
export async function fetchGit(
  source: GitSource,
  ref: string | undefined,
  workspace: string,
  label: string,
  options: { signal?: AbortSignal } = {},
  /** update under minReleaseAge: the newest commit old enough, never back behind `previous` (the locked one). */
  move?: { cooldown: Cooldown; previous?: string },
): Promise<Fetched> {
  const target = join(workspace, 'repo')
  const urls = source.hosted
    ? [source.hosted.https, ...(source.hosted.ssh ? [source.hosted.ssh] : [])]
    : [source.url]
  // Loaded on first use: most runs fetch nothing (local kit, or locked and cached).
  const { default: git } = await import('@npmcli/git')
  let commit: string | undefined
  let failure: unknown
  for (const url of urls) {
    try {
      commit = await git.clone(url, ref, target, { fetchRetries: 1, noGitRevCache: true, ...options })
      break
    } catch (error) {
      options.signal?.throwIfAborted()
      failure = failure ?? error
      if ((error as Error).constructor.name === 'GitPathspecError') break
    }
  }
  if (commit === undefined) throw gitError(failure, source, ref, label)
  let skipped: Fetched['skipped']
  if (move) ({ commit, skipped } = await oldEnough(target, commit, move, label, options.signal))
  const dir = source.subdir ? join(target, source.subdir) : target
  if (source.subdir && !(await isDir(dir))) {
    throw new SourceError(
      `kit '${label}': there is no folder '${source.subdir}' in ${source.url} at ${ref ?? 'HEAD'} (${commit.slice(0, 12)})`,
      {
        hint: 'check the path after owner/repo (or ::path:) in the source',
      },
    )
  }
  return { dir, resolved: { commit }, ...(skipped ? { skipped } : {}) }
}

// --- internal ---

// node:child_process is loaded with the first git call: at start-up it would bring net, dgram and their bindings into
// every outfit command.
const run = async (
  file: string,
  args: string[],
  options: { cwd: string; signal?: AbortSignal },
): Promise<{ stdout: string; stderr: string }> =>
  promisify((await import('node:child_process')).execFile)(file, args, { ...options, encoding: 'utf8' })

/**
 * The newest commit on the first-parent history of `commit` made before the cooldown, checked out; the whole history
 * is fetched first when the clone was shallow. A commit locked before that is newer than the pick is kept.
 */
async function oldEnough(
  repo: string,
  commit: string,
  move: { cooldown: Cooldown; previous?: string },
  label: string,
  signal: AbortSignal | undefined,
): Promise<{ commit: string; skipped?: { what: string; published: string } }> {
  const git = async (...args: string[]) =>
    (await run('git', args, { cwd: repo, ...(signal ? { signal } : {}) })).stdout.trim()
  const date = async (rev: string) => new Date(Number(await git('show', '-s', '--format=%ct', rev)) * 1000)
  const when = await date(commit)
  if (when <= move.cooldown.notAfter || commit === move.previous) return { commit }
  const skipped = { what: commit, published: when.toISOString() }
  if ((await git('rev-parse', '--is-shallow-repository')) === 'true') await git('fetch', '-q', '--unshallow')
  const seconds = String(Math.floor(move.cooldown.notAfter.getTime() / 1000))
  let older = await git('rev-list', '-1', '--first-parent', `--before=${seconds}`, commit)
  if (!older)
    throw new SourceError(
      `kit '${label}': every commit up to ${commit.slice(0, 12)} is younger than minReleaseAge ${move.cooldown.text} (the newest was made ${skipped.published})`,
      { hint: `wait, or take it now with: outfit update ${label} --min-release-age 0` },
    )
  const previous = move.previous
  if (previous && (await git('cat-file', '-t', previous).catch(() => '')) === 'commit')
    if ((await date(previous)) > (await date(older))) older = previous
  await git('checkout', '-q', '--detach', older)
  return { commit: older, skipped }
}

function gitError(error: unknown, source: GitSource, ref: string | undefined, label: string): SourceError {
  const name = (error as Error | undefined)?.constructor.name
  const stderr = String((error as { stderr?: unknown } | undefined)?.stderr ?? '')
  const detail = stderr
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.startsWith('fatal:') || l.startsWith('error:') || l.startsWith('ERROR'))
  if (name === 'GitPathspecError' || /couldn't find remote ref|Remote branch .* not found/i.test(stderr)) {
    return new SourceError(`kit '${label}': ${source.url} has no tag, branch or commit '${ref ?? 'HEAD'}'`, {
      hint: 'list them with: git ls-remote ' + source.url,
      cause: error,
    })
  }
  const host = /Could not resolve host(?:name)? ([^\s:]+)/i.exec(stderr)?.[1]
  if (host) {
    return new SourceError(`kit '${label}': unknown host '${host}' in ${source.raw}`, {
      hint: 'check the address (and your network or VPN for a private host)',
      cause: error,
    })
  }
  if ((error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT' && !stderr) {
    return new SourceError(`kit '${label}': git is not installed (needed for ${source.raw})`, {
      hint: 'install git, or use an npm package or a tarball',
      cause: error,
    })
  }
  return new SourceError(
    `kit '${label}': could not fetch ${source.url}${detail ? `: ${detail.replace(/^(fatal|error|ERROR):\s*/, '')}` : ''}`,
    {
      hint: 'check the address, your network, and that you can reach it with: git ls-remote ' + source.url,
      cause: error,
    },
  )
}

async function isDir(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory()
  } catch {
    return false
  }
}

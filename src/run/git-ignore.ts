// Keeps the files outfit wrote in a project out of git, when the config asks (`gitignore: block | exclude`): one
// marked block, in `.gitignore` or `.git/info/exclude`, listing exactly the files the project's manifests say outfit
// created — its own and shared ones it made from nothing — never outfit's state (it lives outside the project), never
// a file that was there before outfit (an AGENTS.md or .mcp.json the user had: its history belongs in git). Derived state: every install,
// update and uninstall recomputes the block from the manifests, so it cannot drift; when no file is left the block
// goes, and a file outfit created for it goes too unless the user has written in it since.
import { dirname, isAbsolute, join, relative, sep } from 'node:path'
import { UsageError } from '../errors.js'
import { isNotFound, type Fs } from '../fs/fs.js'
import { writeAtomic } from '../fs/files.js'
import { findBlock, removeBlock, upsertBlock, type BlockRef } from '../formats/marked-block.js'
import { blockTag, ensureStateDir, type ScopeState } from '../state/scope-state.js'
import { readOtherManifests } from '../state/manifest-file.js'
import { seal, verifySeal } from '../state/seal.js'

export type GitIgnoreMode = 'none' | 'block' | 'exclude'

/** Where the block of a mode lives, or undefined when the project is not a git working tree (nothing to ignore in). */
export async function ignoreFile(
  fs: Fs,
  project: string,
  mode: Exclude<GitIgnoreMode, 'none'>,
): Promise<string | undefined> {
  if (mode === 'block') return join(project, '.gitignore')
  const dotGit = join(project, '.git')
  const stat = await fs.lstat(dotGit).catch(() => undefined)
  if (!stat) return undefined
  if (stat.isDirectory()) return join(dotGit, 'info', 'exclude')
  // A worktree or submodule: `.git` is a file naming the git folder; a worktree's excludes are its common folder's.
  const gitdir = /^gitdir: (.+)$/m.exec(await fs.readFile(dotGit, 'utf8'))?.[1]?.trim()
  if (!gitdir) return undefined
  const dir = isAbsolute(gitdir) ? gitdir : join(project, gitdir)
  const common = await fs.readFile(join(dir, 'commondir'), 'utf8').catch(() => undefined)
  const base =
    common === undefined ? dir : isAbsolute(common.trim()) ? common.trim() : join(dir, common.trim())
  return join(base, 'info', 'exclude')
}

/**
 * Before anything changes: the file the block goes into must be a regular file (or absent) that outfit may write.
 * A symlinked `.gitignore` could point anywhere; refusing it first leaves the whole run undone rather than half done.
 */
export async function checkIgnoreFile(fs: Fs, path: string): Promise<void> {
  const stat = await fs.lstat(path).catch((error: unknown) => {
    if (isNotFound(error)) return undefined
    throw error
  })
  if (stat && !stat.isFile())
    throw new UsageError(
      `${path} is ${stat.isSymbolicLink() ? 'a symbolic link' : 'not a regular file'}; outfit keeps its ignore block only in a regular file`,
      {
        hint: 'replace it with a regular file, or set gitignore: none in outfit.config.yaml (nothing was changed)',
      },
    )
}

/** The gitignore pattern that matches exactly this path (anchored at the project, special characters escaped). */
export function ignorePattern(path: string): string {
  const escaped = path
    .split(sep)
    .join('/')
    .replace(/[\\*?[\]]/g, '\\$&')
    .replace(/ +$/, (spaces) => spaces.replace(/ /g, '\\ '))
  return `/${escaped}`
}

/** The files outfit created in the project, by every manifest of the project's scope state (sorted, relative). */
export async function createdFiles(fs: Fs, state: ScopeState, project: string): Promise<string[]> {
  const out = new Set<string>()
  for (const manifest of await readOtherManifests(fs, state, '', '')) {
    for (const step of manifest.steps)
      for (const change of step.changes) {
        // A file outfit made from nothing: its own, or a shared one (.mcp.json, AGENTS.md) that did not exist before.
        const created =
          ((change.kind === 'file' || change.kind === 'edit') &&
            change.after !== null &&
            (change.origin === undefined ? change.before : change.origin) === null) ||
          (change.kind === 'link' && change.before === null && !change.existed)
        if (!created) continue
        const path = isAbsolute(change.path) ? change.path : join(state.root, change.path)
        const rel = relative(project, path)
        if (rel && !rel.startsWith('..') && !isAbsolute(rel)) out.add(rel)
      }
  }
  return [...out].sort()
}

/** What outfit remembers of its block: which file, the newlines it added before it, and whether it created the file. */
interface IgnoreRecord {
  file: string
  prefix: string
  created: boolean
}

/**
 * Brings the ignore block in line with the manifests: written (or rewritten) where `mode` says, removed from where an
 * earlier mode put it. Returns a line for the person when something changed, or undefined.
 */
export async function syncIgnore(
  fs: Fs,
  state: ScopeState,
  project: string,
  mode: GitIgnoreMode,
): Promise<string | undefined> {
  const record = await readRecord(fs, state)
  const target = mode === 'none' ? undefined : await ignoreFile(fs, project, mode)
  const files = target ? await createdFiles(fs, state, project) : []
  const ref: BlockRef = { id: 'gitignore', tag: blockTag(state, 'gitignore'), style: 'hash' }
  let said: string | undefined
  // A block in another file (the mode changed, or nothing is left to ignore) is removed exactly.
  if (record && (record.file !== target || files.length === 0)) {
    await removeFrom(fs, record, ref)
    await writeRecord(fs, state, undefined)
    said = `removed outfit's block from ${relative(project, record.file) || record.file}`
  }
  if (!target || files.length === 0) return said
  await checkIgnoreFile(fs, target)
  const text = await fs.readFile(target, 'utf8').catch((error: unknown) => {
    if (isNotFound(error)) return undefined
    throw error
  })
  const content = [
    '# The files outfit installed here (gitignore: in outfit.config.yaml); outfit keeps this list in step.',
    ...files.map(ignorePattern),
  ].join('\n')
  const kept = record?.file === target ? record : undefined
  if (text !== undefined && findBlock(text, ref)?.content === content) return said
  const next = upsertBlock(text ?? '', ref, content, kept?.prefix)
  await fs.mkdir(dirname(target), { recursive: true })
  await writeAtomic(fs, target, next.text)
  await writeRecord(fs, state, {
    file: target,
    prefix: next.value.prefix,
    created: kept ? kept.created : text === undefined,
  })
  return `${files.length} file${files.length === 1 ? '' : 's'} outfit installed listed in ${relative(project, target)}`
}

// --- internal ---

async function removeFrom(fs: Fs, record: IgnoreRecord, ref: BlockRef): Promise<void> {
  const text = await fs.readFile(record.file, 'utf8').catch(() => undefined)
  if (text === undefined) return
  const rest = removeBlock(text, ref, record.prefix)
  if (rest === null) return
  if (rest === '' && record.created) await fs.unlink(record.file)
  else await writeAtomic(fs, record.file, rest)
}

function recordPath(state: ScopeState): string {
  return join(state.dir, 'gitignore.json')
}

function recordParts(state: ScopeState, body: string): string[] {
  return ['gitignore', state.id, body]
}

/** The sealed record, or undefined when there is none or it cannot be verified (then no block is removed by it). */
async function readRecord(fs: Fs, state: ScopeState): Promise<IgnoreRecord | undefined> {
  try {
    const { mac, ...body } = JSON.parse(await fs.readFile(recordPath(state), 'utf8')) as IgnoreRecord & {
      mac: unknown
    }
    const valid =
      typeof body.file === 'string' &&
      typeof body.prefix === 'string' &&
      /^\n*$/.test(body.prefix) &&
      typeof body.created === 'boolean' &&
      verifySeal(state.key, recordParts(state, JSON.stringify(body)), mac)
    return valid ? { file: body.file, prefix: body.prefix, created: body.created } : undefined
  } catch {
    return undefined
  }
}

async function writeRecord(fs: Fs, state: ScopeState, record: IgnoreRecord | undefined): Promise<void> {
  if (!record) {
    await fs.unlink(recordPath(state)).catch((error: unknown) => {
      if (!isNotFound(error)) throw error
    })
    return
  }
  const body = JSON.stringify(record)
  await ensureStateDir(fs, state.dir)
  await writeAtomic(
    fs,
    recordPath(state),
    `${JSON.stringify({ ...record, mac: seal(state.key, recordParts(state, body)) })}\n`,
    0o600,
  )
}

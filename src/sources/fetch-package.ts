// npm packages and tarballs through pacote, npm's own fetcher: registry ranges and dist-tags, private registries
// and their tokens (the user's .npmrc), local and remote tarballs, integrity checks, and its download cache.
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type * as PacoteModule from 'pacote'
import { SourceError } from '../errors.js'
import type { Fetched } from './fetch-git.js'
import type { SourceSpec } from './parse-source.js'
import type { Cooldown } from './release-age.js'

type Pacote = typeof PacoteModule
type PackageSource = Extract<SourceSpec, { kind: 'npm' | 'tarball' }>

/** `version` pins an npm package to the locked version; tarballs are fetched from where they are. */
export async function fetchPackage(
  source: PackageSource,
  version: string | undefined,
  workspace: string,
  options: Record<string, unknown>,
  label: string,
): Promise<Fetched> {
  const spec = source.kind === 'npm' ? `${source.name}@${version ?? source.range}` : source.location
  const dir = join(workspace, 'package')
  let result: { resolved: string }
  try {
    if (source.kind === 'tarball' && !/^https?:/i.test(spec)) {
      await checkEntries(spec, label)
      result = await extractFile(spec, dir)
    } else {
      // Loaded on first use: most runs fetch nothing (local kit, or locked and cached).
      const pacote = await loadPacote()
      // Downloaded (and checked by pacote against the registry's integrity), then looked at entry by entry before
      // anything is unpacked. Kits are data: no install script ever runs.
      const data = await pacote.tarball(spec, { ...options, ignoreScripts: true })
      const file = join(workspace, 'download.tgz')
      await writeFile(file, data)
      await checkEntries(file, label)
      await extractFile(file, dir)
      result = { resolved: data.resolved }
    }
  } catch (error) {
    if (error instanceof SourceError) throw error
    throw packageError(error, source, spec, options, label)
  }
  const exact = source.kind === 'npm' ? await packageVersion(dir) : undefined
  return { dir, resolved: { ...(exact ? { version: exact } : {}), url: result.resolved } }
}

/**
 * The newest version of an npm kit's range published before the cooldown (pacote's `before`, as `npm install
 * --before` picks), and what it skipped. Never back: a version locked before (without the cooldown) that is newer
 * than that pick is kept.
 */
export async function pickOldEnough(
  source: Extract<SourceSpec, { kind: 'npm' }>,
  options: Record<string, unknown>,
  cool: Cooldown,
  label: string,
  previous: string | undefined,
): Promise<{ version: string; skipped?: { what: string; published: string } }> {
  const pacote = await loadPacote()
  const spec = `${source.name}@${source.range}`
  const opts = { ...options, fullMetadata: true, packumentCache: new Map() }
  const pick = async (before?: Date) => {
    try {
      return (await pacote.manifest(spec, before ? { ...opts, before } : opts)) as unknown as Picked
    } catch (error) {
      if (before && ['ETARGET', 'ENOVERSIONS'].includes((error as NodeJS.ErrnoException).code ?? ''))
        return undefined
      throw packageError(error, source, spec, options, label)
    }
  }
  const newest = await pick()
  if (!newest) throw new SourceError(`kit '${label}': no version of ${source.name} matches '${source.range}'`)
  if (!newest._time || new Date(newest._time) <= cool.notAfter || newest.version === previous)
    return { version: newest.version }
  const skipped = { what: newest.version, published: new Date(newest._time).toISOString() }
  const older = await pick(cool.notAfter)
  if (!older)
    throw new SourceError(
      `kit '${label}': every version of ${source.name} matching '${source.range}' is younger than minReleaseAge ${cool.text} (the newest, ${newest.version}, was published ${skipped.published})`,
      { hint: `wait, or take it now with: outfit update ${label} --min-release-age 0` },
    )
  if (previous !== undefined) {
    const packument = (await pacote.packument(source.name, opts)) as unknown as {
      time?: Record<string, string>
    }
    const then = packument.time?.[previous]
    if (then && older._time && new Date(then) > new Date(older._time)) return { version: previous, skipped }
  }
  return { version: older.version, skipped }
}

// --- internal ---

interface Picked {
  version: string
  /** The publish time, from the full packument. */
  _time?: string
}

/** pacote is CommonJS; its functions live on the default export at run time (its types describe the namespace). */
async function loadPacote(): Promise<Pacote> {
  const module = (await import('pacote')) as Pacote & { default?: Pacote }
  return module.default ?? module
}

/**
 * A tarball on disk. pacote insists on a package.json inside local tarballs, and a kit needs none, so these are
 * unpacked with node-tar (pacote's own unpacker) the way npm does: the one top-level folder (package/) is dropped.
 */
async function extractFile(file: string, dir: string): Promise<{ resolved: string }> {
  await stat(file)
  await mkdir(dir, { recursive: true })
  const { extract } = await import('tar')
  await extract({ file, cwd: dir, strip: 1, strict: true, preservePaths: false })
  return { resolved: file }
}

/**
 * A kit tarball holds files and folders under one top-level folder. Entries that climb out (`../`), absolute paths,
 * links (a hard link to ~/.ssh/id_rsa, a symlink out) and devices are refused by name before anything is unpacked:
 * node-tar would skip or trip over them halfway, and the user would see an internal error instead of the reason.
 */
async function checkEntries(file: string, label: string): Promise<void> {
  const { list } = await import('tar')
  const bad: string[] = []
  await list({
    file,
    onReadEntry: (entry) => {
      const path = entry.path.replace(/\\/g, '/')
      const parts = path.split('/')
      if (path.startsWith('/') || /^[A-Za-z]:/.test(path) || parts.includes('..'))
        bad.push(`${path} (outside the package)`)
      else if (entry.type === 'Link' || entry.type === 'SymbolicLink')
        bad.push(`${path} (a ${entry.type === 'Link' ? 'hard link' : 'symlink'} to ${entry.linkpath ?? '?'})`)
      else if (!['File', 'OldFile', 'ContiguousFile', 'Directory'].includes(entry.type))
        bad.push(`${path} (${entry.type})`)
      entry.resume()
    },
  })
  if (bad.length > 0)
    throw new SourceError(
      `kit '${label}': the tarball ${file} holds entries outfit does not unpack: ${bad.slice(0, 3).join(', ')}${bad.length > 3 ? ` and ${bad.length - 3} more` : ''}`,
      {
        hint: 'a kit tarball holds only files and folders inside its one top-level folder; nothing was unpacked',
      },
    )
}

async function packageVersion(dir: string): Promise<string | undefined> {
  try {
    return (JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { version?: string }).version
  } catch {
    return undefined
  }
}

function packageError(
  error: unknown,
  source: PackageSource,
  spec: string,
  options: Record<string, unknown>,
  label: string,
): SourceError {
  const code = (error as NodeJS.ErrnoException).code ?? ''
  const message = (error as Error).message.split('\n')[0] ?? ''
  const registry = String(options.registry ?? 'https://registry.npmjs.org/')
  const cause = { cause: error }
  const what = `kit '${label}'`
  switch (code) {
    case 'E404':
      return new SourceError(
        `${what}: ${source.kind === 'npm' ? `package ${source.name} not found on ${registry}` : `${spec} not found (404)`}`,
        { hint: 'check the name; for a private registry set it (and its token) in .npmrc', ...cause },
      )
    case 'ETARGET':
      return new SourceError(
        `${what}: no version of ${source.kind === 'npm' ? source.name : spec} matches '${source.kind === 'npm' ? source.range : ''}'`,
        {
          hint: `see the versions with: npm view ${source.kind === 'npm' ? source.name : spec} versions`,
          ...cause,
        },
      )
    case 'E401':
    case 'E403':
      return new SourceError(`${what}: ${registry} refused access to ${spec} (${code.slice(1)})`, {
        hint: 'log in with npm login, or set a token for this registry in .npmrc',
        ...cause,
      })
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new SourceError(`${what}: unknown host while fetching ${spec} (${message})`, {
        hint: 'check the registry or URL, and your network',
        ...cause,
      })
    case 'ECONNREFUSED':
    case 'ECONNRESET':
    case 'ETIMEDOUT':
    case 'EPIPE':
      return new SourceError(`${what}: the network failed while fetching ${spec} (${code})`, {
        hint: 'nothing was installed; try again when the registry is reachable',
        ...cause,
      })
    case 'EINTEGRITY':
      return new SourceError(`${what}: ${spec} does not match its published integrity`, {
        hint: 'the download was corrupted or tampered with; nothing was installed',
        ...cause,
      })
    case 'ENOENT':
      return new SourceError(`${what}: ${spec} not found`, cause)
    default:
      if (
        code.startsWith('TAR_') ||
        /zlib|unexpected end|premature close|terminated|aborted/i.test(`${code} ${message}`)
      ) {
        return new SourceError(`${what}: ${spec} arrived incomplete or is not a tarball (${message})`, {
          hint: 'nothing was installed; try again',
          ...cause,
        })
      }
      return new SourceError(`${what}: could not fetch ${spec}: ${message}`, cause)
  }
}

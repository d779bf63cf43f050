// A kit source as people write it (`--kit`, `kit:` or `kits:` in the config) → what to fetch. Pure: no I/O.
//
//   ./ai/kit, /abs/kit                       a folder on disk (today's behaviour)
//   github:acme/ai-kits/kits/backend#v2      a hosted repository (github:, gitlab:, bitbucket:), optional sub-folder,
//   github:acme/ai-kits@v2                   ref after # or @ (tag, branch or commit)
//   git+file:///srv/kits.git#v2::path:kits/backend   any git URL (git+file, git+ssh, git+https, git://), npm's
//                                            `#ref::path:sub/folder` syntax for a ref and a sub-folder
//   npm:@acme/kit@^1                         an npm package (range, tag or version)
//   ./kit.tgz, https://host/kit.tgz          a tarball (path or URL)
import { isAbsolute, posix, resolve } from 'node:path'
import { UsageError } from '../errors.js'

export type SourceSpec =
  | { kind: 'local'; raw: string; dir: string }
  | {
      kind: 'git'
      raw: string
      id: string
      url: string
      hosted?: { https: string; ssh?: string }
      ref?: string
      subdir?: string
    }
  | { kind: 'npm'; raw: string; id: string; name: string; range: string }
  | { kind: 'tarball'; raw: string; id: string; location: string }

const HOSTS: Record<string, string> = {
  github: 'github.com',
  gitlab: 'gitlab.com',
  bitbucket: 'bitbucket.org',
}
const GIT_URL = /^(git\+[a-z]+:|git:\/\/|ssh:\/\/|[\w.-]+@[\w.-]+:)/i
const TARBALL = /\.(tgz|tar\.gz|tar)$/i

/** `baseDir` resolves relative folders and tarball paths (the config file's folder, or the current directory). */
export function parseSource(raw: string, baseDir: string): SourceSpec {
  const text = raw.trim()
  if (text === '') throw new UsageError('a kit source is empty')
  const hosted = /^(github|gitlab|bitbucket):(.*)$/.exec(text)
  if (hosted) return parseHosted(text, hosted[1] as string, hosted[2] as string)
  if (text.startsWith('npm:')) return parseNpm(text)
  if (GIT_URL.test(text) || (/^https?:\/\//i.test(text) && /\.git(#|$)/.test(text))) return parseGitUrl(text)
  if (/^https?:\/\//i.test(text)) {
    if (!TARBALL.test(text))
      throw new UsageError(
        `kit source '${raw}' is a web address but not a tarball (.tgz) or a git repository (.git)`,
        { hint: 'for a repository use git+https://…/repo.git or github:owner/repo' },
      )
    return { kind: 'tarball', raw, id: text, location: text }
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(text) && !isAbsolute(text) && !/^[a-z]:[\\/]/i.test(text)) {
    throw new UsageError(`kit source '${raw}' has an unknown kind '${text.split(':')[0]}:'`, {
      hint: 'use a folder, github:owner/repo, gitlab:owner/repo, git+https://…, git+ssh://…, git+file://…, npm:package or a .tgz',
    })
  }
  const path = resolve(baseDir, text)
  if (TARBALL.test(text)) return { kind: 'tarball', raw, id: path, location: path }
  return { kind: 'local', raw, dir: path }
}

/** The part of a source that trust is given to: the repository or package, without the ref or version. */
export function sourceId(spec: SourceSpec): string {
  return spec.kind === 'local' ? spec.dir : spec.id
}

// --- internal ---

function parseHosted(raw: string, host: string, rest: string): SourceSpec {
  let path = rest
  let ref: string | undefined
  let subdir: string | undefined
  const hash = path.indexOf('#')
  if (hash >= 0) {
    ;({ ref, subdir } = splitCommittish(path.slice(hash + 1), raw))
    path = path.slice(0, hash)
  } else {
    const at = /@([^/@]+)$/.exec(path)
    if (at) {
      ref = checkRef(at[1] as string, raw)
      path = path.slice(0, at.index)
    }
  }
  const parts = path.replace(/\/+$/, '').split('/')
  const [owner, repo, ...sub] = parts
  if (!owner || !repo || !/^[\w.-]+$/.test(owner) || !/^[\w.-]+$/.test(repo)) {
    throw new UsageError(`kit source '${raw}' needs ${host}:owner/repo`, {
      hint: `e.g. ${host}:acme/ai-kits/kits/backend#v2`,
    })
  }
  if (sub.length > 0) subdir = cleanSubdir(sub.join('/'), raw)
  const name = repo.replace(/\.git$/, '')
  const domain = HOSTS[host] as string
  return {
    kind: 'git',
    raw,
    id: `${host}:${owner}/${name}`,
    url: `https://${domain}/${owner}/${name}.git`,
    hosted: { https: `https://${domain}/${owner}/${name}.git`, ssh: `git@${domain}:${owner}/${name}.git` },
    ...(ref ? { ref } : {}),
    ...(subdir ? { subdir } : {}),
  }
}

function parseGitUrl(raw: string): SourceSpec {
  refuseCredentials(raw)
  const hash = raw.indexOf('#')
  const base = hash >= 0 ? raw.slice(0, hash) : raw
  const { ref, subdir } = hash >= 0 ? splitCommittish(raw.slice(hash + 1), raw) : {}
  // git+file:///x → file:///x, git+ssh://… → ssh://…; scp-like git@host:path stays as it is.
  const url = base.replace(/^git\+/i, '')
  if (/^file:/i.test(url) && !/^file:\/\//i.test(url))
    throw new UsageError(`kit source '${raw}': a file URL needs three slashes: git+file:///path/to/repo.git`)
  return { kind: 'git', raw, id: base, url, ...(ref ? { ref } : {}), ...(subdir ? { subdir } : {}) }
}

function parseNpm(raw: string): SourceSpec {
  const rest = raw.slice('npm:'.length)
  const match = /^((?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*)(?:@(.+))?$/i.exec(rest)
  if (!match)
    throw new UsageError(`kit source '${raw}' is not an npm package name`, {
      hint: 'e.g. npm:@acme/kit@^1 or npm:my-kit',
    })
  const name = match[1] as string
  return { kind: 'npm', raw, id: `npm:${name}`, name, range: match[2] ?? 'latest' }
}

/**
 * A ref reaches `git` as an argument: one that begins with '-' would be read as an option (`#-q` silently checked out
 * the default branch), and git itself refuses refs with control characters, spaces, `..`, `@{` or `~^:?*[\\`.
 */
function checkRef(ref: string, raw: string): string {
  // eslint-disable-next-line no-control-regex
  if (ref.startsWith('-') || /[\x00-\x20\x7f~^:?*[\\]|\.\.|@\{|\/\/|\.lock$|^\/|\/$/.test(ref)) {
    throw new UsageError(`kit source '${redact(raw)}': '${ref}' is not a git ref outfit will pass to git`, {
      hint: "name a branch, tag or commit (they cannot begin with '-' or hold spaces, '..', '~', '^', ':' or '@{')",
    })
  }
  return ref
}

/**
 * Credentials in a source end up in outfit.lock (committed), in the output and in the cache's .git/config. Such a
 * source is refused, and the message shows it with the secret masked.
 */
function refuseCredentials(raw: string): void {
  const m = /^(?:git\+)?([a-z][a-z0-9+.-]*):\/\/([^/@#]*)@/i.exec(raw)
  if (!m) return
  const scheme = (m[1] as string).toLowerCase()
  const userinfo = m[2] as string
  // ssh://git@host/… names an account, not a secret; a password or any user on http(s) is a credential.
  if ((scheme === 'ssh' || scheme === 'git') && !userinfo.includes(':')) return
  throw new UsageError(`kit source '${redact(raw)}' carries credentials in its URL`, {
    hint: 'remove them from the URL and let git supply them: a credential helper (git config credential.helper), an SSH key, or GIT_ASKPASS; outfit never writes credentials into outfit.lock, its output or its cache',
  })
}

/** The source with any user:password (or token) part of its URL masked, for messages. */
export function redact(raw: string): string {
  return raw.replace(
    /^((?:git\+)?[a-z][a-z0-9+.-]*:\/\/)([^/@#]*)@/i,
    (_m, scheme: string, userinfo: string) => {
      const user = userinfo.split(':')[0] ?? ''
      return /^(git|ssh)/i.test(scheme) && !userinfo.includes(':') ? `${scheme}${user}@` : `${scheme}***@`
    },
  )
}

/** npm's committish syntax: `ref`, `ref::path:sub/dir`, `path:sub/dir`. */
function splitCommittish(text: string, raw: string): { ref?: string; subdir?: string } {
  let ref: string | undefined
  let subdir: string | undefined
  for (const part of text.split('::')) {
    if (part.startsWith('path:')) subdir = cleanSubdir(part.slice('path:'.length), raw)
    else if (part !== '') ref = checkRef(part, raw)
  }
  return { ...(ref ? { ref } : {}), ...(subdir ? { subdir } : {}) }
}

function cleanSubdir(dir: string, raw: string): string | undefined {
  const clean = posix.normalize(dir.replace(/^\/+/, '')).replace(/\/+$/, '')
  if (clean === '.' || clean === '') return undefined
  if (clean.startsWith('..'))
    throw new UsageError(`kit source '${raw}': the sub-folder must stay inside the repository`)
  return clean
}

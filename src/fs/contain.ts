// Nothing a kit or target names may land outside the scope root: no `..`, no absolute escape, no symlink that leads out.
import { isAbsolute, normalize, relative, resolve, dirname, sep } from 'node:path'
import { isNotFound, type Fs } from './fs.js'

export class ContainmentError extends Error {}

export function isInside(root: string, path: string): boolean {
  // Absolute, normalized POSIX paths (what resolve() returns): a string prefix answers it without two resolve() calls
  // inside relative(); it is called for every path of every manifest. Anything else takes relative() as before.
  if (sep === '/' && isPlainAbsolute(root) && isPlainAbsolute(path))
    return path === root || root === '/' || path.startsWith(`${root}/`)
  return isInsideByRelative(root, path)
}

/** The general answer (exported for the test that checks the shortcut against it). */
export function isInsideByRelative(root: string, path: string): boolean {
  const rel = relative(root, path)
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel))
}

/**
 * The absolute path a relative path read from state names below `root` — only if it is relative, has no `..` segment
 * and lands strictly inside `root`; otherwise undefined. Every path of every manifest goes through this.
 */
export function resolveBelow(root: string, path: string): string | undefined {
  // Plain POSIX paths on both sides (what outfit writes): joining answers it without resolve() and normalize().
  if (sep === '/' && isPlainAbsolute(root) && isPlainRelative(path))
    return root === '/' ? `/${path}` : `${root}/${path}`
  return resolveBelowByPath(root, path)
}

/** The general answer (exported for the test that checks the shortcut against it). */
export function resolveBelowByPath(root: string, path: string): string | undefined {
  const full = resolve(root, path)
  const bad =
    isAbsolute(path) || normalize(path).split(sep).includes('..') || !isInside(root, full) || full === root
  return bad ? undefined : full
}

function isPlainRelative(path: string): boolean {
  return (
    path !== '' &&
    !path.startsWith('/') &&
    !path.endsWith('/') &&
    !path.includes('//') &&
    !RELATIVE_BREAKERS.test(path)
  )
}
const RELATIVE_BREAKERS = /(^|\/)\.\.?(\/|$)/

/** Absolute, without `//`, `.` or `..` segments, and no trailing `/` (except the root `/` itself). */
function isPlainAbsolute(path: string): boolean {
  return (
    path.startsWith('/') &&
    (path === '/' || (!path.endsWith('/') && !path.includes('//') && !PLAIN_BREAKERS.test(path)))
  )
}
const PLAIN_BREAKERS = /\/\.\.?(\/|$)/

/** Resolves `path` against `base` and checks it stays lexically inside `root`. */
export function containPath(root: string, base: string, path: string): string {
  const full = resolve(base, path)
  if (!isInside(root, full)) {
    throw new ContainmentError(
      `${path} resolves to ${full}, outside the scope root ${root}; refusing to write there`,
    )
  }
  return full
}

/** Directories already checked in this run, per scope root: later files below them skip the walk. */
export interface ContainCache {
  realRoot?: string
  safe: Set<string>
}

/**
 * Checks that no existing ancestor of `path` below `root` is a symlink that leads outside `root`. With a cache, each
 * directory is checked once per run instead of once per file below it (thousands of lstat calls on a large kit).
 */
export async function assertNoSymlinkEscape(
  fs: Fs,
  root: string,
  path: string,
  cache: ContainCache = { safe: new Set() },
): Promise<void> {
  cache.realRoot ??= await realpathOrSelf(fs, root)
  const checked: string[] = []
  let current = dirname(path)
  while (isInside(root, current) && current !== root && !cache.safe.has(current)) {
    try {
      const st = await fs.lstat(current)
      if (st.isSymbolicLink()) {
        const real = await fs.realpath(current)
        if (!isInside(cache.realRoot, real)) {
          throw new ContainmentError(
            `${current} is a symlink to ${real}, outside the scope root ${root}; refusing to write through it`,
          )
        }
      }
      checked.push(current)
    } catch (error) {
      if (!isNotFound(error)) throw error
    }
    current = dirname(current)
  }
  // Only once the whole chain up to the root (or a checked directory) is known to be safe.
  for (const dir of checked) cache.safe.add(dir)
}

async function realpathOrSelf(fs: Fs, path: string): Promise<string> {
  try {
    return await fs.realpath(path)
  } catch {
    return path
  }
}

// Nothing a kit or target names may land outside the scope root: no `..`, no absolute escape, no symlink that leads out.
import { isAbsolute, relative, resolve, dirname, sep } from 'node:path'
import { isNotFound, type Fs } from './fs.js'

export class ContainmentError extends Error {}

export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path)
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel))
}

/** Resolves `path` against `base` and checks it stays lexically inside `root`. */
export function containPath(root: string, base: string, path: string): string {
  const full = resolve(base, path)
  if (!isInside(root, full)) {
    throw new ContainmentError(`${path} resolves to ${full}, outside the scope root ${root}; refusing to write there`)
  }
  return full
}

/** Checks that no existing ancestor of `path` below `root` is a symlink that leads outside `root`. */
export async function assertNoSymlinkEscape(fs: Fs, root: string, path: string): Promise<void> {
  const realRoot = await realpathOrSelf(fs, root)
  let current = dirname(path)
  while (isInside(root, current) && current !== root) {
    try {
      const st = await fs.lstat(current)
      if (st.isSymbolicLink()) {
        const real = await fs.realpath(current)
        if (!isInside(realRoot, real)) {
          throw new ContainmentError(`${current} is a symlink to ${real}, outside the scope root ${root}; refusing to write through it`)
        }
      }
    } catch (error) {
      if (!isNotFound(error)) throw error
    }
    current = dirname(current)
  }
}

async function realpathOrSelf(fs: Fs, path: string): Promise<string> {
  try {
    return await fs.realpath(path)
  } catch {
    return path
  }
}

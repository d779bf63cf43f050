// A last line of defence under every run: an Fs that refuses any change outside the given areas (the scope root and
// outfit's state folder for it), or through a symlinked folder that leads out of them. Paths come from targets, kits
// and, above all, from state read back from disk; whatever code path names them, nothing outside is written or deleted.
import { assertNoSymlinkEscape, ContainmentError, isInside, type ContainCache } from './contain.js'
import { constants } from 'node:fs'
import type { Fs } from './fs.js'

/** Folders already checked, per area; share one between confined views of the same run. */
export type ConfineCaches = Map<string, ContainCache>

export function confineFs(inner: Fs, areas: readonly string[], caches: ConfineCaches = new Map()): Fs {
  for (const area of areas) if (!caches.has(area)) caches.set(area, { safe: new Set() })
  const check = async (path: unknown): Promise<void> => {
    if (typeof path !== 'string') throw new ContainmentError('outfit only changes files named by path')
    // The innermost area that holds the path (a state folder inside the home is checked against itself).
    const area = areas.filter((a) => isInside(a, path)).sort((a, b) => b.length - a.length)[0]
    if (area === undefined)
      throw new ContainmentError(`refusing to change ${path}: it is outside ${areas.join(' and ')}`)
    await assertNoSymlinkEscape(inner, area, path, caches.get(area))
  }
  return {
    ...inner,
    // Only the paths this view would let change are passed on (nothing outside is read into a journal); the others
    // are refused when their change comes, as before.
    async willChange(paths) {
      const allowed: string[] = []
      for (const path of paths) {
        try {
          await check(path)
          allowed.push(path)
        } catch {
          // refused when its change comes
        }
      }
      await inner.willChange?.(allowed)
    },
    async writeFile(...args: Parameters<Fs['writeFile']>) {
      await check(args[0])
      return inner.writeFile(...args)
    },
    async rename(from, to) {
      await check(from)
      await check(to)
      return inner.rename(from, to)
    },
    async unlink(path) {
      await check(path)
      return inner.unlink(path)
    },
    async mkdir(...args: Parameters<Fs['mkdir']>) {
      await check(args[0])
      return inner.mkdir(...args)
    },
    async rmdir(...args: Parameters<Fs['rmdir']>) {
      await check(args[0])
      return inner.rmdir(...args)
    },
    async symlink(target, path, type) {
      await check(path)
      return inner.symlink(target, path, type)
    },
    async chmod(path, mode) {
      await check(path)
      return inner.chmod(path, mode)
    },
    async open(...args: Parameters<Fs['open']>) {
      if (!readOnly(args[1])) await check(args[0])
      return inner.open(...args)
    },
  } as Fs
}

// --- internal ---

/** Whether open flags only read: 'r', or numeric O_RDONLY without creating, truncating or appending (O_NONBLOCK is fine). */
function readOnly(flags: unknown): boolean {
  if (flags === undefined || flags === 'r') return true
  if (typeof flags !== 'number') return false
  const { O_RDONLY, O_CREAT, O_TRUNC, O_APPEND } = constants
  const O_ACCMODE = 3 // not exported by node:fs; the access-mode bits are the same on every POSIX system
  return (flags & O_ACCMODE) === O_RDONLY && (flags & (O_CREAT | O_TRUNC | O_APPEND)) === 0
}

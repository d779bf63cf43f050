// An Fs that journals the prior state of every path before its first change (see journal.ts). Paths no journal
// covers (outside every scope root and state folder), and outfit's own journal files, pass straight through.
// A temporary file of an atomic write is not journaled itself: the file it will replace is, before the temporary one
// is created, and recovery sweeps temporary siblings of journaled paths (one journal line per file, not two).
import { atomicTarget } from '../fs/files.js'
import type { Fs } from '../fs/fs.js'
import type { Journal } from './journal.js'

export function journalingFs(inner: Fs, journals: Journal[], afterChange?: () => Promise<void>): Fs {
  const guard = async (path: unknown): Promise<void> => {
    if (typeof path !== 'string') return
    const target = atomicTarget(path) ?? path
    await journals.find((j) => j.covers(target))?.before(target)
  }
  const changed = async <T>(result: T): Promise<T> => {
    await afterChange?.()
    return result
  }
  return {
    ...inner,
    readFile: inner.readFile,
    async writeFile(...args: Parameters<Fs['writeFile']>) {
      await guard(args[0])
      return changed(await inner.writeFile(...args))
    },
    async rename(from, to) {
      await guard(from)
      await guard(to)
      return changed(await inner.rename(from, to))
    },
    async unlink(path) {
      await guard(path)
      return changed(await inner.unlink(path))
    },
    async mkdir(...args: Parameters<Fs['mkdir']>) {
      await guard(args[0])
      const made = await inner.mkdir(...args)
      const [path] = args
      if (typeof path === 'string') journals.find((j) => j.covers(path))?.createdFolder(path)
      return changed(made)
    },
    async rmdir(...args: Parameters<Fs['rmdir']>) {
      await guard(args[0])
      return changed(await inner.rmdir(...args))
    },
    async symlink(target, path, type) {
      await guard(path)
      return changed(await inner.symlink(target, path, type))
    },
    async chmod(path, mode) {
      await guard(path)
      return changed(await inner.chmod(path, mode))
    },
  } as Fs
}

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
  // What each changed path now is, for the commit's syncs: a regular file the run wrote, or anything else.
  const became = (path: unknown, regular: boolean): void => {
    if (typeof path === 'string') journals.find((j) => j.covers(path))?.wroteFile(path, regular)
  }
  return {
    ...inner,
    // Records all of them at once: they queue together for one line and one sync (journal.ts), where changes made
    // one after the other (an uninstall's removals) would each wait for a sync of their own.
    async willChange(paths) {
      await Promise.all(paths.map(guard))
    },
    readFile: inner.readFile,
    async writeFile(...args: Parameters<Fs['writeFile']>) {
      await guard(args[0])
      const written = await inner.writeFile(...args)
      // A temporary file is not the path the journal records (its target is, once renamed over).
      if (typeof args[0] === 'string' && atomicTarget(args[0]) === undefined) became(args[0], true)
      return changed(written)
    },
    async rename(from, to) {
      await guard(from)
      await guard(to)
      const renamed = await inner.rename(from, to)
      became(to, typeof from === 'string' && atomicTarget(from) === to)
      became(from, false)
      return changed(renamed)
    },
    async unlink(path) {
      await guard(path)
      const removed = await inner.unlink(path)
      became(path, false)
      return changed(removed)
    },
    async mkdir(...args: Parameters<Fs['mkdir']>) {
      await guard(args[0])
      const made = await inner.mkdir(...args)
      const [path] = args
      became(path, false)
      if (typeof path === 'string') journals.find((j) => j.covers(path))?.createdFolder(path)
      return changed(made)
    },
    async rmdir(...args: Parameters<Fs['rmdir']>) {
      await guard(args[0])
      const removed = await inner.rmdir(...args)
      became(args[0], false)
      return changed(removed)
    },
    async symlink(target, path, type) {
      await guard(path)
      const linked = await inner.symlink(target, path, type)
      became(path, false)
      return changed(linked)
    },
    async chmod(path, mode) {
      await guard(path)
      return changed(await inner.chmod(path, mode))
    },
  } as Fs
}

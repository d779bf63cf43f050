// An Fs that journals the prior state of every path before its first change (see journal.ts). Paths outside every
// journaled root, and outfit's own journal files, pass straight through.
import { sep } from 'node:path'
import type { Fs } from '../fs/fs.js'
import type { Journal } from './journal.js'

export interface JournaledRoot {
  root: string
  journal: Journal
}

export function journalingFs(inner: Fs, roots: JournaledRoot[], afterChange?: () => Promise<void>): Fs {
  const journalFor = (path: string): Journal | undefined => {
    const match = roots.find((r) => path === r.root || path.startsWith(r.root + sep))
    if (!match || path.startsWith(match.journal.dir)) return undefined
    return match.journal
  }
  const guard = async (path: unknown): Promise<void> => {
    if (typeof path === 'string') await journalFor(path)?.before(path)
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
      return changed(await inner.mkdir(...args))
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

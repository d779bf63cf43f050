// An outfit older than the state home kept its state in `<root>/.outfit/`. That folder is never read (a repository
// could ship one) and never deleted (it is not provably outfit's); it is reported, with what to do about it.
import { join } from 'node:path'
import type { Fs } from '../fs/fs.js'

/** The legacy state folders in these roots (each once). */
export async function legacyStateFolders(fs: Fs, roots: string[]): Promise<string[]> {
  const found: string[] = []
  for (const root of new Set(roots)) {
    const dir = join(root, '.outfit')
    const isDir = await fs.lstat(dir).then(
      (st) => st.isDirectory(),
      () => false,
    )
    if (isDir) found.push(dir)
  }
  return found
}

/** One line per folder: what it is, what outfit does with it, and the command that clears it. */
export function legacyStateWarning(dir: string): string {
  return `! ${dir} is state of an older outfit, which this one neither reads nor deletes: the installs it recorded count as yours (uninstall leaves their files). Look at it, then remove it: rm -r '${dir}'`
}

// Writing packages into the folder pack was given, and nowhere else: the folder must be new or empty (a package is
// exactly what pack made, never mixed with an older one), and every path must stay inside it.
import { dirname, join, resolve } from 'node:path'
import { UsageError } from '../errors.js'
import type { Fs } from '../fs/fs.js'
import { isInside } from '../fs/contain.js'
import type { PackedFile } from './run-plugin-scope.js'

/** Refuses a folder that holds anything (or is a file); a missing one is fine. */
export async function requireFresh(fs: Fs, folder: string, flag: string): Promise<void> {
  let entries: string[]
  try {
    entries = (await fs.readdir(folder)) as string[]
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return
    if (code === 'ENOTDIR') throw new UsageError(`${flag} ${folder} is a file, not a folder`)
    throw error
  }
  if (entries.length > 0)
    throw new UsageError(`${flag} ${folder} is not empty`, {
      hint: 'pack writes into a new or empty folder only: remove it, or name another',
    })
}

/** Writes `files` (paths relative to `root`, forward slashes) under `root`. */
export async function writeTree(fs: Fs, root: string, files: Map<string, PackedFile>): Promise<void> {
  const base = resolve(root)
  for (const [path, file] of files) {
    const full = resolve(base, path)
    if (full === base || !isInside(base, full))
      throw new UsageError(`refusing to write outside ${base}: ${path}`)
    await fs.mkdir(dirname(full), { recursive: true })
    await fs.writeFile(full, file.data, { mode: file.mode })
    // writeFile's mode is filtered by the umask; a script keeps exactly the mode it had in the kit.
    await fs.chmod(full, file.mode)
  }
}

export function under(prefix: string, files: Map<string, PackedFile>): Map<string, PackedFile> {
  return new Map([...files].map(([path, file]) => [join(prefix, path).split('\\').join('/'), file]))
}

// The file system outfit talks to. Injected everywhere so unit tests run on memfs and fault-injection tests can fail
// any single call; production passes node:fs/promises.
import * as callbackFs from 'node:fs'
import * as nodeFs from 'node:fs/promises'
import { promisify } from 'node:util'

export type Fs = Pick<
  typeof nodeFs,
  | 'readFile'
  | 'writeFile'
  | 'rename'
  | 'unlink'
  | 'mkdir'
  | 'rmdir'
  | 'readdir'
  | 'stat'
  | 'lstat'
  | 'symlink'
  | 'readlink'
  | 'chmod'
  | 'realpath'
  | 'open'
>

/**
 * node:fs/promises, except readFile and writeFile: their promise versions go through a FileHandle (open, stat, read,
 * close: four thread-pool round trips per file), while the callback versions do the same work in one native job.
 * On a 1,000-file kit that is a large share of the run (see docs/BENCHMARKS.md).
 */
export const realFs: Fs = {
  ...nodeFs,
  readFile: promisify(callbackFs.readFile) as unknown as Fs['readFile'],
  writeFile: promisify(callbackFs.writeFile) as unknown as Fs['writeFile'],
}

export function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT'
}

export async function exists(fs: Fs, path: string): Promise<boolean> {
  try {
    await fs.lstat(path)
    return true
  } catch (error) {
    if (isNotFound(error)) return false
    throw error
  }
}

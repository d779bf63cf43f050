// The file system outfit talks to. Injected everywhere so unit tests run on memfs and fault-injection tests can fail
// any single call; production passes node:fs/promises.
import * as nodeFs from 'node:fs/promises'

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

export const realFs: Fs = nodeFs

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

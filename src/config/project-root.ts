// Which folder is "the project" when none is named: running outfit from a repository's `src/` must install at the
// repository's root, not into `src/.cursor`. The nearest folder from the current one up that holds `.git` (a folder
// or, in a worktree or submodule, a file), but never the home folder itself when outfit was started below it (a
// dotfiles repository in ~ is not every project's root); without one, the current folder.
import { dirname, join, resolve } from 'node:path'
import type { Fs } from '../fs/fs.js'

export async function findProjectRoot(fs: Fs, cwd: string, home: string): Promise<string> {
  const start = resolve(cwd)
  for (let dir = start; ; dir = dirname(dir)) {
    if (dir === resolve(home) && dir !== start) return start
    try {
      await fs.lstat(join(dir, '.git'))
      return dir
    } catch {
      // not here; look further up
    }
    if (dirname(dir) === dir) return start
  }
}

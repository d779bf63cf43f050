// The whole-file-system sync of a large run: Linux's syncfs(2), reached through `sync -f` (GNU coreutils, BusyBox),
// since Node has no binding for it. One call writes every dirty file and folder entry of a file system through to the
// disk and commits its journal once; syncing each of a 5,000-file install's ~20,000 files and ~4,000 folders on its
// own cost an open, an fsync and a close per path (most of the run's system time on ext4) for the same end state.
// Anything other than a clean exit (no such program, a `sync` without -f, a write-back error) answers false, and the
// caller syncs each path on its own, which reports any error again. So does a file system not known to sync
// everything on syncfs: FUSE file systems without FUSE_SYNCFS answer it without writing anything, network file systems
// differ; only the local ones listed below are trusted with it.
import { statfsSync, statSync, type Stats } from 'node:fs'

/** Where `sync` lives on Linux systems (absolute: a PATH a repository could steer is not asked). */
const PROGRAMS = ['/usr/bin/sync', '/bin/sync']

export async function syncFileSystems(folders: readonly string[]): Promise<boolean> {
  if (process.platform !== 'linux') return false
  const program = PROGRAMS.find((p) => statOrUndefined(p)?.isFile())
  if (program === undefined) return false
  let oneEach: string[]
  try {
    oneEach = oneFolderPerFileSystem(folders)
  } catch {
    return false
  }
  if (oneEach.length === 0) return true // every folder is gone: nothing of theirs is left to sync
  if (!oneEach.every((folder) => SYNCFS_WRITES_ALL.has(fileSystemType(folder)))) return false
  // Loaded with the first call: at start-up node:child_process brings net and dgram along (see fetch-git.ts).
  const { spawn } = await import('node:child_process')
  return new Promise((resolve) => {
    const child = spawn(program, ['-f', '--', ...oneEach], { stdio: 'ignore' })
    child.on('error', () => resolve(false))
    child.on('close', (code) => resolve(code === 0))
  })
}

/**
 * One of the folders for each file system they are on (stat follows links, so a folder reached through a symlink
 * counts for the file system it is on); folders that are gone are left out. Throws on any other stat failure.
 */
export function oneFolderPerFileSystem(folders: readonly string[]): string[] {
  const byDevice = new Map<number, string>()
  for (const folder of folders) {
    const st = statOrUndefined(folder)
    if (st && !byDevice.has(st.dev)) byDevice.set(st.dev, folder)
  }
  return [...byDevice.values()]
}

/**
 * Local file systems whose syncfs writes every dirty file, folder entry and their journal through (Linux's f_type magic
 * numbers, linux/magic.h): ext2/3/4, XFS, Btrfs, F2FS, overlayfs (it syncs its upper file system), tmpfs (nothing to
 * write). Anything else is synced path by path.
 */
export const SYNCFS_WRITES_ALL: ReadonlySet<number> = new Set([
  0xef53, // ext2, ext3, ext4
  0x58465342, // XFS
  0x9123683e, // Btrfs
  0xf2f52010, // F2FS
  0x794c7630, // overlayfs
  0x01021994, // tmpfs
])

function fileSystemType(folder: string): number {
  try {
    return statfsSync(folder).type
  } catch {
    return -1
  }
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined
    throw error
  }
}

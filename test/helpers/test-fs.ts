// memfs as our injected Fs, for unit tests that never touch the disk.
import { Volume, createFsFromVolume } from 'memfs'
import type { FileHandle } from 'node:fs/promises'
import { withoutDurability, type Fs } from '../../src/fs/fs.js'

export function createTestFs(files: Record<string, string> = {}): {
  fs: Fs
  vol: InstanceType<typeof Volume>
} {
  const vol = Volume.fromJSON(files)
  const promises = createFsFromVolume(vol).promises
  return { fs: withoutDurability({ ...promises, rename: renameOver(promises) }) as unknown as Fs, vol }
}

// --- internal ---

/**
 * memfs 4.80 counts a file renamed over an existing one twice in its folder (@jsonjoy.com/fs-core Link.setChild adds
 * to `length` without taking the replaced child off), so the folder, once emptied, refuses rmdir with ENOTEMPTY while
 * readdir lists nothing. Every atomic write of an existing file renames over it, which made memfs tests see empty
 * folders left behind that a real disk removes. The replaced file is unlinked first: the same end state as POSIX
 * rename, which is all a single call shows to the code under test.
 */
function renameOver(promises: ReturnType<typeof createFsFromVolume>['promises']) {
  return async (from: string, to: string): Promise<void> => {
    // A missing source is left to rename itself, so that its error is rename's.
    const [source, target] = await Promise.all(
      [from, to].map((p) => promises.lstat(p).catch(() => undefined)),
    )
    if (source && target && !source.isDirectory() && !target.isDirectory() && String(from) !== String(to))
      await promises.unlink(to)
    await promises.rename(from, to)
  }
}

/**
 * `fs`, whose opened files have some of their methods replaced (`hooks` gets the real handle); every other member is
 * the real handle's. For tests that watch or hold a crash journal's appends and syncs.
 */
export function withHandleHooks(fs: Fs, hooks: (handle: FileHandle) => Partial<FileHandle>): Fs {
  return {
    ...fs,
    open: (async (...args: Parameters<Fs['open']>) => {
      const handle = (await fs.open(...args)) as FileHandle
      const replaced = hooks(handle) as Record<string | symbol, unknown>
      return new Proxy(handle, {
        get(target, key) {
          if (key in replaced) return replaced[key]
          const value = Reflect.get(target, key) as unknown
          return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
        },
      })
    }) as Fs['open'],
  }
}

// memfs as our injected Fs, for unit tests that never touch the disk.
import { Volume, createFsFromVolume } from 'memfs'
import { withoutDurability, type Fs } from '../../src/fs/fs.js'

export function createTestFs(files: Record<string, string> = {}): {
  fs: Fs
  vol: InstanceType<typeof Volume>
} {
  const vol = Volume.fromJSON(files)
  return { fs: withoutDurability(createFsFromVolume(vol).promises) as unknown as Fs, vol }
}

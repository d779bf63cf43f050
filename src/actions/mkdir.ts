// mkdir: create a directory (and parents). Inverse: rmdir, which removes only what it created, and only when empty.
import { recordMadeDir } from './parents.js'
import type { MkdirParams } from '../generated/target.js'
import { ensureDir } from '../fs/files.js'
import { resolveDest } from './resolve.js'
import { fileInverse } from './undo-files.js'
import type { Action } from './types.js'

export const mkdir: Action<MkdirParams> = {
  name: 'mkdir',
  description: 'Create a directory and any missing parents.',
  inverse: 'rmdir',
  async run(params, ctx) {
    const path = await resolveDest(ctx, params.path)
    await ctx.lock.with(path, () => ensureDir(ctx.fs, path, (dir) => recordMadeDir(ctx, dir)))
  },
}

export const rmdir = fileInverse('rmdir', 'Remove the directories mkdir created, when they are empty.')

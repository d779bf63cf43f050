// symlink: a link owned by the kit (e.g. sharing one skills folder between tools). Inverse: unlink.
import { dirname, isAbsolute, resolve } from 'node:path'
import { ensureParents } from './parents.js'
import type { SymlinkParams } from '../generated/target.js'
import { ConflictError } from '../errors.js'
import { readSnapshot } from '../fs/files.js'
import { isInside } from '../fs/contain.js'
import { render, resolveDest } from './resolve.js'
import { fileInverse } from './undo-files.js'
import type { Action } from './types.js'

export const symlink: Action<SymlinkParams> = {
  name: 'symlink',
  description: 'Create a symbolic link.',
  inverse: 'unlink',
  async run(params, ctx) {
    const path = await resolveDest(ctx, params.path)
    const target = render(ctx, params.target)
    const pointsTo = isAbsolute(target) ? target : resolve(dirname(path), target)
    if (!isInside(ctx.scope.root, pointsTo) && !isInside(ctx.kit.dir, pointsTo)) {
      throw new ConflictError(
        `link ${path} would point to ${pointsTo}, outside the scope root ${ctx.scope.root}`,
      )
    }
    return ctx.lock.with(path, async () => {
      const current = await readSnapshot(ctx.fs, path)
      if (current?.mode === -1 && new TextDecoder().decode(current.data) === target) {
        ctx.record({ kind: 'link', path, target, before: current })
        return
      }
      if (current && !ctx.force)
        throw new ConflictError(`${path} already exists and was not installed by outfit`, {
          hint: 'move it away, or re-run with --force',
        })
      await ensureParents(ctx, path)
      if (current) await ctx.fs.unlink(path)
      await ctx.fs.symlink(target, path)
      ctx.record({ kind: 'link', path, target, before: current })
    })
  },
}

export const unlink = fileInverse('unlink', 'Remove the link symlink created, restoring what was there.')

// write: one templated file owned by the kit. Inverse: remove.
import type { WriteParams } from '../generated/target.js'
import { writeOwnedFile } from './owned-file.js'
import { render, resolveDest } from './resolve.js'
import type { Action } from './types.js'

export const write: Action<WriteParams> = {
  name: 'write',
  description: 'Write one file whose content is a template.',
  inverse: 'remove',
  async run(params, ctx) {
    const path = await resolveDest(ctx, params.path)
    const mode = params.mode === undefined ? undefined : Number.parseInt(params.mode, 8)
    return writeOwnedFile(ctx, path, render(ctx, params.content), mode)
  },
}

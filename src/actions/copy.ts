// copy: kit files matching a glob → the scope, each through the step's transforms and rename template. Inverse: remove.
import { join } from 'node:path'
import picomatch from 'picomatch'
import type { CopyParams } from '../generated/target.js'
import { decodeUtf8 } from '../fs/files.js'
import { applyTransforms, transformsFor } from '../transforms/apply.js'
import { itemVariables, makeItem } from '../transforms/item.js'
import { selects } from '../transforms/select.js'
import { writeOwnedFile } from './owned-file.js'
import { render, resolveDest } from './resolve.js'
import type { Action } from './types.js'

/** Kit content is text and small images; anything bigger is a mistake, and would be held in memory. */
export const MAX_KIT_FILE_BYTES = 10 * 1024 * 1024

export const copy: Action<CopyParams> = {
  name: 'copy',
  description: 'Copy kit files into the scope, transforming each one.',
  inverse: 'remove',
  async run(params, ctx) {
    const patterns = Array.isArray(params.from) ? params.from : [params.from]
    const base = params.base ?? staticBase(patterns[0] ?? '')
    const isMatch = picomatch(patterns, { dot: false })
    const matches = await selected(ctx.kit.files.filter((f) => isMatch(f)), params, ctx)
    for (const file of matches) {
      const relPath = base === '' ? file : file.slice(base.length + 1)
      const source = join(ctx.kit.dir, file)
      const size = Number((await ctx.fs.stat(source)).size)
      if (size > MAX_KIT_FILE_BYTES) throw new Error(`${source} is ${size} bytes; kit files over ${MAX_KIT_FILE_BYTES} bytes are refused`)
      const bytes = new Uint8Array(await ctx.fs.readFile(source))
      const transforms = transformsFor(relPath, params.transform ?? [])
      const needsText = transforms.length > 0 || params.rename !== undefined
      const item = needsText ? makeItem(relPath, decodeUtf8(bytes, source), source) : undefined
      const vars = item ? itemVariables(item) : { 'item.path': relPath }
      const dest = await resolveDest(ctx, join(params.to, params.rename === undefined ? relPath : render(ctx, params.rename, vars)))
      const output = item && transforms.length > 0 ? applyTransforms(item, transforms, (t, v) => render(ctx, t, v)) : bytes
      await writeOwnedFile(ctx, dest, output)
    }
    if (matches.length === 0) ctx.log.info(`nothing in the kit matches ${patterns.join(', ')}`)
  },
}

// --- internal ---

/** The matched files whose frontmatter passes the step's `select` (all of them without one). */
async function selected(files: string[], params: CopyParams, ctx: Parameters<typeof copy.run>[1]): Promise<string[]> {
  if (!params.select) return files
  const out: string[] = []
  for (const file of files) {
    const source = join(ctx.kit.dir, file)
    const item = makeItem(file, decodeUtf8(new Uint8Array(await ctx.fs.readFile(source)), source), source)
    if (selects(params.select, item.doc)) out.push(file)
  }
  return out
}

/** `agents/*.md` → `agents`; `skills/**` → `skills`: the part of a glob before its first wildcard segment. */
export function staticBase(pattern: string): string {
  const segments = pattern.split('/')
  const out: string[] = []
  for (const segment of segments.slice(0, -1)) {
    if (/[*?[\]{}!]/.test(segment)) break
    out.push(segment)
  }
  return out.join('/')
}

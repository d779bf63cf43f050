// block: the kit's owned, marked block in a shared text file such as AGENTS.md. Inverse: unblock.
import picomatch from 'picomatch'
import { join } from 'node:path'
import type { BlockParams } from '../generated/target.js'
import { decodeUtf8 } from '../fs/files.js'
import { removeBlock, upsertBlock, type BlockRef, type BlockValue, type CommentStyle } from '../formats/marked-block.js'
import { blockTag } from '../state/scope-state.js'
import { itemVariables, makeItem } from '../transforms/item.js'
import type { Kept, OwnedKey } from '../types.js'
import { claimsOn } from './claims.js'
import { render, resolveDest } from './resolve.js'
import { editSharedFile, previousOwned, undoSharedEdits } from './shared-file.js'
import type { Action, ActionContext, InverseAction } from './types.js'

export const block: Action<BlockParams> = {
  name: 'block',
  description: 'Write an owned, marked block inside a shared file.',
  inverse: 'unblock',
  async run(params, ctx) {
    const path = await resolveDest(ctx, params.file)
    const id = render(ctx, params.id ?? '{{kit.name}}')
    const style: CommentStyle = params.comment ?? 'html'
    const ref: BlockRef = { id, tag: blockTag(ctx.state, id), style }
    const content = await blockContent(params, ctx)
    const shared = await sharedPrefix(ctx, path, id)
    return editSharedFile(ctx, path, 'block', (text) => {
      if (content.trim() === '') {
        const prevKey = previousOwned(ctx, path, [id, style])
        const removed = prevKey ? removeBlock(text, ref, (prevKey.value as BlockValue).prefix) : null
        return { text: removed ?? text, owned: [] }
      }
      const prevKey = previousOwned(ctx, path, [id, style])
      const runKey = `block:${path}:${id}`
      const known = (prevKey?.value as BlockValue | undefined)?.prefix ?? (ctx.run.get(runKey) as string | undefined) ?? shared
      const result = upsertBlock(text, ref, content, known)
      // Tools installing concurrently share the block: the one that created it decides the separator for all.
      if (!ctx.run.has(runKey)) ctx.run.set(runKey, result.value.prefix)
      return { text: result.text, owned: [{ path: [id, style], value: result.value }] }
    })
  },
}

export const unblock: InverseAction = {
  name: 'unblock',
  description: 'Remove the block written by block, leaving the rest of the file as it was.',
  undo: (changes, ctx, how) => undoSharedEdits(changes, ctx, how, (_path, text, owned, claimed) => removeBlocks(text, owned, claimed, (id) => blockTag(ctx.state, id))),
}

export function removeBlocks(text: string, owned: OwnedKey[], claimed: (key: OwnedKey) => boolean, tagOf: (id: string) => string): { text: string; kept: Kept[] } {
  let out = text
  for (const key of owned) {
    if (claimed(key)) continue
    const [id, style] = key.path as [string, CommentStyle]
    out = removeBlock(out, { id, tag: tagOf(id), style }, (key.value as BlockValue).prefix) ?? out
  }
  return { text: out, kept: [] }
}

// --- internal ---

/** When another tool already wrote this block, its recorded prefix is the one to remove with the last owner. */
async function sharedPrefix(ctx: ActionContext, path: string, id: string): Promise<string | undefined> {
  for (const claim of await claimsOn(ctx, path)) {
    if (claim.change.kind !== 'edit') continue
    const key = claim.change.owned.find((k) => k.path[0] === id)
    if (key) return (key.value as BlockValue).prefix
  }
  return undefined
}

async function blockContent(params: BlockParams, ctx: ActionContext): Promise<string> {
  if (params.from === undefined) return render(ctx, params.content ?? '')
  const patterns = Array.isArray(params.from) ? params.from : [params.from]
  const isMatch = picomatch(patterns)
  const files = ctx.kit.files.filter((f) => isMatch(f))
  const parts: string[] = []
  for (const file of files) {
    const source = join(ctx.kit.dir, file)
    const item = makeItem(file, decodeUtf8(new Uint8Array(await ctx.fs.readFile(source)), source), source)
    parts.push(render(ctx, params.item ?? '{{item.body}}', itemVariables(item)).trim())
  }
  const body = parts.join(params.separator ?? '\n\n')
  return params.content === undefined ? body : `${render(ctx, params.content)}\n\n${body}`
}

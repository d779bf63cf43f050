// block: the kit's owned, marked block in a shared text file such as AGENTS.md. Inverse: unblock.
import { matcher } from '../glob.js'
import { join } from 'node:path'
import type { BlockParams } from '../generated/target.js'
import { ConflictError } from '../errors.js'
import {
  findBlock,
  removeBlock,
  upsertBlock,
  type BlockRef,
  type BlockValue,
  type CommentStyle,
} from '../formats/marked-block.js'
import { blockTag } from '../state/scope-state.js'
import { hashBytes } from '../fs/files.js'
import { itemVariables } from '../transforms/item.js'
import { kitItem } from './copy.js'
import type { Kept, OwnedKey } from '../types.js'
import { claimsOn } from './claims.js'
import { readKitFileOnce } from './kit-file.js'
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
    const shared = await sharedBlock(ctx, path, id)
    return editSharedFile(ctx, path, 'block', (text) => {
      if (content.trim() === '') {
        const prevKey = previousOwned(ctx, path, [id, style])
        const removed = prevKey ? removeBlock(text, ref, (prevKey.value as BlockValue).prefix) : null
        return { text: removed ?? text, owned: [] }
      }
      const prevKey = previousOwned(ctx, path, [id, style])
      const inPlace = takeOverInPlace(ctx, path, text, ref, content, prevKey?.value as BlockValue | undefined)
      if (inPlace) return inPlace
      // What another tool wrote into this block earlier in the run, by hash: the block can be as large as every rule.
      const inRun = ctx.run.block(path, id)
      sameForEveryTool(inRun?.contentHash, content, params, ctx, path)
      const written = inRun?.contentHash
      const recorded = [(prevKey?.value as BlockValue | undefined)?.content, ...shared.contents]
      const userContent = userEdits(text, ref, content, recorded, written, path, ctx)
      const known = (prevKey?.value as BlockValue | undefined)?.prefix ?? inRun?.prefix ?? shared.prefix
      const result = upsertBlock(text, ref, content, known)
      // Tools installing concurrently share the block: the one that created it decides the separator for all.
      ctx.run.wroteBlock(path, id, result.value.prefix, hashBytes(trimEnd(content)))
      // A forced install keeps the user's edited text, so that uninstall can put it back (as their own, unmarked text).
      const keep = userContent ?? (prevKey?.value as BlockValue | undefined)?.userContent
      const value: BlockValue = keep === undefined ? result.value : { ...result.value, userContent: keep }
      return { text: result.text, owned: [{ path: [id, style], value }] }
    })
  },
}

export const unblock: InverseAction = {
  name: 'unblock',
  description: 'Remove the block written by block, leaving the rest of the file as it was.',
  undo: (changes, ctx, how) =>
    undoSharedEdits(changes, ctx, how, (path, text, owned, claimed) =>
      removeBlocks(text, owned, claimed, (id) => blockTag(ctx.state, id), ctx.force, path),
    ),
}

export function removeBlocks(
  text: string,
  owned: OwnedKey[],
  claimed: (key: OwnedKey) => boolean,
  tagOf: (id: string) => string,
  force = false,
  file = '',
): { text: string; kept: Kept[] } {
  let out = text
  const kept: Kept[] = []
  for (const key of owned) {
    if (claimed(key)) continue
    const [id, style] = key.path as [string, CommentStyle]
    const ref = { id, tag: tagOf(id), style }
    const value = key.value as BlockValue
    const found = findBlock(out, ref)
    if (!found) continue
    // A block the user edited since outfit wrote it is theirs now: kept, like an edited file, unless --force.
    if (found.content !== trimEnd(value.content) && !force) {
      kept.push({ path: `${file} › block ${id}`, reason: 'edited since outfit wrote it' })
      continue
    }
    if (value.userContent !== undefined) {
      out = out.slice(0, found.start) + `${trimEnd(value.userContent)}\n` + out.slice(found.end)
      continue
    }
    out = removeBlock(out, ref, value.prefix) ?? out
  }
  return { text: out, kept }
}

// --- internal ---

/** What other installed tools recorded for this block: the separator to remove with the last owner, and its content. */
async function sharedBlock(
  ctx: ActionContext,
  path: string,
  id: string,
): Promise<{ prefix?: string; contents: string[] }> {
  const out: { prefix?: string; contents: string[] } = { contents: [] }
  for (const claim of await claimsOn(ctx, path)) {
    if (claim.change.kind !== 'edit') continue
    const key = claim.change.owned.find((k) => k.path[0] === id)
    if (!key) continue
    out.prefix ??= (key.value as BlockValue).prefix
    out.contents.push((key.value as BlockValue).content)
  }
  return out
}

/**
 * The user's edits inside outfit's block, if any: an existing block whose text is neither what outfit recorded nor what
 * it is about to write. Refused without --force (like an edited file); with it, returned so the caller keeps them.
 */
function userEdits(
  text: string,
  ref: BlockRef,
  content: string,
  recorded: (string | undefined)[],
  writtenHash: string | undefined,
  path: string,
  ctx: ActionContext,
): string | undefined {
  const existing = findBlock(text, ref)
  if (!existing || existing.content === trimEnd(content)) return undefined
  const known = recorded.filter((r): r is string => r !== undefined).map(trimEnd)
  if (
    known.includes(existing.content) ||
    (writtenHash !== undefined && hashBytes(existing.content) === writtenHash)
  )
    return undefined
  if (!ctx.force) {
    throw new ConflictError(
      known.length > 0 || writtenHash !== undefined
        ? `${path}: the outfit block '${ref.id}' was edited since outfit wrote it`
        : `${path}: holds an outfit block '${ref.id}' that no install of yours recorded`,
      {
        hint: 'copy your edits into the kit, or re-run with --force (your version of the block is kept and put back on uninstall)',
      },
    )
  }
  ctx.log.warn(
    `replaced your edits to the outfit block '${ref.id}' in ${path}; uninstall puts your version back`,
  )
  return existing.content
}

/**
 * A file without outfit's markers whose text is the block's content (the rules adopted from it) is taken over in place:
 * the rules are not appended a second time. When the kit's rules change later, the file's text becomes a marked block
 * holding them, with the user's text kept to put back on uninstall; text the user changed since it was taken over is
 * refused without --force, like an edited block. Undefined: not a file taken over, the block goes in as usual.
 */
function takeOverInPlace(
  ctx: ActionContext,
  path: string,
  text: string,
  ref: BlockRef,
  content: string,
  previous: BlockValue | undefined,
): { text: string; owned: OwnedKey[] } | undefined {
  if (findBlock(text, ref)) return undefined
  const key = [ref.id, ref.style]
  if (sameText(text, content))
    return {
      text,
      owned: [{ path: key, value: { content, prefix: '', inPlace: true } satisfies BlockValue }],
    }
  if (!previous?.inPlace) return undefined
  if (!sameText(text, previous.content) && !ctx.force)
    throw new ConflictError(`${path} was changed since outfit took it over as the kit's rules`, {
      hint: 'copy your edits into the kit, or re-run with --force (your text is kept and put back on uninstall)',
    })
  const result = upsertBlock('', ref, content)
  return {
    text: result.text,
    owned: [{ path: key, value: { ...result.value, userContent: text } satisfies BlockValue }],
  }
}

/** The same text but for line endings and the blank lines or spaces around it. */
function sameText(a: string, b: string): boolean {
  return a.replace(/\r\n/g, '\n').trim() === b.replace(/\r\n/g, '\n').trim()
}

/**
 * One block in a shared file (AGENTS.md) is read by every tool that reads the file: when tools of this run write it
 * with other rules because some rules pick their tools (`outfit.tools`), no content is right for all of them. Refused
 * (checked under the file's lock, so whichever tool comes second fails, and the run rolls back), rather than left to
 * whichever tool wrote last.
 */
function sameForEveryTool(
  writtenHash: string | undefined,
  content: string,
  params: BlockParams,
  ctx: ActionContext,
  path: string,
): void {
  if (params.from === undefined || writtenHash === undefined || writtenHash === hashBytes(trimEnd(content)))
    return
  const isMatch = matcher(params.from)
  const picking = Object.entries(ctx.kit.items ?? {})
    .filter(([file, t]) => t.tools !== undefined && isMatch(file))
    .map(([file]) => file)
  if (picking.length === 0) return
  throw new ConflictError(
    `${path}: ${ctx.tool.name} shares this file's outfit block with another tool of this run, which gets other rules (${picking.join(', ')} ${picking.length > 1 ? 'pick their' : 'picks its'} tools)`,
    {
      hint: `every tool that reads ${path} sees the same rules: give ${picking.length > 1 ? 'those rules' : 'that rule'} all of these tools in outfit.tools, or none of them`,
    },
  )
}

function trimEnd(text: string): string {
  return text.replace(/\n+$/, '')
}

async function blockContent(params: BlockParams, ctx: ActionContext): Promise<string> {
  if (params.from === undefined) return render(ctx, params.content ?? '')
  const patterns = Array.isArray(params.from) ? params.from : [params.from]
  const isMatch = matcher(patterns)
  const files = ctx.kit.files.filter((f) => isMatch(f))
  const parts: string[] = []
  for (const file of files) {
    const source = join(ctx.kit.dir, file)
    const kitFile = await readKitFileOnce(ctx, source)
    const item = kitItem(file, source, kitFile)
    parts.push(render(ctx, params.item ?? '{{item.body}}', itemVariables(item)).trim())
  }
  const body = parts.join(params.separator ?? '\n\n')
  return params.content === undefined ? body : `${render(ctx, params.content)}\n\n${body}`
}

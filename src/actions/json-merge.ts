// json-merge: adds the kit's keys to a JSON/JSONC config file (RFC 7396 leaves at any depth, plus keyed or appended
// entries), preserving comments, formatting and every key it does not own. Inverse: json-unmerge.
import type { JsonMergeParams } from '../generated/target.js'
import { assertEditable, getAt, parseJsonc, setAt } from '../formats/json-edit.js'
import type { OwnedKey } from '../types.js'
import { buildEntries, patchLeaves, type BuiltEntry } from './kit-entries.js'
import { isNotFound } from '../fs/fs.js'
import { claimsOn, previousChange, type Claim } from './claims.js'
import { appendLeaf, editSharedFile, leafContainers, mergeKey, type KeyedDocument } from './shared-file.js'
import { resolveDest } from './resolve.js'
import type { Action, ActionContext } from './types.js'

export const jsonMerge: Action<JsonMergeParams> = {
  name: 'json-merge',
  description: 'Merge owned keys into a JSON/JSONC file, keeping everything else byte-for-byte.',
  inverse: 'json-unmerge',
  async run(params, ctx) {
    const path = await resolveDest(ctx, params.file)
    const leaves = [
      ...patchLeaves(params.patch ?? {}, ctx),
      ...(params.entries ? buildEntries(params.entries, ctx) : []),
    ]
    if (params.hides !== undefined) await warnIfHiding(ctx, path, await resolveDest(ctx, params.hides))
    // Other installed tools' claims on this file: a key one of them owns is co-owned, not the user's.
    const claims = await claimsOn(ctx, path)
    return editSharedFile(ctx, path, 'json', (text) => {
      parseJsonc(path, text)
      return mergeLeaves(ctx, path, text, leaves, claims)
    })
  },
}

// --- internal ---

const JSON_DOCUMENT: KeyedDocument = { get: getAt, set: setAt }

/**
 * Some tools read one file or else another (Copilot CLI: a folder's .mcp.json, else its .github/mcp.json): creating the
 * first makes the tool ignore the second from then on, which the user must hear about before it happens.
 */
async function warnIfHiding(ctx: ActionContext, path: string, hidden: string): Promise<void> {
  if (previousChange(ctx, path)) return
  const origin = ctx.run.origins.get(path)
  const existed = origin !== undefined ? origin !== null : await pathExists(ctx, path)
  if (existed || !(await pathExists(ctx, hidden))) return
  ctx.log.warn(
    `${hidden} is ignored by ${ctx.tool.name} from now on: it reads ${path} instead whenever that file exists, and outfit created it; move the servers you keep there into ${path} or the kit`,
  )
}

async function pathExists(ctx: ActionContext, path: string): Promise<boolean> {
  try {
    await ctx.fs.lstat(path)
    return true
  } catch (error) {
    if (isNotFound(error)) return false
    throw error
  }
}

function mergeLeaves(
  ctx: ActionContext,
  file: string,
  text: string,
  leaves: BuiltEntry[],
  claims: readonly Claim[],
): { text: string; owned: OwnedKey[] } {
  const owned: OwnedKey[] = []
  let out = text
  for (const leaf of leaves) {
    assertEditable(file, out, leaf.append ? [...leaf.path, 0] : leaf.path)
    owned.push(...leafContainers(ctx, file, out, leaf, claims, JSON_DOCUMENT))
    if (leaf.append) {
      const current = getAt(out, leaf.path)
      const list = Array.isArray(current.value) ? current.value : []
      const appended = appendLeaf(ctx, file, leaf, list, claims, JSON_DOCUMENT)
      if (appended.append) out = setAt(out, [...leaf.path, list.length], leaf.value)
      owned.push(appended.owned)
      continue
    }
    const merged = mergeKey(ctx, file, out, leaf, claims, JSON_DOCUMENT)
    out = merged.text
    owned.push(merged.owned)
  }
  return { text: out, owned }
}

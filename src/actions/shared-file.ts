// Read-modify-write of a file other programs also own (JSON configs, AGENTS.md, config.toml), and its undo.
// Undo is byte-exact when nobody touched the file since; otherwise it removes only what outfit owns.
import { dirname, resolve } from 'node:path'
import { ConflictError, OutfitError } from '../errors.js'
import { isInside } from '../fs/contain.js'
import { isNotFound } from '../fs/fs.js'
import {
  decodeUtf8,
  hashOnly,
  readSnapshot,
  restoreSnapshot,
  snapshotOf,
  writeAtomic,
  removeIfExists,
} from '../fs/files.js'
import { deepEqual } from '../formats/deep-equal.js'
import { coversAsData, sameEntry, type EntryShapes } from '../formats/unmap-entry.js'
import { loadBackup } from '../state/manifest-file.js'
import { forgetHintFor } from '../state/way-out.js'
import { ensureParents } from './parents.js'
import type { Change, Kept, OwnedKey, Snapshot } from '../types.js'
import { claimsOn, previousChange, previousChanges, type Claim } from './claims.js'
import { undoFileChange } from './undo-files.js'
import type { ActionContext, UndoMode, UndoResult } from './types.js'

type EditFormat = Extract<Change, { kind: 'edit' }>['format']

export async function editSharedFile(
  ctx: ActionContext,
  path: string,
  format: EditFormat,
  edit: (text: string) => { text: string; owned: OwnedKey[] },
): Promise<void> {
  // A shared config may be a symlink into a dotfiles folder: edit the file it points to, and keep the link.
  const io = await followLink(ctx, path)
  return ctx.lock.with(io, async () => {
    const current = await readSnapshot(ctx.fs, io)
    const text = current?.data ? decodeUtf8(current.data, path) : ''
    const result = withFile(path, () => edit(text))
    // Nothing to put in a file that does not exist (every rule went elsewhere): no empty file is created, so none is
    // later mistaken for the user's and left behind by uninstall.
    if (!current && result.text === '') return
    const origin = await sharedOrigin(ctx, path, current)
    if (result.text === text && current) {
      // Unchanged: nothing to roll back, so hashes only (`origin` keeps its bytes for uninstall).
      const same = hashOnly(current)
      ctx.record({ kind: 'edit', format, path, before: same, after: same, origin, owned: result.owned })
      return
    }
    // Folders above it that outfit made are recorded too, as for a whole file (parents.ts).
    await ensureParents(ctx, io)
    const after = snapshotOf(result.text, current?.mode)
    // A config nobody may write (0444) was made so on purpose: outfit does not quietly rewrite it.
    if (current && current.mode !== undefined && (current.mode & 0o222) === 0 && !ctx.force) {
      throw new ConflictError(
        `${io} is read-only (mode ${((current.mode ?? 0) & 0o777).toString(8)}): someone made it so on purpose`,
        {
          hint: 're-run with --force to edit it anyway (its mode is kept), or make it writable first',
        },
      )
    }
    await writeAtomic(ctx.fs, io, after.data ?? result.text, current?.mode)
    // Rollback puts `before` back; what was written is known by its hash.
    ctx.record({
      kind: 'edit',
      format,
      path,
      before: current,
      after: hashOnly(after),
      origin,
      owned: result.owned,
    })
  })
}

/** The key this tool's previous install owned at `keyPath` in `file`, to carry its original `before` forward. */
export function previousOwned(ctx: ActionContext, file: string, keyPath: string[]): OwnedKey | undefined {
  // Several steps may edit one file (Gemini's settings.json: MCP servers, then hooks): the key is in whichever did.
  for (const prev of [...previousChanges(ctx, file)].reverse()) {
    if (prev.kind !== 'edit') continue
    const key = prev.owned.find((k) => !k.append && !k.container && deepEqual(k.path, keyPath))
    if (key) return key
  }
  return undefined
}

/** How a document format reads and sets the value at a key path (json-edit, yaml-edit). */
export interface KeyedDocument {
  get(text: string, path: string[]): { found: boolean; value?: unknown }
  /** `before`: a new key goes just before this sibling (when the document can place it; else at the end). */
  set(text: string, path: string[], value: unknown, before?: string): string
}

/** One leaf json-merge or yaml-merge puts into a shared config: a key, or an item appended to the list at `path`. */
export interface MergeLeaf {
  path: string[]
  value: unknown
  append: boolean
  /** The target's entry shape the value was made from, and the tool's other ones (see sameEntry). */
  shape?: unknown
  readAlso?: unknown[]
  others?: unknown[]
  /** The kit order of this kind of entry's names (see siblingAfter). */
  order?: readonly string[]
}

/**
 * The objects or lists a leaf needs that the file lacks (json-merge, yaml-merge): owned as created, so that undo
 * removes them once empty. One that another installed tool, or another tool of this run, created is co-created (see
 * coCreated and RunState.containerCreator): whichever owner leaves last removes it.
 */
export function leafContainers(
  ctx: ActionContext,
  file: string,
  text: string,
  leaf: MergeLeaf,
  claims: readonly Claim[],
  doc: KeyedDocument,
): OwnedKey[] {
  const byOtherToolOfRun = (prefix: string[]) => {
    const creator = ctx.run.containerCreator(file, prefix)
    return creator !== undefined && creator !== ctx.tool.id
  }
  const created = createdContainers(
    leaf.append ? leaf.path : leaf.path.slice(0, -1),
    (prefix) => doc.get(text, prefix).found && !coCreated(claims, prefix) && !byOtherToolOfRun(prefix),
  )
  for (const c of created) ctx.run.createdContainer(file, c.path, ctx.tool.id)
  return created
}

/** Claims a keyed leaf's key (see claimKey) and sets it when it must be: what json-merge and yaml-merge share. */
export function mergeKey(
  ctx: ActionContext,
  file: string,
  text: string,
  leaf: MergeLeaf,
  claims: readonly Claim[],
  doc: KeyedDocument,
): { text: string; owned: OwnedKey } {
  const current = doc.get(text, leaf.path)
  const claim = claimKey(ctx, file, leaf, current, claims)
  if (!claim.write) return { text, owned: claim.owned }
  const before = current.found ? undefined : siblingAfter(doc, text, leaf)
  return { text: doc.set(text, leaf.path, leaf.value, before), owned: claim.owned }
}

/**
 * The key already in the container that a new entry goes before: the first (in the file) that comes later in kit
 * order. Tools of one run add their entries to a shared file in whichever order they get there; placed by kit order,
 * the file's bytes do not depend on that (two tools, one .mcp.json). Keys that are not kit entries keep their place.
 */
function siblingAfter(doc: KeyedDocument, text: string, leaf: MergeLeaf): string | undefined {
  const name = leaf.path[leaf.path.length - 1]
  const rank = name === undefined ? -1 : (leaf.order?.indexOf(name) ?? -1)
  if (rank < 0 || !leaf.order) return undefined
  const parent = doc.get(text, leaf.path.slice(0, -1)).value
  if (typeof parent !== 'object' || parent === null || Array.isArray(parent)) return undefined
  const order = leaf.order
  return Object.keys(parent).find((key) => order.indexOf(key) > rank)
}

/**
 * The owned key of an entry appended to a list (hooks), and whether the list must get it. An item already there that
 * holds the entry (the same as data, or a group holding it among other handlers) is not appended again. When that item
 * is the user's — not appended by this tool's previous install, by another installed tool, or by another tool earlier
 * in this run — it is owned with itself as `before`, so that uninstall leaves it where it is.
 */
export function appendLeaf(
  ctx: ActionContext,
  file: string,
  leaf: MergeLeaf,
  list: readonly unknown[],
  claims: readonly Claim[],
  doc: KeyedDocument,
): { owned: OwnedKey; append: boolean } {
  let index = list.findIndex((item) => deepEqual(item, leaf.value))
  if (index < 0 && leaf.shape !== undefined)
    index = list.findIndex((item) => coversAsData(item, leaf.value, leaf.shape))
  const ours: OwnedKey = { path: leaf.path, value: leaf.value, append: true }
  if (index < 0) return { owned: ours, append: true }
  const item = list[index]
  const theirs: OwnedKey = { path: leaf.path, value: item, append: true, before: { value: item } }
  return { owned: usersItem(ctx, file, leaf.path, item, claims, doc) ? theirs : ours, append: false }
}

/**
 * Whether an item of the list at `path` is the user's: not one this tool's previous install or another installed tool
 * added (an item they took over as the user's stays the user's), nor one another tool added earlier in this run.
 */
export function usersItem(
  ctx: ActionContext,
  file: string,
  path: string[],
  item: unknown,
  claims: readonly Claim[],
  doc: KeyedDocument,
): boolean {
  const recorded = [
    ...previousChanges(ctx, file),
    ...claims.filter((c) => c.change.path === file).map((c) => c.change),
  ]
    .flatMap((change) => (change.kind === 'edit' ? change.owned : []))
    .find((k) => k.append && deepEqual(k.path, path) && deepEqual(k.value, item))
  if (recorded) return recorded.before !== undefined
  // Another tool of this run wrote the file first: the item is the user's only if it was there before the run.
  const origin = ctx.run.origins.get(file)
  if (origin !== undefined) {
    const before = origin?.data ? doc.get(decodeUtf8(origin.data, file), path).value : undefined
    return Array.isArray(before) && before.some((b) => deepEqual(b, item))
  }
  return true
}

export type SemanticUndo = (
  path: string,
  text: string,
  owned: OwnedKey[],
  claimed: (key: OwnedKey) => boolean,
) => { text: string; kept: Kept[] }

export async function undoSharedEdits(
  changes: Change[],
  ctx: ActionContext,
  how: UndoMode,
  semantic: SemanticUndo,
): Promise<UndoResult> {
  const kept: Kept[] = []
  for (const change of [...changes].reverse()) {
    if (change.kind !== 'edit') {
      kept.push(...(await undoFileChange(change, ctx, how)))
      continue
    }
    const io = await followLink(ctx, change.path)
    kept.push(...(await ctx.lock.with(io, () => undoEdit({ ...change, path: io }, ctx, how, semantic))))
  }
  return { kept }
}

// --- internal ---

/** The missing objects/arrays along a path (json-merge, yaml-merge), so undo can remove them again once empty. */
function createdContainers(path: string[], found: (prefix: string[]) => boolean): OwnedKey[] {
  const out: OwnedKey[] = []
  for (let n = 1; n <= path.length; n++) {
    if (!found(path.slice(0, n))) out.push({ path: path.slice(0, n), value: {}, container: true })
  }
  return out
}

/**
 * Whether another installed tool (or this tool's other scope, when the project folder is the home) created the object
 * or list at `prefix`: then it is co-created here too, so that whichever owner leaves last removes it once empty.
 */
function coCreated(claims: readonly Claim[], prefix: string[]): boolean {
  return claims.some(
    (c) => c.change.kind === 'edit' && c.change.owned.some((k) => k.container && deepEqual(k.path, prefix)),
  )
}

/**
 * Claims one key of a shared config for the kit (json-merge, yaml-merge): a different value that outfit did not write
 * is the user's and is refused without --force. What was there before outfit is carried from this tool's last install,
 * or from another tool that owns the same key with the value found there (Claude Code and Copilot CLI both write
 * `.mcp.json` servers): that value is outfit's, not the user's, so the last uninstall removes the key instead of
 * "restoring" it. Returns what the kit owns and whether the key must be set.
 */
function claimKey(
  ctx: ActionContext,
  file: string,
  leaf: MergeLeaf,
  current: { found: boolean; value?: unknown },
  claims: readonly Claim[] = [],
): { owned: OwnedKey; write: boolean } {
  const keyPath = leaf.path
  // An entry that is already what the kit's would be to the tool (the same server without `"type"`, keys in another
  // order) is taken over as it is: not rewritten, and owned with the value it holds, so uninstall leaves it untouched.
  const value =
    current.found && leaf.shape !== undefined && sameEntry(current.value, leaf.value, leaf as EntryShapes)
      ? current.value
      : leaf.value
  const prev = previousOwned(ctx, file, keyPath)
  const coOwned = prev || !current.found ? undefined : coOwnedKey(ctx, file, keyPath, current.value, claims)
  const before = prev
    ? prev.before
    : coOwned
      ? coOwned.before
      : current.found
        ? { value: current.value }
        : undefined
  const differs = current.found && !deepEqual(current.value, value)
  if (differs && !(prev && deepEqual(prev.value, current.value)) && !ctx.force) {
    throw new ConflictError(
      `${file}: '${keyPath.join('.')}' already holds a different value that outfit did not write`,
      {
        hint: 'rename the entry in the kit, remove yours, or re-run with --force to replace it (your value is restored on uninstall)',
      },
    )
  }
  const owned: OwnedKey = before === undefined ? { path: keyPath, value } : { path: keyPath, value, before }
  // Later tools of this run that write the same key find this one's "before" here (they cannot see its manifest yet).
  ctx.run.ownKey(file, keyPath, owned)
  return { owned, write: !current.found || differs }
}

/**
 * The key as another tool owns it, when that tool wrote exactly the value found: a tool earlier in this run, or an
 * installed tool's manifest. Its `before` is the user's original, whatever order the tools came in.
 */
function coOwnedKey(
  ctx: ActionContext,
  file: string,
  keyPath: string[],
  found: unknown,
  claims: readonly Claim[],
): OwnedKey | undefined {
  const inRun = ctx.run.keyOwner(file, keyPath)
  if (inRun && deepEqual(inRun.value, found)) return inRun
  for (const claim of claims) {
    if (claim.change.kind !== 'edit') continue
    const key = claim.change.owned.find(
      (k) => !k.append && !k.container && deepEqual(k.path, keyPath) && deepEqual(k.value, found),
    )
    if (key) return key
  }
  return undefined
}

/** Every error about a file's content names the file (an orphaned block marker, a parent that is not an object). */
function withFile<T>(path: string, fn: () => T): T {
  try {
    return fn()
  } catch (error) {
    if (error instanceof Error && !(error instanceof OutfitError) && !error.message.includes(path)) {
      throw new Error(`${path}: ${error.message}`, { cause: error })
    }
    throw error
  }
}

/**
 * Where a shared file really is: symlinks are followed (dotfile repositories link `~/.claude.json` and friends), and
 * the file they lead to must lie inside the scope root like any other path outfit changes.
 */
async function followLink(ctx: ActionContext, path: string): Promise<string> {
  let at = path
  for (let hop = 0; hop < 16; hop++) {
    let st
    try {
      st = await ctx.fs.lstat(at)
    } catch (error) {
      if (isNotFound(error)) break
      throw error
    }
    if (!st.isSymbolicLink()) break
    at = resolve(dirname(at), await ctx.fs.readlink(at))
    if (hop === 15) throw new Error(`${path}: too many levels of symlinks`)
  }
  if (at !== path && !isInside(ctx.scope.root, at)) {
    throw new ConflictError(
      `${path} is a symlink to ${at}, outside ${ctx.scope.root}; outfit only edits files inside the scope`,
      {
        hint: 'add the kit by hand there, or replace the link with a copy of the file',
      },
    )
  }
  return at
}

/**
 * What the file held before outfit first touched it, whichever tool did: this tool's earlier install, another tool
 * earlier in this run, or another installed tool. A second tool writing the same AGENTS.md block must not take the
 * first tool's output for the user's original, or the last uninstall would leave an empty file behind.
 */
async function sharedOrigin(
  ctx: ActionContext,
  path: string,
  current: Snapshot | null,
): Promise<Snapshot | null> {
  const prev = previousChange(ctx, path)
  if (prev && prev.kind === 'edit') return prev.origin !== undefined ? prev.origin : prev.before
  const inRun = ctx.run.origins.get(path)
  if (inRun !== undefined) return inRun
  for (const claim of await claimsOn(ctx, path)) {
    if (claim.change.kind === 'edit')
      return claim.change.origin !== undefined ? claim.change.origin : claim.change.before
  }
  ctx.run.origins.set(path, current)
  return current
}

async function undoEdit(
  change: Extract<Change, { kind: 'edit' }>,
  ctx: ActionContext,
  how: UndoMode,
  semantic: SemanticUndo,
): Promise<Kept[]> {
  const current = await readSnapshot(ctx.fs, change.path)
  const wrote = change.before?.hash !== change.after?.hash
  const untouched = current?.hash === change.after?.hash
  const origin = change.origin === undefined ? change.before : change.origin
  const claims = how === 'uninstall' ? await claimsOn(ctx, change.path) : []
  // Fast path: nobody changed the file since outfit wrote it, so putting the old bytes back is exact.
  if (
    wrote &&
    untouched &&
    (how === 'rollback' || (claims.length === 0 && origin?.hash === change.before?.hash))
  ) {
    await restoreSnapshot(ctx.fs, change.path, await withData(ctx, change.before))
    return []
  }
  if (!current?.data) return []
  const text = decodeUtf8(current.data, change.path)
  const claimed = (key: OwnedKey): boolean =>
    claims.some(
      (c) =>
        c.change.kind === 'edit' && c.change.owned.some((k) => !k.container && deepEqual(k.path, key.path)),
    )
  const result = withFile(change.path, () => semantic(change.path, text, change.owned, claimed))
  if (result.text !== text) {
    if (isEmptyDocument(result.text) && (origin === null || origin === undefined))
      await removeIfExists(ctx.fs, change.path)
    else await writeAtomic(ctx.fs, change.path, result.text, current.mode)
  }
  return result.kept
}

async function withData(ctx: ActionContext, snapshot: Snapshot | null): Promise<Snapshot | null> {
  return snapshot ? loadBackup(ctx.fs, ctx.stateDir, snapshot, forgetHintFor(ctx)) : null
}

function isEmptyDocument(text: string): boolean {
  const t = text.trim()
  return t === '' || /^\{\s*\}$/.test(t)
}

// toml-merge: the kit's tables in a TOML config (Codex's config.toml) as one owned, marked region at the end of the
// file. Everything outside the region is kept byte-for-byte; the result must parse. Inverse: toml-unmerge.
// Entries in `mode: append` (Kimi Code's and Mistral Vibe's `[[hooks]]`) become array-of-tables elements in the region:
// TOML lets a later `[[hooks]]` header add to the user's own, so theirs stay where they are.
import { parse, stringify, TomlError } from 'smol-toml'
import type { TomlMergeParams } from '../generated/target.js'
import { ConflictError } from '../errors.js'
import { ConfigParseError } from '../formats/json-edit.js'
import { findBlock, upsertBlock, type BlockRef, type BlockValue } from '../formats/marked-block.js'
import { blockTag } from '../state/scope-state.js'
import { buildEntries, patchLeaves, type BuiltEntry } from './kit-entries.js'
import { coversAsData, sameEntry, type EntryShapes } from '../formats/unmap-entry.js'
import { removeBlocks } from './block.js'
import { claimsOn } from './claims.js'
import { render, resolveDest } from './resolve.js'
import { editSharedFile, previousOwned, undoSharedEdits } from './shared-file.js'
import type { Action, InverseAction } from './types.js'

export const tomlMerge: Action<TomlMergeParams> = {
  name: 'toml-merge',
  description: 'Add owned tables to a TOML file, keeping the rest byte-for-byte.',
  inverse: 'toml-unmerge',
  async run(params, ctx) {
    const path = await resolveDest(ctx, params.file)
    const id = render(ctx, '{{kit.name}}')
    const leaves = [
      ...patchLeaves(params.patch ?? {}, ctx),
      ...(params.entries ? buildEntries(params.entries, ctx) : []),
    ]
    for (const leaf of leaves)
      if (!leaf.append && leaf.path.length < 2)
        throw new Error(`toml-merge can only add keys inside tables; '${leaf.path.join('.')}' is top-level`)
    // Another install that writes the same block (this tool's other scope, when the project folder is the home) knows
    // the separator that goes with it: the last owner to leave removes that too.
    const sharedPrefix = (await claimsOn(ctx, path))
      .flatMap((c) => (c.change.kind === 'edit' ? c.change.owned : []))
      .find((k) => k.path[0] === id && k.path[1] === 'hash')
    return editSharedFile(ctx, path, 'toml', (text) => {
      const ref: BlockRef = { id, tag: blockTag(ctx.state, id), style: 'hash' }
      const outside = withoutBlock(text, ref)
      const userTables = parseToml(path, outside)
      // The user's own table or [[array]] element that is already the kit's entry to the tool (Codex reads the same
      // server): it stays where it is, as it is, and is not written a second time in outfit's region.
      const mine = leaves.filter((leaf) => !takenOver(userTables, leaf))
      for (const leaf of mine) {
        // An appended element is ours by position (inside the region); the user's elements of the array stay theirs.
        if (leaf.append) continue
        if (hasDeep(userTables, leaf.path.slice(0, 2)) && !ctx.force) {
          throw new ConflictError(
            `${path}: [${leaf.path.slice(0, 2).join('.')}] is already defined outside outfit's block`,
            {
              hint: 'rename the entry in the kit or remove your table; outfit never edits tables it did not write',
            },
          )
        }
      }
      if (leaves.length === 0 || (mine.length === 0 && !findBlock(text, ref))) return { text, owned: [] }
      const tree = treeOf(mine)
      const prev = previousOwned(ctx, path, [id, 'hash'])
      const result = upsertBlock(
        text,
        ref,
        stringify(tree),
        (prev?.value as BlockValue | undefined)?.prefix ??
          (sharedPrefix?.value as BlockValue | undefined)?.prefix,
      )
      checkMerged(path, text, result.text, leaves)
      return { text: result.text, owned: [{ path: [id, 'hash'], value: result.value }] }
    })
  },
}

export const tomlUnmerge: InverseAction = {
  name: 'toml-unmerge',
  description: 'Remove the tables toml-merge added.',
  undo: (changes, ctx, how) =>
    undoSharedEdits(changes, ctx, how, (_path, text, owned, claimed) =>
      removeBlocks(text, owned, claimed, (id) => blockTag(ctx.state, id)),
    ),
}

// --- internal ---

function withoutBlock(text: string, ref: BlockRef): string {
  const found = findBlock(text, ref)
  return found ? text.slice(0, found.start) + text.slice(found.end) : text
}

function parseToml(file: string, text: string): Record<string, unknown> {
  try {
    return parse(text) as Record<string, unknown>
  } catch (error) {
    if (error instanceof TomlError) {
      throw new ConfigParseError(
        file,
        error.line,
        error.column,
        `not valid TOML (${error.message.split('\n')[0]}); fix the file and run again, nothing was written`,
      )
    }
    throw error
  }
}

/**
 * The user's file parsed without our block, so if it fails with it, our tables clash with how the user wrote theirs:
 * TOML cannot add [mcp_servers.x] to `mcp_servers = { … }` (an inline table is closed), nor [[hooks]] to
 * `hooks = [ … ]` (an inline array is closed) or to a `[hooks]` table. Say that, at the user's line, instead of calling
 * their valid file invalid.
 */
function checkMerged(
  file: string,
  before: string,
  merged: string,
  leaves: { path: string[]; append?: boolean }[],
): void {
  try {
    parse(merged)
  } catch (error) {
    if (!(error instanceof TomlError)) throw error
    const keys = new Map(leaves.map((l) => [l.path[0] ?? '', !!l.append]))
    for (const [key, append] of keys) {
      const name = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      const inline = new RegExp(`^[ \\t]*${name}[ \\t]*=`, 'm').exec(before)
      const table = append ? new RegExp(`^[ \\t]*\\[[ \\t]*${name}[ \\t]*[.\\]]`, 'm').exec(before) : null
      const at = inline ?? table
      if (!at) continue
      const line = before.slice(0, at.index).split('\n').length
      throw new ConfigParseError(
        file,
        line,
        1,
        append
          ? `'${key}' is written as ${inline ? `an inline value (${key} = …)` : `a table ([${key}])`}, which TOML does not let outfit add [[${key}]] entries to; write your entries as [[${key}]] sections and run again, nothing was written`
          : `'${key}' is written as an inline table (${key} = { … }), which TOML does not let outfit add [${key}.<name>] tables to; write your entries as [${key}.<name>] sections and run again, nothing was written`,
      )
    }
    parseToml(file, merged)
  }
}

/** The kit's tables and [[array]] elements as one tree, for the region. */
function treeOf(leaves: BuiltEntry[]): Record<string, unknown> {
  const tree: Record<string, unknown> = {}
  for (const leaf of leaves) {
    if (leaf.append) pushDeep(tree, leaf.path, leaf.value)
    else setDeep(tree, leaf.path, leaf.value)
  }
  return tree
}

/** Whether the user's tables outside the region already hold this entry, as the tool reads it. */
function takenOver(userTables: Record<string, unknown>, leaf: BuiltEntry): boolean {
  if (leaf.shape === undefined) return false
  const found = getDeep(userTables, leaf.path)
  if (!leaf.append) return found.found && sameEntry(found.value, leaf.value, leaf as EntryShapes)
  const list = found.value
  return Array.isArray(list) && list.some((item) => coversAsData(item, leaf.value, leaf.shape))
}

function getDeep(tree: Record<string, unknown>, path: string[]): { found: boolean; value?: unknown } {
  let node: unknown = tree
  for (const key of path) {
    if (!node || typeof node !== 'object' || !Object.hasOwn(node, key)) return { found: false }
    node = (node as Record<string, unknown>)[key]
  }
  return { found: true, value: node }
}

function setDeep(tree: Record<string, unknown>, path: string[], value: unknown): void {
  let node = tree
  for (const key of path.slice(0, -1)) {
    node[key] ??= {}
    node = node[key] as Record<string, unknown>
  }
  node[path[path.length - 1] ?? ''] = value
}

/** Appends an element to the array at `path` (an array of tables once stringified). */
function pushDeep(tree: Record<string, unknown>, path: string[], value: unknown): void {
  let node = tree
  for (const key of path.slice(0, -1)) {
    node[key] ??= {}
    node = node[key] as Record<string, unknown>
  }
  const last = path[path.length - 1] ?? ''
  const list = (node[last] ??= []) as unknown[]
  list.push(value)
}

function hasDeep(tree: Record<string, unknown>, path: string[]): boolean {
  let node: unknown = tree
  for (const key of path) {
    if (!node || typeof node !== 'object' || !Object.hasOwn(node, key)) return false
    node = (node as Record<string, unknown>)[key]
  }
  return true
}

// yaml-merge: adds the kit's keys to a YAML config file (Continue's and Goose's config.yaml, Aider's .aider.conf.yml),
// keeping the user's comments, formatting and every key it does not own. Same ownership as json-merge: a key (or a
// named list element) the user already holds with other content is refused without --force. Inverse: yaml-unmerge.
import type { YamlMergeParams } from '../generated/target.js'
import { ConflictError } from '../errors.js'
import { deepEqual } from '../formats/deep-equal.js'
import { sameEntry, type EntryShapes } from '../formats/unmap-entry.js'
import { parseYaml, yamlAppend, yamlGet, yamlSet, yamlSetItem } from '../formats/yaml-edit.js'
import type { OwnedKey } from '../types.js'
import { previousChange } from './claims.js'
import { buildEntries, patchLeaves, type BuiltEntry } from './kit-entries.js'
import { claimsOn, type Claim } from './claims.js'
import {
  appendLeaf,
  editSharedFile,
  leafContainers,
  mergeKey,
  usersItem,
  type KeyedDocument,
} from './shared-file.js'
import { resolveDest } from './resolve.js'
import type { Action, ActionContext } from './types.js'
import { unmergeYaml } from './yaml-unmerge.js'

const YAML_FORMAT = 'yaml'

export const yamlMerge: Action<YamlMergeParams> = {
  name: 'yaml-merge',
  description: 'Merge owned keys into a YAML file, keeping comments, formatting and everything else.',
  inverse: 'yaml-unmerge',
  async run(params, ctx) {
    const path = await resolveDest(ctx, params.file)
    const leaves = [
      ...patchLeaves(params.patch ?? {}, ctx),
      ...appendLeaves(params.append ?? {}, ctx),
      ...(params.entries ? buildEntries(params.entries, ctx) : []),
    ]
    // Other installed tools' claims on this file: a key one of them owns is co-owned, not the user's.
    const claims = await claimsOn(ctx, path)
    return editSharedFile(ctx, path, YAML_FORMAT, (text) => {
      parseYaml(path, text)
      const pruned = pruneStale(ctx, path, text, leaves)
      return mergeLeaves(ctx, path, pruned, leaves, claims)
    })
  },
}

// --- internal ---

const YAML_DOCUMENT: KeyedDocument = { get: yamlGet, set: yamlSet }

/** `append: { read: [a, b] }` → one owned list item per value. */
function appendLeaves(append: Record<string, unknown>, ctx: ActionContext): BuiltEntry[] {
  return patchLeaves(append, ctx).flatMap((leaf) =>
    (Array.isArray(leaf.value) ? leaf.value : [leaf.value]).map((value) => ({
      path: leaf.path,
      value,
      append: true,
    })),
  )
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
    owned.push(...leafContainers(ctx, file, out, leaf, claims, YAML_DOCUMENT))
    if (leaf.append) {
      const current = yamlGet(out, leaf.path)
      if (current.found && current.value !== null && !Array.isArray(current.value)) {
        throw new ConflictError(`${file}: '${leaf.path.join('.')}' holds a single value, not a list`, {
          hint: 'make it a list (one `- item` per line) and run again',
        })
      }
      const list = Array.isArray(current.value) ? (current.value as unknown[]) : []
      if (leaf.key) {
        const merged = mergeNamed(ctx, file, out, leaf, list, claims)
        out = merged.text
        owned.push(merged.owned)
        continue
      }
      const appended = appendLeaf(ctx, file, leaf, list, claims, YAML_DOCUMENT)
      if (appended.append) out = yamlAppend(out, leaf.path, leaf.value)
      owned.push(appended.owned)
      continue
    }
    const merged = mergeKey(ctx, file, out, leaf, claims, YAML_DOCUMENT)
    out = merged.text
    owned.push(merged.owned)
  }
  return { text: out, owned }
}

/** One element of a named list (`- name: x`): added, updated when it is outfit's, refused when it is the user's. */
function mergeNamed(
  ctx: ActionContext,
  file: string,
  text: string,
  leaf: BuiltEntry,
  list: unknown[],
  claims: readonly Claim[],
): { text: string; owned: OwnedKey } {
  const key = leaf.key ?? 'name'
  const name = nameOf(leaf.value, key)
  const index = list.findIndex((item) => nameOf(item, key) === name)
  const prev = previousNamed(ctx, file, leaf.path, key, name)
  const owned = (before: { value: unknown } | undefined): OwnedKey => ({
    path: leaf.path,
    value: leaf.value,
    append: true,
    key,
    ...(before ? { before } : {}),
  })
  if (index < 0) return { text: yamlAppend(text, leaf.path, leaf.value), owned: owned(undefined) }
  const current = list[index]
  // The user's entry, the same to the tool as the kit's (or but for constants it leaves out): taken over as it is,
  // owned with itself as `before` so that uninstall leaves it. One this tool wrote before stays outfit's.
  const same =
    deepEqual(current, leaf.value) ||
    (leaf.shape !== undefined && sameEntry(current, leaf.value, leaf as EntryShapes))
  if (same) {
    const before = prev
      ? prev.before
      : usersItem(ctx, file, leaf.path, current, claims, YAML_DOCUMENT)
        ? { value: current }
        : undefined
    return { text, owned: { ...owned(before), value: before ? current : leaf.value } }
  }
  const ours = prev !== undefined && deepEqual(prev.value, current)
  if (!ours && !ctx.force) {
    throw new ConflictError(
      `${file}: '${leaf.path.join('.')}' already has an entry named '${String(name)}' that outfit did not write`,
      {
        hint: 'rename the entry in the kit, remove yours, or re-run with --force to replace it (your entry is restored on uninstall)',
      },
    )
  }
  return {
    text: yamlSetItem(text, leaf.path, index, leaf.value),
    owned: owned(ours ? prev.before : { value: current }),
  }
}

/**
 * What this tool's previous install owned in the same containers of this file and no longer sets (a server the kit
 * dropped): removed now, so that it does not outlive the manifest that no longer records it.
 */
function pruneStale(ctx: ActionContext, file: string, text: string, leaves: BuiltEntry[]): string {
  const prev = previousChange(ctx, file)
  if (!prev || prev.kind !== 'edit') return text
  const containers = leaves.map((l) => (l.append ? l.path : l.path.slice(0, -1)))
  const setsIt = (k: OwnedKey) =>
    leaves.some(
      (l) =>
        deepEqual(l.path, k.path) &&
        !!l.append === !!k.append &&
        (!k.append ||
          (k.key ? nameOf(l.value, k.key) === nameOf(k.value, k.key) : deepEqual(l.value, k.value))),
    )
  const stale = prev.owned.filter(
    (k) =>
      !k.container &&
      containers.some((c) => deepEqual(c, k.append ? k.path : k.path.slice(0, -1))) &&
      !setsIt(k),
  )
  if (stale.length === 0) return text
  const result = unmergeYaml(file, text, stale, () => false, ctx.force)
  for (const k of result.kept) ctx.log.warn(`kept ${k.path}: ${k.reason} (no longer part of the kit)`)
  return result.text
}

function previousNamed(
  ctx: ActionContext,
  file: string,
  path: string[],
  key: string,
  name: unknown,
): OwnedKey | undefined {
  const prev = previousChange(ctx, file)
  if (!prev || prev.kind !== 'edit') return undefined
  return prev.owned.find((k) => k.key === key && deepEqual(k.path, path) && nameOf(k.value, key) === name)
}

function nameOf(item: unknown, key: string): unknown {
  return item && typeof item === 'object' && !Array.isArray(item)
    ? (item as Record<string, unknown>)[key]
    : undefined
}

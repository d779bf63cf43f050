// yaml-unmerge: the inverse of yaml-merge. Removes exactly the keys and named list elements outfit owns (restoring
// what they replaced); one the user changed since is kept and reported. Untouched files come back byte for byte
// (shared-file's fast path); otherwise only outfit's lines are removed.
import { deepEqual } from '../formats/deep-equal.js'
import { parseYaml, yamlGet, yamlSet, yamlSetItem } from '../formats/yaml-edit.js'
import type { Kept, OwnedKey } from '../types.js'
import { undoSharedEdits } from './shared-file.js'
import type { InverseAction } from './types.js'

export const yamlUnmerge: InverseAction = {
  name: 'yaml-unmerge',
  description: 'Remove the keys yaml-merge added and restore the values they replaced.',
  undo: (changes, ctx, how) =>
    undoSharedEdits(changes, ctx, how, (path, text, owned, claimed) => {
      parseYaml(path, text)
      return unmergeYaml(path, text, owned, claimed, ctx.force)
    }),
}

export function unmergeYaml(
  file: string,
  text: string,
  owned: OwnedKey[],
  claimed: (key: OwnedKey) => boolean,
  force: boolean,
): { text: string; kept: Kept[] } {
  const kept: Kept[] = []
  let out = text
  for (const key of [...owned].reverse()) {
    if (claimed(key)) continue
    const current = yamlGet(out, key.path)
    if (key.container) {
      const v = current.value
      const empty =
        v === null ||
        (Array.isArray(v) && v.length === 0) ||
        (v && typeof v === 'object' && Object.keys(v).length === 0)
      if (current.found && empty) out = yamlSet(out, key.path, undefined)
      continue
    }
    if (key.append) {
      const list = Array.isArray(current.value) ? (current.value as unknown[]) : []
      const index = list.findIndex((item) => deepEqual(item, key.value))
      // An item taken over as it was stays as it is.
      if (index >= 0 && key.before && deepEqual(list[index], key.before.value)) continue
      if (index >= 0) {
        out = yamlSetItem(out, key.path, index, key.before ? key.before.value : undefined)
        continue
      }
      const named = key.key
        ? list.findIndex((item) => nameOf(item, key.key ?? '') === nameOf(key.value, key.key ?? ''))
        : -1
      if (named < 0) continue
      if (force) out = yamlSetItem(out, key.path, named, key.before ? key.before.value : undefined)
      else
        kept.push({
          path: `${file} › ${key.path.join('.')} › ${String(nameOf(key.value, key.key ?? ''))}`,
          reason: 'changed since outfit set it',
        })
      continue
    }
    const unchanged = current.found ? deepEqual(current.value, key.value) : key.value === null
    if (!unchanged && !force) {
      if (current.found)
        kept.push({ path: `${file} › ${key.path.join('.')}`, reason: 'changed since outfit set it' })
      continue
    }
    if (current.found && key.before && deepEqual(current.value, key.before.value)) continue
    out = yamlSet(out, key.path, key.before ? key.before.value : undefined)
  }
  return { text: out, kept }
}

// --- internal ---

function nameOf(item: unknown, key: string): unknown {
  return item && typeof item === 'object' && !Array.isArray(item)
    ? (item as Record<string, unknown>)[key]
    : undefined
}

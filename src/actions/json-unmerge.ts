// json-unmerge: the inverse of json-merge. Removes exactly the keys outfit owns (restoring what they replaced); a key
// the user changed since is kept and reported.
import { deepEqual } from '../formats/deep-equal.js'
import { getAt, parseJsonc, setAt } from '../formats/json-edit.js'
import type { Kept, OwnedKey } from '../types.js'
import { undoSharedEdits } from './shared-file.js'
import type { InverseAction } from './types.js'

export const jsonUnmerge: InverseAction = {
  name: 'json-unmerge',
  description: 'Remove the keys json-merge added and restore the values they replaced.',
  undo: (changes, ctx, how) =>
    undoSharedEdits(changes, ctx, how, (path, text, owned, claimed) => {
      parseJsonc(path, text)
      return unmergeJson(path, text, owned, claimed, ctx.force)
    }),
}

export function unmergeJson(
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
    const current = getAt(out, key.path)
    if (key.container) {
      const v = current.value
      const empty =
        (Array.isArray(v) && v.length === 0) || (v && typeof v === 'object' && Object.keys(v).length === 0)
      if (current.found && empty) out = setAt(out, key.path, undefined)
      continue
    }
    if (key.append) {
      const list = Array.isArray(current.value) ? current.value : []
      // An item that was the user's before outfit (taken over at install) stays theirs.
      if (key.before) continue
      const index = list.findIndex((item) => deepEqual(item, key.value))
      if (index >= 0) out = setAt(out, [...key.path, index], undefined)
      continue
    }
    const unchanged = current.found ? deepEqual(current.value, key.value) : key.value === null
    if (!unchanged && !force) {
      if (current.found)
        kept.push({ path: `${file} › ${key.path.join('.')}`, reason: 'changed since outfit set it' })
      continue
    }
    // Putting back what is already there would only reformat it (an entry taken over as it was).
    if (current.found && key.before && deepEqual(current.value, key.before.value)) continue
    out = setAt(out, key.path, key.before ? key.before.value : undefined)
  }
  return { text: out, kept }
}

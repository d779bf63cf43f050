// The keys a step lets a kit item's `outfit.overrides.<tool>` set: the step's declared `accepts` (the tool's documented
// keys, cited in the preset or target), else what the step itself writes. A key outside them is refused at load time
// (src/kit/check-targeting.ts) and never written at install (copy, entries).
import type { CopyParams, Entries, Transform } from '../generated/target.js'

export type Accepted = ReadonlySet<string> | 'any'

/** What a copy step accepts: its `accepts`, else the keys its transforms write ('any' when the frontmatter passes). */
export function copyAccepts(params: Pick<CopyParams, 'accepts' | 'transform'>): Accepted {
  if (params.accepts) return new Set(params.accepts)
  return writtenKeys(params.transform ?? [])
}

/** What an entries step accepts: its `accepts`, else the top-level keys of its shapes. */
export function entriesAccepts(spec: Entries): Accepted {
  if (spec.accepts) return new Set(spec.accepts)
  const shapes = [spec.stdio, spec.remote, spec.sse, spec.shape, ...Object.values(spec.eventShapes ?? {})]
  return new Set(shapes.flatMap((s) => (s && typeof s === 'object' ? Object.keys(s) : [])))
}

/** Joins what several steps accept (one tool's steps that take the same item). */
export function unionAccepted(all: Accepted[]): Accepted {
  if (all.includes('any')) return 'any'
  return new Set(all.flatMap((a) => [...(a as ReadonlySet<string>)]))
}

/**
 * The keys a list of transforms leaves in the output: a file copied as it is, or whose frontmatter is edited without
 * `keep`, passes the kit's keys through ('any'); `keep` narrows to its keys; `set`, `default`, `cases` and renames
 * add theirs; `drop` and `remove` take them away; an output transform (`toml`, `json`) writes exactly its keys and a
 * `template` none.
 */
export function writtenKeys(transforms: readonly Transform[]): Accepted {
  let keys: Set<string> | 'any' = 'any'
  for (const t of transforms) {
    if (t.template !== undefined) return new Set()
    if (t.toml) return new Set(Object.keys(t.toml))
    if (t.json) return new Set(Object.keys(t.json))
    const fm = t.frontmatter
    if (!fm) continue
    if (fm.remove) {
      keys = new Set()
      continue
    }
    if (fm.keep)
      keys = keys === 'any' ? new Set(fm.keep) : new Set(fm.keep.filter((k) => keys !== 'any' && keys.has(k)))
    if (keys === 'any') continue
    for (const key of fm.drop ?? []) keys.delete(key)
    for (const [from, to] of Object.entries(fm.rename ?? {})) {
      if (keys.delete(from)) keys.add(to)
    }
    for (const key of [
      ...Object.keys(fm.default ?? {}),
      ...Object.keys(fm.set ?? {}),
      ...Object.keys(fm.cases ?? {}),
    ])
      keys.add(key)
  }
  return keys
}

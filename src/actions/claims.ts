// Several tools may install the same file or block (AGENTS.md, .agents/skills). A claim is another installed tool's
// manifest entry for the same path: such content is outfit's, not the user's, and stays while any tool still uses it.
import type { Change } from '../types.js'
import type { ManifestFile } from '../state/manifest-file.js'
import type { ActionContext } from './types.js'

export interface Claim {
  tool: string
  change: Change
}

export async function claimsOn(ctx: ActionContext, path: string, blockId?: string): Promise<Claim[]> {
  const out: Claim[] = []
  for (const manifest of await ctx.others()) {
    for (const change of changesByPath(manifest).get(path) ?? []) {
      if (
        blockId !== undefined &&
        !(change.kind === 'edit' && change.owned.some((k) => k.path[0] === blockId))
      )
        continue
      out.push({ tool: manifest.tool, change })
    }
  }
  return out
}

/** The latest change this tool's previous install recorded for a path. */
export function previousChange(ctx: ActionContext, path: string): Change | undefined {
  return previousChanges(ctx, path).at(-1)
}

/** Every change this tool's previous install recorded for a path, in manifest order (several steps may edit one file). */
export function previousChanges(ctx: ActionContext, path: string): readonly Change[] {
  return ctx.previous ? (changesByPath(ctx.previous).get(path) ?? []) : []
}

// --- internal ---

/**
 * A manifest's changes by path, in manifest order, built once per manifest: looking a path up by scanning every change
 * made a re-install quadratic in the number of files. Manifests are read-only once loaded, so the index stays valid.
 */
const indexes = new WeakMap<ManifestFile, Map<string, Change[]>>()

function changesByPath(manifest: ManifestFile): Map<string, Change[]> {
  let index = indexes.get(manifest)
  if (!index) {
    index = new Map()
    for (const step of manifest.steps) {
      for (const change of step.changes) {
        const list = index.get(change.path)
        if (list) list.push(change)
        else index.set(change.path, [change])
      }
    }
    indexes.set(manifest, index)
  }
  return index
}

// Several tools may install the same file or block (AGENTS.md, .agents/skills). A claim is another installed tool's
// manifest entry for the same path: such content is outfit's, not the user's, and stays while any tool still uses it.
import type { Change } from '../types.js'
import type { ActionContext } from './types.js'

export interface Claim {
  tool: string
  change: Change
}

export async function claimsOn(ctx: ActionContext, path: string, blockId?: string): Promise<Claim[]> {
  const out: Claim[] = []
  for (const manifest of await ctx.others()) {
    for (const step of manifest.steps) {
      for (const change of step.changes) {
        if (change.path !== path) continue
        if (blockId !== undefined && !(change.kind === 'edit' && change.owned.some((k) => k.path[0] === blockId))) continue
        out.push({ tool: manifest.tool, change })
      }
    }
  }
  return out
}

/** The latest change this tool's previous install recorded for a path. */
export function previousChange(ctx: ActionContext, path: string): Change | undefined {
  let found: Change | undefined
  for (const step of ctx.previous?.steps ?? []) for (const c of step.changes) if (c.path === path) found = c
  return found
}

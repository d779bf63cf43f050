// Turns a path template from a target into an absolute path that is guaranteed to stay inside the scope root.
import { assertNoSymlinkEscape, containPath, type ContainCache } from '../fs/contain.js'
import { interpolate, recordLookup, type Lookup } from '../vars/interpolate.js'
import type { ActionContext } from './types.js'

export function render(
  ctx: ActionContext,
  template: string,
  extra: Record<string, string | undefined> = {},
): string {
  const local = recordLookup(extra)
  // A frontmatter field the file does not have is empty, so `{{#item.fm.globs}}` can test for it.
  const lookup: Lookup = (name) =>
    local(name) ??
    ctx.vars(name) ??
    (name.startsWith('item.fm.') && Object.hasOwn(extra, 'item.path') ? '' : undefined)
  return interpolate(template, lookup)
}

export async function resolveDest(
  ctx: ActionContext,
  template: string,
  extra: Record<string, string | undefined> = {},
): Promise<string> {
  const path = containPath(ctx.scope.root, ctx.scope.dir, render(ctx, template, extra))
  await assertNoSymlinkEscape(ctx.fs, ctx.scope.root, path, containCache(ctx))
  return path
}

// --- internal ---

/** One cache per scope root for the whole run, shared by every tool writing under that root. */
function containCache(ctx: ActionContext): ContainCache {
  const key = `contain:${ctx.scope.root}`
  let cache = ctx.run.get(key) as ContainCache | undefined
  if (!cache) ctx.run.set(key, (cache = { safe: new Set() }))
  return cache
}

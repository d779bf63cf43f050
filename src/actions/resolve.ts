// Turns a path template from a target into an absolute path that is guaranteed to stay inside the scope root.
import { assertNoSymlinkEscape, containPath } from '../fs/contain.js'
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
  // One cache per scope root for the whole run, shared by every tool writing under that root.
  await assertNoSymlinkEscape(ctx.fs, ctx.scope.root, path, ctx.run.containCache(ctx.scope.root))
  return path
}

// A fetched kit is someone else's tree: a symlink in it may point anywhere on this machine (`mcp.yaml -> ~/.ssh/…`,
// a kit folder -> /etc). Its integrity covers only the link text, so what such a link leads to could change under the
// same lock. Every link must stay inside the kit folder, and the kit folder itself must be a real folder inside what
// was fetched; anything else is refused before the kit is hashed, cached or read.
import { lstat, readdir, realpath } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { SourceError } from '../errors.js'
import { isInside } from '../fs/contain.js'

export async function checkContained(
  name: string,
  raw: string,
  fetched: string,
  kitDir: string,
): Promise<void> {
  const refuse = (what: string) =>
    new SourceError(
      `kit '${name}': ${what}, outside what was fetched from ${raw}; outfit reads a kit only inside it`,
      {
        hint: 'ask the kit author to replace the link with the file itself',
      },
    )
  const root = await realpath(fetched)
  // Each folder from the fetched root down to the kit folder must be a real folder (`::path:kits/k` may be a link).
  let at = fetched
  for (const part of relative(fetched, kitDir).split(/[\\/]/).filter(Boolean)) {
    at = join(at, part)
    const st = await lstat(at).catch(() => undefined)
    if (st?.isSymbolicLink()) throw refuse(`the kit folder '${relative(fetched, at)}' is a symlink`)
  }
  const kit = await realpath(kitDir).catch(() => kitDir)
  if (!isInside(root, kit)) throw refuse(`the kit folder leads to ${kit}`)
  for (const entry of await readdir(kitDir, { withFileTypes: true, recursive: true })) {
    if (!entry.isSymbolicLink()) continue
    const full = join(entry.parentPath, entry.name)
    if (relative(kitDir, full).split(/[\\/]/)[0] === '.git') continue
    const target = await realpath(full).catch(() => undefined)
    if (target === undefined || !isInside(kit, target))
      throw refuse(
        `'${relative(kitDir, full)}' is a symlink that leads ${target ? `to ${target}` : 'nowhere'}`,
      )
  }
}

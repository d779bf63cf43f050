// Several kits → one kit folder the pipelines can install as usual: the files of every kit side by side (they were
// checked not to collide), their MCP servers and hooks together. Kept in the cache under a hash of its inputs.
import { createHash } from 'node:crypto'
import { cp, mkdir, rename, rm, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { UsageError } from '../errors.js'
import type { Kit } from '../types.js'

export async function mergeKits(
  kits: { name: string; kit: Kit; integrity?: string }[],
  cacheRoot: string,
): Promise<Kit> {
  const prefixes = new Set(kits.map((k) => k.kit.prefix ?? ''))
  if (prefixes.size > 1) {
    throw new UsageError(
      `kits ${kits.map((k) => `'${k.name}' (prefix '${k.kit.prefix ?? ''}')`).join(', ')} use different file prefixes; kits installed together must share one`,
      {
        hint: 'install them from separate projects, or give them the same prefix in kit.yaml',
      },
    )
  }
  const key = createHash('sha256')
  for (const k of kits) key.update(`${k.name}\0${k.kit.dir}\0${k.integrity ?? 'local'}\n`)
  const dir = join(cacheRoot, 'merged', key.digest('hex').slice(0, 32))
  // Local kits change under our feet, so their merged copy is always rebuilt; fetched ones are immutable.
  const reusable = kits.every((k) => k.integrity !== undefined) && (await isDir(dir))
  if (!reusable) await build(dir, kits)
  const [first] = kits
  return {
    dir,
    name: kits.map((k) => k.kit.name).join('+'),
    version: kits.map((k) => `${k.kit.name}@${k.kit.version}`).join('+'),
    description: `kits ${kits.map((k) => k.name).join(', ')}`,
    ...(first?.kit.prefix !== undefined ? { prefix: first.kit.prefix } : {}),
    mcp: kits.flatMap((k) => k.kit.mcp),
    hooks: kits.flatMap((k) => k.kit.hooks),
    files: [...new Set(kits.flatMap((k) => k.kit.files))].sort(),
    // Each kit's items keep their `outfit:` blocks: their paths do not collide (checked before merging).
    ...(kits.some((k) => k.kit.items)
      ? { items: Object.assign({}, ...kits.map((k) => k.kit.items ?? {})) as NonNullable<Kit['items']> }
      : {}),
  }
}

// --- internal ---

async function build(dir: string, kits: { kit: Kit }[]): Promise<void> {
  const tmp = `${dir}.${process.pid}.tmp`
  await rm(tmp, { recursive: true, force: true })
  for (const { kit } of kits) {
    for (const file of kit.files) {
      await mkdir(dirname(join(tmp, file)), { recursive: true })
      await cp(join(kit.dir, file), join(tmp, file), { preserveTimestamps: true })
    }
  }
  await mkdir(tmp, { recursive: true })
  await rm(dir, { recursive: true, force: true })
  await rename(tmp, dir)
}

async function isDir(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory()
  } catch {
    return false
  }
}

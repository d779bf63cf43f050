// The `$schema` a scaffolded file points at, so that editors validate it on every machine, not only the one that ran
// `outfit init`: outfit's schemas inside the project's own node_modules (a relative path, as the README shows), else
// the schemas published with this version of outfit. Never the absolute path of one machine's global install.
import { readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { exists, type Fs } from '../fs/fs.js'
import { packageRoot, schemasDir } from '../package-root.js'

export type SchemaRef = (schemaFile: string) => string

export async function schemaRefFor(fs: Fs, fromDir: string): Promise<SchemaRef> {
  const rel =
    (dir: string): SchemaRef =>
    (file) =>
      relative(fromDir, join(dir, file)).split('\\').join('/')
  // Inside outfit's own checkout (its examples, its tests): the schemas right there.
  if (!relative(packageRoot, fromDir).startsWith('..')) return rel(schemasDir)
  for (let dir = fromDir; ; dir = join(dir, '..')) {
    const installed = join(dir, 'node_modules', 'outfit-cli', 'schemas')
    if (await exists(fs, installed)) return rel(installed)
    if (join(dir, '..') === dir) break
  }
  const version = (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string })
    .version
  return (file) => `${PUBLISHED}@${version}/schemas/${file}`
}

// --- internal ---

/** The package as published on npm (`outfit-cli`: the name `outfit` belongs to an unrelated package), served by a CDN that every editor's YAML plugin can fetch. */
const PUBLISHED = 'https://unpkg.com/outfit-cli'

// One kit → one package per format: the Agent Plugin built here, each vendor's by its target's plugin scope. Each
// package is a tree of files in memory, with what of the kit it does not carry and why; writing is the caller's.
import { join } from 'node:path'
import { InternalError } from '../errors.js'
import type { Fs } from '../fs/fs.js'
import type { Dropped, Kit, LoadedTarget } from '../types.js'
import { agentPlugin } from './agent-plugin.js'
import { FORMAT_TARGETS, type Format } from './formats.js'
import { carriedItems } from './kit-items.js'
import { runPluginScope, type PackedFile } from './run-plugin-scope.js'

export interface Package {
  format: Format
  kit: { name: string; version: string }
  /** path relative to the package root → file, sorted by path. */
  files: Map<string, PackedFile>
  /** The kit's items (content files, MCP servers, hooks) the package gives its tool. */
  items: string[]
  /** Kit content the package does not give its tool, and why. */
  dropped: Dropped[]
  /** The marketplace listing(s) of this one package (path relative to a marketplace root → bytes). */
  listings: Map<string, Uint8Array>
  /** Where listings expect the package, relative to the marketplace root (`plugins/codex/<kit>`). */
  packageDir: string
}

export async function packKit(
  fs: Fs,
  kit: Kit,
  formats: readonly Format[],
  targets: readonly LoadedTarget[],
  /** A folder that is not on the disk: each format's scope runs there, on an overlay. */
  staging: string,
): Promise<Package[]> {
  const out: Package[] = []
  for (const format of formats) {
    const id = { name: kit.name, version: kit.version }
    if (format === 'agent-plugin') {
      const built = await agentPlugin(fs, kit)
      out.push({
        format,
        kit: id,
        files: built.files,
        items: carriedItems(kit, built.dropped),
        dropped: built.dropped,
        listings: new Map(),
        packageDir: kit.name,
      })
      continue
    }
    const target = targets.find((t) => t.spec.id === FORMAT_TARGETS[format])
    if (!target)
      throw new InternalError(`no '${FORMAT_TARGETS[format]}' target to make the ${format} package`)
    const scope = await runPluginScope(fs, target, kit, join(staging, format))
    out.push({ format, kit: id, ...scope, items: carriedItems(kit, scope.dropped) })
  }
  return out
}

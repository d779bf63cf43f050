// One kit → one package per format: the Agent Plugin built here, each vendor's by its target's plugin scope. Each
// package is a tree of files in memory, with what of the kit it does not carry and why; writing is the caller's.
import { join } from 'node:path'
import type { Fs } from '../fs/fs.js'
import type { Dropped, Kit } from '../types.js'
import { agentPlugin, kitExtension } from './agent-plugin.js'
import type { FormatSpec } from './formats.js'
import { carriedItems } from './kit-items.js'
import { runPluginScope, type PackedFile } from './run-plugin-scope.js'

export interface Package {
  format: string
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
  formats: readonly FormatSpec[],
  /** A folder that is not on the disk: each format's scope runs there, on an overlay. */
  staging: string,
): Promise<Package[]> {
  const out: Package[] = []
  for (const { name: format, target } of formats) {
    const id = { name: kit.name, version: kit.version }
    if (!target) {
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
    const scope = await runPluginScope(fs, target, kit, join(staging, format))
    // Beside the tool's own files, the kit itself (dev.outfit/): what the format has no place for, or holds only in its
    // tool's form, still comes back whole when the package is installed as a kit.
    const files = new Map(
      [...scope.files, ...(await kitExtension(fs, kit))].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    )
    out.push({ format, kit: id, ...scope, files, items: carriedItems(kit, scope.dropped) })
  }
  return out
}

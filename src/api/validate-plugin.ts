// `validate --kit <plugin folder>`: a plugin (Agent Plugin, Claude, Cursor, Codex or Copilot plugin, Gemini extension)
// is checked as install reads it, by the same reader (src/plugins/plugin-as-kit.ts). The kit it is read into is
// written to a cache on a copy-on-write overlay, so validate writes nothing; the checks' findings on that kit are
// named by the plugin's folder, and what the plugin holds that a kit cannot carry is said as install says it.
import { join, relative } from 'node:path'
import type { Fs } from '../fs/fs.js'
import { OverlayFs } from '../plan/overlay-fs.js'
import { formatName } from '../plugins/declarations.js'
import { pluginAsKit } from '../plugins/plugin-as-kit.js'
import type { Diagnostic } from '../types.js'

export type PluginKitCheck =
  | {
      ok: true
      /** The overlay the kit was written to, and the kit's folder there. */
      fs: Fs
      dir: string
      /** The reader's notes, as warnings on the plugin's manifest. */
      warnings: Diagnostic[]
      /** A finding on the kit, named by the plugin's folder instead of the in-memory cache. */
      locate: (d: Diagnostic) => Diagnostic
    }
  | { ok: false; diagnostics: Diagnostic[] }

/** undefined: `dir` is a kit (kit.yaml) or nothing outfit reads. */
export async function readPluginKit(fs: Fs, dir: string): Promise<PluginKitCheck | undefined> {
  const overlay = new OverlayFs(fs)
  const cache = join(dir, '.outfit-validate-cache')
  const plugin = await pluginAsKit(overlay.fs, dir, cache)
  if (!plugin) return undefined
  if (!plugin.ok) return { ok: false, diagnostics: plugin.diagnostics }
  const name = formatName(plugin.format)
  const kitDir = plugin.dir
  return {
    ok: true,
    fs: overlay.fs,
    dir: kitDir,
    warnings: plugin.notes.map((note) => ({
      file: join(dir, plugin.manifest),
      line: 1,
      column: 1,
      pointer: '',
      message: `${name} read as a kit: ${note}`,
      severity: 'warning' as const,
    })),
    locate: (d) =>
      d.file === kitDir || d.file.startsWith(`${kitDir}/`)
        ? { ...d, file: `${dir} › ${name} read as a kit › ${relative(kitDir, d.file) || '.'}` }
        : d,
  }
}

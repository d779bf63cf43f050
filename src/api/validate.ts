// `validate`: the named files, each checked as what it is; or, with none named, the config file and every known
// target; plus the whole kit with `kit`. Returns diagnostics as data; the caller renders them.
import { resolve } from 'node:path'
import { validateFile } from './validate-file.js'
import { discoverTargets } from './targets.js'
import { missingTargetFolders, unknownConfigTools } from '../config/load-config.js'
import { TargetInvalidError } from '../errors.js'
import type { Fs } from '../fs/fs.js'
import { loadKit } from '../kit/load-kit.js'
import { readPluginKit } from './validate-plugin.js'
import type { Diagnostic, LoadedTarget } from '../types.js'
import { readConfig, targetDirs } from './workspace.js'

export interface ValidateRequest {
  fs: Fs
  /** Relative paths start here. */
  cwd: string
  /** The files to check (default: the config file and every known target). */
  files?: string[]
  /** Extra folders of target YAML files. */
  targets?: string | string[]
  /** The config file (default: the nearest outfit.config.yaml). */
  config?: string
  /** Also check this kit folder. */
  kit?: string
}

export async function validate(
  request: ValidateRequest,
): Promise<{ diagnostics: Diagnostic[]; checked: number }> {
  const files = request.files ?? []
  const diagnostics: Diagnostic[] = []
  let checked = 0
  // The tools a kit's `outfit:` blocks may name: every known target (read below, or for the kit alone).
  let known: LoadedTarget[] | undefined
  if (files.length > 0) {
    const results = await Promise.all(files.map((f) => validateFile(request.fs, resolve(request.cwd, f))))
    diagnostics.push(...results.flatMap((r) => r.diagnostics))
    checked += files.length
  } else {
    // The config file is checked first: its targets folders are only known once it is valid.
    let config
    try {
      config = await readConfig(request, request.config)
      if (config) checked++
    } catch (error) {
      if (!(error instanceof TargetInvalidError)) throw error
      diagnostics.push(...error.diagnostics)
      checked++
    }
    if (config) {
      // Reported at their line in the config, then left out so they are not reported twice.
      const missing = await missingTargetFolders(request.fs, config)
      diagnostics.push(...missing)
      config = {
        ...config,
        targets: config.targets.filter((dir) => !missing.some((d) => d.message.endsWith(dir))),
      }
    }
    const loaded = await discoverTargets({ fs: request.fs, targetDirs: targetDirs(request, config) })
    known = loaded.diagnostics.length === 0 ? loaded.targets : undefined
    diagnostics.push(...loaded.diagnostics, ...loaded.warnings)
    if (config && loaded.diagnostics.length === 0)
      diagnostics.push(
        ...unknownConfigTools(
          config,
          loaded.targets.map((t) => t.spec.id),
        ),
      )
    checked += loaded.targets.length + new Set(loaded.diagnostics.map((d) => d.file)).size
  }
  if (request.kit !== undefined) {
    known ??= await discoverTargets({ fs: request.fs, targetDirs: targetDirs(request, undefined) }).then(
      (l) => (l.diagnostics.length === 0 ? l.targets : undefined),
      () => undefined,
    )
    const kitDir = resolve(request.cwd, request.kit)
    // A plugin (no kit.yaml) is checked as install reads it: the same reader, into a cache that stays in memory.
    const plugin = await readPluginKit(request.fs, kitDir)
    if (plugin && !plugin.ok) {
      diagnostics.push(...plugin.diagnostics)
      return { diagnostics, checked: checked + new Set(plugin.diagnostics.map((d) => d.file)).size }
    }
    const kit = await loadKit(plugin ? plugin.fs : request.fs, plugin ? plugin.dir : kitDir, {
      checkContent: true,
      ...(known ? { targets: known } : {}),
    })
    if (plugin) {
      diagnostics.push(...plugin.warnings, ...(kit.ok ? kit.warnings : kit.diagnostics).map(plugin.locate))
      checked += kit.ok ? kit.value.files.length + 1 : new Set(kit.diagnostics.map((d) => d.file)).size
      return { diagnostics, checked }
    }
    diagnostics.push(...(kit.ok ? kit.warnings : kit.diagnostics))
    // Counted as files, like everything else validate reports: the kit's own YAML files and its content files.
    const meta = ['kit.yaml', 'mcp.yaml', 'hooks.yaml']
    const present = await Promise.all(
      meta.map((f) =>
        request.fs.stat(resolve(request.cwd, request.kit as string, f)).then(
          () => 1,
          () => 0,
        ),
      ),
    )
    checked += kit.ok
      ? kit.value.files.length + present.reduce<number>((a, b) => a + b, 0)
      : new Set(kit.diagnostics.map((d) => d.file)).size
  }
  return { diagnostics, checked }
}

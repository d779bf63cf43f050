// `outfit validate`: the named files, each checked as what it is; or, with none named, the config file and every
// known target; plus the whole kit with --kit. Returns diagnostics as data; the shell renders them.
import { resolve } from 'node:path'
import { validateFile } from '../api/validate-file.js'
import { discoverTargets } from '../api/targets.js'
import { missingTargetFolders, unknownConfigTools } from '../config/load-config.js'
import { TargetInvalidError } from '../errors.js'
import { loadKit } from '../kit/load-kit.js'
import type { Diagnostic } from '../types.js'
import { readConfig, targetDirs } from './context.js'
import type { CliDeps } from './index.js'

export interface ValidateFlags {
  targets?: string | string[]
  config?: string
  kit?: string
}

export async function validate(
  deps: CliDeps,
  files: string[],
  flags: ValidateFlags,
): Promise<{ diagnostics: Diagnostic[]; checked: number }> {
  const diagnostics: Diagnostic[] = []
  let checked = 0
  if (files.length > 0) {
    const results = await Promise.all(files.map((f) => validateFile(deps.fs, resolve(deps.cwd, f))))
    diagnostics.push(...results.flatMap((r) => r.diagnostics))
    checked += files.length
  } else {
    // The config file is checked first: its targets folders are only known once it is valid.
    let config
    try {
      config = await readConfig(deps, flags.config)
      if (config) checked++
    } catch (error) {
      if (!(error instanceof TargetInvalidError)) throw error
      diagnostics.push(...error.diagnostics)
      checked++
    }
    if (config) {
      // Reported at their line in the config, then left out so they are not reported twice.
      const missing = await missingTargetFolders(deps.fs, config)
      diagnostics.push(...missing)
      config = {
        ...config,
        targets: config.targets.filter((dir) => !missing.some((d) => d.message.endsWith(dir))),
      }
    }
    const loaded = await discoverTargets({ fs: deps.fs, targetDirs: targetDirs(deps, flags, config) })
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
  if (flags.kit !== undefined) {
    const kit = await loadKit(deps.fs, resolve(deps.cwd, flags.kit), { checkContent: true })
    diagnostics.push(...(kit.ok ? kit.warnings : kit.diagnostics))
    // Counted as files, like everything else validate reports: the kit's own YAML files and its content files.
    const meta = ['kit.yaml', 'mcp.yaml', 'hooks.yaml']
    const present = await Promise.all(
      meta.map((f) =>
        deps.fs.stat(resolve(deps.cwd, flags.kit as string, f)).then(
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

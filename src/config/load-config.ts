// outfit.config.yaml: a repository's defaults (kit, targets, scope, tools), found like other tools find theirs and
// validated like a target (schema → file:line:col diagnostics), with paths made absolute from the file's folder.
import { dirname, join, resolve } from 'node:path'
import { didYouMean } from '../did-you-mean.js'
import { exists, type Fs } from '../fs/fs.js'
import type { OutfitConfig } from '../generated/config.js'
import { locate, segmentsToPointer } from '../load/locate.js'
import { readValidated } from '../load/read-validated.js'
import type { ParsedYaml } from '../load/read-yaml.js'
import type { Diagnostic, LoadResult } from '../types.js'

export const CONFIG_FILE = 'outfit.config.yaml'

export interface LoadedConfig {
  file: string
  /** The folder that holds the file: relative paths in it, and the default project, start here. */
  dir: string
  /** `kit:` (named by its source) or `kits:`, in file order; sources are kept as written (relative to `dir`). */
  kits?: { name: string; source: string }[]
  /** Source patterns whose commands are trusted without asking. */
  trust: string[]
  targets: string[]
  scope?: string
  tools?: string[]
  concurrency?: number
  /** The MCP registry kits' `registry:` servers are resolved in. */
  mcpRegistry?: string
  /** Where the files outfit installs are kept out of git (none, block, exclude). */
  gitignore?: 'none' | 'block' | 'exclude'
  /** `minReleaseAge:` as written (e.g. 3d): update skips releases younger than that. */
  minReleaseAge?: string
  /** A monorepo's subproject patterns as written (relative to `dir`); `[]` turns workspace discovery off. */
  subprojects?: string[]
  /** Kept to point diagnostics found later (an unknown tool) at the right line. */
  parsed: ParsedYaml
}

/**
 * The config for a command run in `cwd`: the nearest outfit.config.yaml in `cwd` or a parent folder, stopping at
 * the repository root (the folder with `.git`) so that a stray file in your home does not steer every repository.
 */
export async function findConfig(fs: Fs, cwd: string): Promise<string | undefined> {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const file = join(dir, CONFIG_FILE)
    if (await exists(fs, file)) return file
    if ((await exists(fs, join(dir, '.git'))) || dirname(dir) === dir) return undefined
  }
}

export async function loadConfig(fs: Fs, file: string): Promise<LoadResult<LoadedConfig>> {
  const { parsed, diagnostics } = await readValidated(fs, file, 'config.schema.json')
  if (!parsed || diagnostics.length > 0) return { ok: false, diagnostics }
  const data = parsed.data as OutfitConfig
  if (data.kit !== undefined && data.kits !== undefined) {
    const pointer = segmentsToPointer(['kits'])
    return {
      ok: false,
      diagnostics: [
        {
          file,
          ...locate(parsed, pointer),
          pointer,
          message: 'use either kit (one kit) or kits (several), not both',
          severity: 'error',
        },
      ],
    }
  }
  const dir = dirname(file)
  const targets =
    data.targets === undefined ? [] : Array.isArray(data.targets) ? data.targets : [data.targets]
  return {
    ok: true,
    warnings: [],
    value: {
      file,
      dir,
      targets: targets.map((t) => resolve(dir, t)),
      parsed,
      trust: data.trust ?? [],
      ...(data.kit !== undefined ? { kits: [{ name: data.kit, source: data.kit }] } : {}),
      ...(data.kits !== undefined
        ? { kits: Object.entries(data.kits).map(([name, source]) => ({ name, source })) }
        : {}),
      ...(data.scope !== undefined ? { scope: data.scope } : {}),
      ...(data.tools !== undefined ? { tools: data.tools } : {}),
      ...(data.concurrency !== undefined ? { concurrency: data.concurrency } : {}),
      ...(data.gitignore !== undefined ? { gitignore: data.gitignore } : {}),
      ...(data.mcpRegistry !== undefined ? { mcpRegistry: data.mcpRegistry } : {}),
      ...(data.minReleaseAge !== undefined ? { minReleaseAge: data.minReleaseAge } : {}),
      ...(data.subprojects !== undefined ? { subprojects: data.subprojects } : {}),
    },
  }
}

/**
 * Targets folders the config names that do not exist: a typo would otherwise load no targets, silently. Separate
 * from loadConfig because `outfit init target` is what creates the folder.
 */
export async function missingTargetFolders(fs: Fs, config: LoadedConfig): Promise<Diagnostic[]> {
  const data = config.parsed.data as OutfitConfig
  const out: Diagnostic[] = []
  for (const [i, dir] of config.targets.entries()) {
    if (
      await fs.stat(dir).then(
        (st) => st.isDirectory(),
        () => false,
      )
    )
      continue
    const pointer = Array.isArray(data.targets) ? segmentsToPointer(['targets', i]) : '/targets'
    out.push({
      file: config.file,
      ...locate(config.parsed, pointer),
      pointer,
      message: `targets folder not found: ${dir}`,
      severity: 'error',
    })
  }
  return out
}

/** Tools the config names that no target defines: located, so the fix is one click away in an editor. */
export function unknownConfigTools(config: LoadedConfig, known: string[]): Diagnostic[] {
  const ids = new Set(known)
  return (config.tools ?? []).flatMap((tool, i) => {
    if (ids.has(tool)) return []
    const pointer = segmentsToPointer(['tools', i])
    return [
      {
        file: config.file,
        ...locate(config.parsed, pointer),
        pointer,
        message: `unknown tool '${tool}'${didYouMean(tool, known) || `; known tools: ${known.join(', ')}`}`,
        severity: 'error' as const,
      },
    ]
  })
}

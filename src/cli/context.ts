// What every command needs before it can act: the config file (if any), the targets, the scope and the folders that
// ~ and the project stand for. Command-line flags win over outfit.config.yaml, which wins over the defaults.
import { resolve } from 'node:path'
import { requireTargets } from '../api/targets.js'
import {
  findConfig,
  loadConfig,
  missingTargetFolders,
  unknownConfigTools,
  type LoadedConfig,
} from '../config/load-config.js'
import { TargetInvalidError, UsageError } from '../errors.js'
import { pauseAfterChanges } from '../safety/guard-run.js'
import { findProjectRoot } from '../config/project-root.js'
import { defaultStateHome } from '../state/scope-state.js'
import { legacyStateFolders, legacyStateWarning } from '../state/legacy-state.js'
import type { CliDeps } from './index.js'

export interface CommonFlags {
  home?: string
  project?: string
  scope?: string
  targets?: string | string[]
  config?: string
  json?: boolean
  yes?: boolean
}

export type Context = Awaited<ReturnType<typeof context>>

export async function context(deps: CliDeps, flags: CommonFlags) {
  const config = await readConfig(deps, flags.config)
  const scope = flags.scope ?? config?.scope ?? 'project'
  if (!/^[a-z][a-z0-9-]*$/.test(scope))
    throw new UsageError(`invalid --scope '${scope}'`, {
      hint: 'use global or project (some tools have more, e.g. plugin)',
    })
  if (config) {
    const missing = await missingTargetFolders(deps.fs, config)
    if (missing.length > 0) throw new TargetInvalidError(missing)
  }
  const all = await requireTargets({ fs: deps.fs, targetDirs: targetDirs(deps, flags, config) })
  if (config) {
    const unknown = unknownConfigTools(
      config,
      all.map((t) => t.spec.id),
    )
    if (unknown.length > 0) throw new TargetInvalidError(unknown)
  }
  const home =
    flags.home !== undefined
      ? await existingDir(deps, '--home', flags.home)
      : resolve(deps.cwd, deps.env.HOME ?? '~')
  // A config file marks the repository, else its git root: running from a subfolder still installs at its root.
  const project =
    flags.project !== undefined
      ? await existingDir(deps, '--project', flags.project)
      : (config?.dir ?? (await findProjectRoot(deps.fs, deps.cwd, home)))
  // A project scope in the home is almost always a mistake (`outfit install` run in ~): say so, and what was meant.
  if (scope === 'project' && flags.project === undefined && project === resolve(home) && !flags.json)
    deps.err(
      `! the project folder is your home (${project}): a project install here writes the tools' project folders into it. For your user configuration use --scope global; for a repository, run outfit inside it (or pass --project).`,
    )
  if (!flags.json)
    for (const dir of await legacyStateFolders(deps.fs, [home, project])) deps.err(legacyStateWarning(dir))
  return {
    fs: deps.fs,
    all,
    scope,
    config,
    home,
    // A --home sandbox keeps outfit's state inside it too; otherwise the XDG state home (never the project).
    stateHome: defaultStateHome(home, flags.home === undefined ? deps.env.XDG_STATE_HOME : undefined),
    project,
    ...(config?.gitignore ? { gitignore: config.gitignore } : {}),
    ...(deps.signal ? { signal: deps.signal } : {}),
    // Only to warn about ${VAR} references of MCP servers that are not set; values are never written anywhere.
    env: deps.env,
    ...testHooks(deps),
  }
}

/** --config names the file (it must exist); otherwise the nearest outfit.config.yaml, if there is one. */
export async function readConfig(
  deps: CliDeps,
  explicit: string | undefined,
): Promise<LoadedConfig | undefined> {
  const file = explicit !== undefined ? resolve(deps.cwd, explicit) : await findConfig(deps.fs, deps.cwd)
  if (file === undefined) return undefined
  const loaded = await loadConfig(deps.fs, file)
  if (!loaded.ok) throw new TargetInvalidError(loaded.diagnostics)
  return loaded.value
}

export function targetDirs(
  deps: CliDeps,
  flags: { targets?: string | string[] },
  config: LoadedConfig | undefined,
): string[] {
  const fromFlags =
    flags.targets === undefined
      ? []
      : (Array.isArray(flags.targets) ? flags.targets : [flags.targets]).map((d) => resolve(deps.cwd, d))
  return [...new Set([...(config?.targets ?? []), ...fromFlags])]
}

// --- internal ---

/**
 * A folder named on the command line: `~` is expanded (a shell does not expand it in `--home=~/x`), and it must
 * exist, because a typo would otherwise become a new folder full of installed files.
 */
async function existingDir(deps: CliDeps, flag: string, value: string): Promise<string> {
  const home = deps.env.HOME
  const expanded = home && (value === '~' || value.startsWith('~/')) ? home + value.slice(1) : value
  const dir = resolve(deps.cwd, expanded)
  const st = await deps.fs.stat(dir).catch(() => undefined)
  if (!st)
    throw new UsageError(`${flag} folder not found: ${dir}`, {
      hint: `check the spelling, or create it first (mkdir -p ${dir})`,
    })
  if (!st.isDirectory()) throw new UsageError(`${flag} is not a folder: ${dir}`)
  return dir
}

/** Crash tests stop the process at an exact point: after N changes, announced by a marker file. */
function testHooks(deps: CliDeps) {
  const count = Number(deps.env.OUTFIT_TEST_PAUSE_AFTER_CHANGES)
  const marker = deps.env.OUTFIT_TEST_PAUSE_MARKER
  if (!Number.isInteger(count) || count < 1 || !marker) return {}
  return { safety: { afterChange: pauseAfterChanges(deps.fs, count, marker, deps.signal) } }
}

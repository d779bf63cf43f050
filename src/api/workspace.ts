// What every use case needs before it can act: the config file (if any), the targets, the scope and the folders that
// ~ and the project stand for. The request's values (the CLI's flags) win over outfit.config.yaml, which wins over the
// defaults. Says what deserves a note through `onNote`; never prints.
import { resolve } from 'node:path'
import type { Fs } from '../fs/fs.js'
import { requireTargets } from './targets.js'
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
import { systemScope } from './system-scope.js'
import { legacyStateFolders, legacyStateWarning } from '../state/legacy-state.js'
import type { LoadedTarget } from '../types.js'

/** Something worth telling a person that changes nothing; `about` lets a front end choose which to show. */
export interface Note {
  text: string
  /**
   * `tools`: which tools a run acts on (said even when a script asked for JSON: it changes what is acted on);
   * `setup`: advice about the folders, the kits or outfit's old state.
   */
  about: 'tools' | 'setup'
}

/** Where a use case runs: the process around it and the choices the CLI takes as flags. */
export interface WorkspaceRequest {
  fs: Fs
  /** Relative paths in the request start here (the CLI: the current directory). */
  cwd: string
  env: Readonly<Record<string, string | undefined>>
  /** The folder that stands for ~ (must exist; default: $HOME); also sandboxes outfit's state and cache. */
  home?: string
  /** The project folder (must exist; default: the config file's folder, else the git root of cwd). */
  project?: string
  /** global, project, system or a tool's own (default: the config's, else project). */
  scope?: string
  /** `--root`: every path of the system scope goes under this folder (an image build; must exist). System scope only. */
  root?: string
  /** Extra folders of target YAML files. */
  targets?: string | string[]
  /** The config file (default: the nearest outfit.config.yaml). */
  config?: string
  signal?: AbortSignal
  onNote?: (note: Note) => void
  /** Where the installed files are kept out of git when the config does not say (a subproject: the root's). */
  gitignore?: 'none' | 'block' | 'exclude'
  /** A monorepo subproject's run: the repository's root, whose remembered gitignore answer it follows. */
  gitRoot?: string
  /** Targets already loaded from exactly these folders: a monorepo's root and subprojects share one load. */
  loadedTargets?: { dirs: string[]; targets: LoadedTarget[] }
}

export type Workspace = Awaited<ReturnType<typeof openWorkspace>>

export async function openWorkspace(request: WorkspaceRequest) {
  const note = (text: string) => request.onNote?.({ text, about: 'setup' })
  const config = await readConfig(request, request.config)
  const scope = request.scope ?? config?.scope ?? 'project'
  if (!/^[a-z][a-z0-9-]*$/.test(scope))
    throw new UsageError(`invalid --scope '${scope}'`, {
      hint: 'use global or project (some tools have more, e.g. plugin)',
    })
  if (config) {
    const missing = await missingTargetFolders(request.fs, config)
    if (missing.length > 0) throw new TargetInvalidError(missing)
  }
  const dirs = targetDirs(request, config)
  const loaded = request.loadedTargets
  const all =
    loaded && loaded.dirs.length === dirs.length && loaded.dirs.every((d, i) => d === dirs[i])
      ? loaded.targets
      : await requireTargets({ fs: request.fs, targetDirs: dirs })
  if (config) {
    const unknown = unknownConfigTools(
      config,
      all.map((t) => t.spec.id),
    )
    if (unknown.length > 0) throw new TargetInvalidError(unknown)
  }
  const system = systemScope(
    scope,
    request.root !== undefined ? await existingDir(request, '--root', request.root) : undefined,
  )
  const home =
    request.home !== undefined
      ? await existingDir(request, '--home', request.home)
      : resolve(request.cwd, request.env.HOME ?? '~')
  // A config file marks the repository, else its git root: running from a subfolder still installs at its root.
  const project =
    request.project !== undefined
      ? await existingDir(request, '--project', request.project)
      : (config?.dir ?? (await findProjectRoot(request.fs, request.cwd, home)))
  // A project scope in the home is almost always a mistake (`outfit install` run in ~): say so, and what was meant.
  if (scope === 'project' && request.project === undefined && project === resolve(home))
    note(
      `! the project folder is your home (${project}): a project install here writes the tools' project folders into it. For your user configuration use --scope global; for a repository, run outfit inside it (or pass --project).`,
    )
  for (const dir of await legacyStateFolders(request.fs, [home, project])) note(legacyStateWarning(dir))
  return {
    fs: request.fs,
    all,
    scope,
    config,
    home,
    // A --home sandbox keeps outfit's state inside it too; otherwise the XDG state home (never the project). The system
    // scope keeps it under the system root, beside what it describes (system-scope.ts).
    stateHome:
      system?.stateHome ??
      defaultStateHome(home, request.home === undefined ? request.env.XDG_STATE_HOME : undefined),
    ...(system?.sysroot !== undefined ? { sysroot: system.sysroot } : {}),
    project,
    ...((config?.gitignore ?? request.gitignore)
      ? { gitignore: config?.gitignore ?? request.gitignore }
      : {}),
    ...(request.signal ? { signal: request.signal } : {}),
    ...(request.gitRoot !== undefined ? { gitRoot: request.gitRoot } : {}),
    // Only to warn about ${VAR} references of MCP servers that are not set; values are never written anywhere.
    env: request.env,
    cwd: request.cwd,
    /** Whether --home named a sandbox (outfit's cache then lives inside it too). */
    sandboxed: request.home !== undefined,
    ...testHooks(request),
  }
}

/** --config names the file (it must exist); otherwise the nearest outfit.config.yaml, if there is one. */
export async function readConfig(
  deps: { fs: Fs; cwd: string },
  explicit: string | undefined,
): Promise<LoadedConfig | undefined> {
  const file = explicit !== undefined ? resolve(deps.cwd, explicit) : await findConfig(deps.fs, deps.cwd)
  if (file === undefined) return undefined
  const loaded = await loadConfig(deps.fs, file)
  if (!loaded.ok) throw new TargetInvalidError(loaded.diagnostics)
  return loaded.value
}

export function targetDirs(
  request: { cwd: string; targets?: string | string[] | undefined },
  config: LoadedConfig | undefined,
): string[] {
  const named = request.targets
  const fromFlags =
    named === undefined ? [] : (Array.isArray(named) ? named : [named]).map((d) => resolve(request.cwd, d))
  return [...new Set([...(config?.targets ?? []), ...fromFlags])]
}

// --- internal ---

/**
 * A folder named on the command line: `~` is expanded (a shell does not expand it in `--home=~/x`), and it must
 * exist, because a typo would otherwise become a new folder full of installed files.
 */
async function existingDir(deps: WorkspaceRequest, flag: string, value: string): Promise<string> {
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
function testHooks(deps: WorkspaceRequest) {
  const count = Number(deps.env.OUTFIT_TEST_PAUSE_AFTER_CHANGES)
  const marker = deps.env.OUTFIT_TEST_PAUSE_MARKER
  if (!Number.isInteger(count) || count < 1 || !marker) return {}
  return { safety: { afterChange: pauseAfterChanges(deps.fs, count, marker, deps.signal) } }
}

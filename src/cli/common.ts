// What the commands share: the options of every command that works in a scope, the workspace part of their api
// request (flags, the process, which notes to show), and the questions they may ask in a terminal.
import type { Command } from 'cac'
import type { ToolQuestion } from '../api/choose-tools.js'
import type { TrustQuestion } from '../api/kit-sources.js'
import type { WorkspaceRequest } from '../api/workspace.js'
import type { GitIgnoreQuestion } from '../run/git-ignore-choice.js'
import type { GitIgnoreMode } from '../run/git-ignore.js'
import { UsageError } from '../errors.js'
import { escapeForTerminal } from '../formats/escape.js'
import { renderDiagnostics } from '../report/render.js'
import type { Diagnostic } from '../types.js'
import type { CliDeps } from './deps.js'
import { YES_HELP } from './help.js'
import { clackPrompter } from './prompts.js'

export interface CommonFlags {
  home?: string
  project?: string
  scope?: string
  root?: string
  targets?: string | string[]
  config?: string
  json?: boolean
  yes?: boolean
}

export const SCOPES =
  "global (your home), project (this repository), system (the machine-wide managed settings; needs an administrator) or a tool's own, e.g. plugin (default: project)"

export const KIT_SOURCE_HELP =
  "The kit: a folder, github:owner/repo[/dir][#ref], git+https/ssh/file URL, npm:package[@range] or a .tgz (default: the config's kit(s), else the current directory)"

export const MCP_REGISTRY_HELP =
  "The MCP registry for the kit's registry: servers (default: the config's mcpRegistry, else https://registry.modelcontextprotocol.io)"

export function withCommon<T extends Command>(command: T, scopeHelp: string): T {
  return command
    .option('--scope <scope>', scopeHelp)
    .option('--home <dir>', 'Folder that stands for ~ (e.g. a sandbox); must exist')
    .option(
      '--root <dir>',
      'With --scope system: put every machine-wide path under this folder (an image being built, a test); must exist',
    )
    .option(
      '--project <dir>',
      'Project folder for the project scope; must exist (default: the config file folder, else the current directory)',
    )
    .option('--targets <dir>', 'Also load target YAML files from this folder (repeatable)')
    .option('--config <file>', 'Read defaults from this file (default: the nearest outfit.config.yaml)')
    .option('--json', 'Print one JSON document instead of text (schemas/output.schema.json)')
    .option('--yes', YES_HELP) as T
}

/** In a monorepo: which of its parts a command acts on (docs/monorepos.md). */
export interface SubprojectFlags {
  subproject?: string
  allSubprojects?: boolean
}

export function withSubprojectFlags<T extends Command>(command: T): T {
  return command
    .option('--subproject <dir>', 'In a monorepo: act on this subproject only (its folder)')
    .option(
      '--all-subprojects',
      'Run from inside a subproject: act on the whole repository (its root and every subproject)',
    ) as T
}

export function subprojectChoice(flags: SubprojectFlags): { subproject?: string; allSubprojects?: boolean } {
  return {
    ...(flags.subproject !== undefined ? { subproject: String(flags.subproject) } : {}),
    ...(flags.allSubprojects ? { allSubprojects: true } : {}),
  }
}

/** The flags install, plan and update share: which tools, which kit, and whether to replace the user's changes. */
export interface KitRunFlags extends CommonFlags, SubprojectFlags {
  kit?: string
  mcpRegistry?: string
  all?: boolean
  detected?: boolean
  force?: boolean
}

/** The part of an install, plan or update request those shared flags make. */
export function kitRunRequest(deps: CliDeps, flags: KitRunFlags) {
  return {
    ...where(deps, flags),
    ...subprojectChoice(flags),
    all: flags.all,
    detected: flags.detected,
    askTools: toolQuestion(deps, flags),
    kit: flags.kit,
    mcpRegistry: flags.mcpRegistry,
    force: flags.force,
    onKitWarnings: showKitWarnings(deps),
  }
}

/**
 * The workspace part of an api request. Notes go to stderr; with --json only those about which tools are acted on
 * (a script that asked for JSON still learns what it changed).
 */
export function where(deps: CliDeps, flags: CommonFlags): WorkspaceRequest {
  return {
    fs: deps.fs,
    cwd: deps.cwd,
    env: deps.env,
    home: flags.home,
    project: flags.project,
    scope: flags.scope,
    root: flags.root,
    targets: flags.targets,
    config: flags.config,
    signal: deps.signal,
    onNote: (note) => {
      if (!flags.json || note.about === 'tools') deps.err(note.text)
    },
  }
}

/** In a terminal, without --yes and outside CI: which tools, when none are named. */
export function toolQuestion(deps: CliDeps, flags: CommonFlags): ToolQuestion | undefined {
  if (!deps.isTTY || flags.yes || deps.env.CI) return undefined
  const prompter = deps.prompter ?? clackPrompter()
  return {
    select: (options, initial) => prompter.selectTools(options, initial, deps.signal),
    confirm: (message) => prompter.confirm(message, deps.signal),
  }
}

/** In a terminal, without --yes or --json: whether to trust kits that would run commands (default no). */
export function trustQuestion(deps: CliDeps, flags: CommonFlags): TrustQuestion | undefined {
  if (!deps.isTTY || flags.yes || flags.json) return undefined
  const prompter = deps.prompter ?? clackPrompter()
  return async (pending) => {
    for (const p of pending) {
      if (p.commands.length > 0)
        deps.err(
          `${escapeForTerminal(p.name)} (${escapeForTerminal(p.source)}) would run these commands in your tools:`,
        )
      for (const c of p.commands) deps.err(`    ${c}`)
      if (p.findings) {
        deps.err(`${escapeForTerminal(p.name)}: the content audit found (outfit audit explains each rule):`)
        for (const f of p.findings) deps.err(`    ${f}`)
      }
    }
    // No is the default: running a stranger's commands takes a deliberate yes.
    return prompter.confirm(
      `Trust ${pending.map((p) => escapeForTerminal(p.source)).join(', ')} and install?`,
      deps.signal,
      false,
    )
  }
}

/**
 * In a terminal, outside CI, without --yes or --json: on the first install into a git project whose config does not
 * say `gitignore:`, whether to keep the installed files out of git (the engine asks only then, and remembers).
 */
export function gitignoreQuestion(deps: CliDeps, flags: CommonFlags): GitIgnoreQuestion | undefined {
  if (!deps.isTTY || flags.yes || flags.json || deps.env.CI) return undefined
  const prompter = deps.prompter ?? clackPrompter()
  return () =>
    prompter.selectOne<GitIgnoreMode>(
      'Keep the files outfit installs out of git? (set gitignore: in outfit.config.yaml to decide for your team)',
      [
        { value: 'exclude', label: 'Yes, for me', hint: 'listed in .git/info/exclude, nothing to commit' },
        {
          value: 'block',
          label: 'Yes, for everyone',
          hint: 'a block in .gitignore that outfit keeps in step',
        },
        { value: 'none', label: 'No', hint: 'commit them, and check them with outfit plan --check in CI' },
      ],
      'exclude',
      deps.signal,
    )
}

/** In a terminal, without --yes or --json: a yes/no question. */
export function confirmQuestion(
  deps: CliDeps,
  flags: CommonFlags,
  message: string,
  initialValue?: boolean,
): (() => Promise<boolean | null>) | undefined {
  if (!deps.isTTY || flags.yes || flags.json) return undefined
  const prompter = deps.prompter ?? clackPrompter()
  return () => prompter.confirm(message, deps.signal, initialValue)
}

/** What loading the kits skipped (links, pipes inside a kit): said, not silent. */
export function showKitWarnings(deps: CliDeps): (warnings: Diagnostic[]) => void {
  return (warnings) => {
    for (const line of renderDiagnostics(warnings, { color: deps.color, cwd: deps.cwd })) deps.err(line)
  }
}

export function printJson(deps: CliDeps, doc: unknown): void {
  deps.out(JSON.stringify(doc, null, 2))
}

/** --concurrency: a whole number ≥ 1 (absent: the config's, else every tool at once). */
export function concurrency(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`--concurrency must be a whole number ≥ 1, got '${value}'`)
  return n
}

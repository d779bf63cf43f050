// The cac shell: argv → one core call → rendered lines → exit code. Never exits the process itself (run.ts does),
// and takes its dependencies as arguments so tests can drive it without a terminal.
import { join, resolve } from 'node:path'
import { cac } from 'cac'
import { install, uninstall } from '../api/install.js'
import { status } from '../api/status.js'
import { detectTool, discoverTargets, pickTargets, requireTargets } from '../api/targets.js'
import { CancelledError, OutfitError, TargetInvalidError, UsageError } from '../errors.js'
import type { Fs } from '../fs/fs.js'
import { loadTarget } from '../load/load-target.js'
import { pauseAfterChanges, recover } from '../safety/guard-run.js'
import { plan } from '../plan/plan.js'
import { renderDiagnostics, renderPlan, renderStatus, renderSummary, renderToolBlock } from '../report/render.js'
import type { Diagnostic, LoadedTarget, RunReport } from '../types.js'
import { ExitCode, exitCodeForError, exitCodeForReport } from './exit-code.js'
import { liveProgress } from './progress.js'
import { clackPrompter, type Prompter } from './prompts.js'
import { version } from './version.js'

export interface CliDeps {
  fs: Fs
  cwd: string
  env: Record<string, string | undefined>
  /** Regular output (reports, lists). */
  out: (line: string) => void
  /** Problems and hints. */
  err: (line: string) => void
  color: boolean
  isTTY: boolean
  signal?: AbortSignal
  /** Which signal aborted the run, for the exit code. */
  abortedBy?: () => 'SIGINT' | 'SIGTERM' | undefined
  /** Answers the interactive questions (default: @clack/prompts, only in a terminal). */
  prompter?: Prompter
  /** Raw terminal output for live progress lines (default: none). */
  tty?: (text: string) => void
}

interface CommonFlags {
  home?: string
  project?: string
  scope?: string
  targets?: string | string[]
  json?: boolean
}

export async function main(argv: string[], deps: CliDeps): Promise<number> {
  const cli = cac('outfit')
  let pending: Promise<number> | undefined
  const run = (fn: () => Promise<number>) => {
    pending = fn()
  }
  const renderOpts = { color: deps.color, cwd: deps.cwd }

  const withCommon = <T extends ReturnType<typeof cli.command>>(command: T): T =>
    command
      .option('--scope <scope>', 'Where to install: global (your home) or project (this directory)', { default: 'project' })
      .option('--home <dir>', 'Directory that stands for ~ (install into a sandbox)')
      .option('--project <dir>', 'Project directory for the project scope (default: the current directory)')
      .option('--targets <dir>', 'Also load target YAML files from this directory')
      .option('--json', 'Print one JSON document instead of text')
      .option('--yes', 'Never ask; required without a terminal') as T

  withCommon(cli.command('install [...tools]', 'Install the kit into the given tools'))
    .option('--kit <dir>', 'The kit directory (holds kit.yaml)', { default: '.' })
    .option('--all', 'Install into every known tool')
    .option('--detected', 'Install into every tool found on this machine')
    .option('--force', 'Replace files and entries you changed or that outfit did not write (they are backed up)')
    .option('--concurrency <n>', 'How many tools to install at once (default: all)')
    .option('--dry-run', 'Show what would change, with diffs, and write nothing (same as `outfit plan`)')
    .action((tools: string[], flags: CommonFlags & PlanFlags & { force?: boolean; concurrency?: string; dryRun?: boolean }) =>
      run(async () => {
        const ctx = await context(deps, flags)
        const targets = await choose(deps, ctx, tools, flags)
        if (flags.dryRun) return showPlan(deps, ctx, targets, flags)
        const { stopProgress, ...events } = stream(deps, flags, targets)
        const report = await install({ ...ctx, kitDir: resolve(deps.cwd, flags.kit), targets, force: flags.force ?? false, ...concurrency(flags.concurrency), ...events }).finally(stopProgress)
        return finish(deps, report, flags)
      }),
    )

  withCommon(cli.command('plan [...tools]', 'Show every file an install would create, change or remove, with diffs; write nothing'))
    .option('--kit <dir>', 'The kit directory (holds kit.yaml)', { default: '.' })
    .option('--all', 'Plan for every known tool')
    .option('--detected', 'Plan for every tool found on this machine')
    .option('--force', 'Plan as if --force were given')
    .option('--check', 'Exit 1 when an install would change anything (for CI drift checks)')
    .action((tools: string[], flags: CommonFlags & PlanFlags & { force?: boolean }) =>
      run(async () => {
        const ctx = await context(deps, flags)
        return showPlan(deps, ctx, await choose(deps, ctx, tools, flags), flags)
      }),
    )

  withCommon(cli.command('uninstall [...tools]', 'Remove exactly what outfit installed into the given tools'))
    .option('--all', 'Uninstall from every known tool')
    .option('--force', 'Also remove files you changed since outfit installed them')
    .action((tools: string[], flags: CommonFlags & { all?: boolean; force?: boolean }) =>
      run(async () => {
        const ctx = await context(deps, flags)
        const targets = await choose(deps, ctx, tools, flags)
        const { stopProgress, ...events } = stream(deps, flags, targets)
        const report = await uninstall({ ...ctx, targets, force: flags.force ?? false, ...events }).finally(stopProgress)
        return finish(deps, report, flags)
      }),
    )

  withCommon(cli.command('list', 'List the known tools and whether each is detected here')).action((flags: CommonFlags) =>
    run(async () => {
      const ctx = await context(deps, flags)
      const rows = await Promise.all(ctx.all.map(async (t) => ({ id: t.spec.id, name: t.spec.name, scopes: Object.keys(t.spec.scopes), detected: await detectTool(deps.fs, t, ctx), file: t.file })))
      if (flags.json) deps.out(JSON.stringify({ tools: rows }, null, 2))
      else {
        const width = Math.max(...rows.map((r) => r.id.length))
        for (const r of rows) deps.out(`${r.detected ? '●' : '○'} ${r.id.padEnd(width)}  ${r.name} (${r.scopes.join(', ')})${r.detected ? '' : ' — not detected'}`)
      }
      return ExitCode.Success
    }),
  )

  withCommon(cli.command('status [...tools]', 'Show per tool: detected, installed kit and version, and drifted files')).action(
    (tools: string[], flags: CommonFlags) =>
      run(async () => {
        const ctx = await context(deps, flags)
        const rows = await status({ ...ctx, targets: tools.length > 0 ? pickTargets(ctx.all, tools) : ctx.all })
        if (flags.json) deps.out(JSON.stringify({ scope: ctx.scope, tools: rows }, null, 2))
        else for (const line of renderStatus(rows, { color: deps.color })) deps.out(line)
        return ExitCode.Success
      }),
  )

  withCommon(cli.command('recover', 'Roll back what an interrupted run (crash, kill, power loss) left half-done')).action((flags: CommonFlags) =>
    run(async () => {
      const ctx = await context(deps, flags)
      const recovered = await recover(deps.fs, [join(ctx.home, '.outfit'), join(ctx.project, '.outfit')])
      if (flags.json) deps.out(JSON.stringify({ recovered }, null, 2))
      else if (recovered.length === 0) deps.out('✓ nothing to recover')
      else for (const line of renderRecovered(recovered)) deps.out(line)
      return ExitCode.Success
    }),
  )

  cli
    .command('validate [...files]', 'Check target YAML files (default: every known target) and report every problem')
    .option('--targets <dir>', 'Also check target YAML files in this directory')
    .option('--json', 'Print one JSON document')
    .action((files: string[], flags: { targets?: string | string[]; json?: boolean }) =>
      run(async () => {
        let diagnostics: Diagnostic[]
        let count: number
        if (files.length > 0) {
          const results = await Promise.all(files.map((f) => loadTarget(deps.fs, resolve(deps.cwd, f))))
          diagnostics = results.flatMap((r) => (r.ok ? r.warnings : r.diagnostics))
          count = files.length
        } else {
          const loaded = await discoverTargets({ fs: deps.fs, targetDirs: dirs(deps, flags.targets) })
          diagnostics = [...loaded.diagnostics, ...loaded.warnings]
          count = loaded.targets.length + new Set(loaded.diagnostics.map((d) => d.file)).size
        }
        const errors = diagnostics.filter((d) => d.severity === 'error')
        if (flags.json) deps.out(JSON.stringify({ valid: errors.length === 0, checked: count, diagnostics }, null, 2))
        else {
          for (const line of renderDiagnostics(diagnostics, renderOpts)) deps.out(line)
          deps.out(errors.length === 0 ? `✓ ${count} target${count === 1 ? '' : 's'} valid` : `✗ ${errors.length} problem${errors.length === 1 ? '' : 's'} in ${new Set(errors.map((d) => d.file)).size} file(s)`)
        }
        return errors.length === 0 ? ExitCode.Success : ExitCode.Failed
      }),
    )

  cli.help()
  cli.version(version)

  try {
    cli.parse(['node', 'outfit', ...argv], { run: false })
    if (cli.options.help || cli.options.version) return ExitCode.Success
    if (!cli.matchedCommand) {
      if (cli.args.length > 0) throw new UsageError(`unknown command '${cli.args[0]}'`, { hint: "run 'outfit --help' for the commands" })
      cli.outputHelp()
      return ExitCode.Usage
    }
    rejectUnknownFlags(cli.matchedCommand, cli.options)
    await cli.runMatchedCommand()
    return await (pending ?? Promise.resolve(ExitCode.Success))
  } catch (error) {
    return reportError(error, deps)
  }
}

// --- internal ---

interface PlanFlags extends CommonFlags {
  kit: string
  all?: boolean
  detected?: boolean
  force?: boolean
  check?: boolean
}

async function showPlan(deps: CliDeps, ctx: Awaited<ReturnType<typeof context>>, targets: LoadedTarget[], flags: PlanFlags): Promise<number> {
  const plans = await plan({ ...ctx, targets, kitDir: resolve(deps.cwd, flags.kit), force: flags.force ?? false })
  if (flags.json) deps.out(JSON.stringify({ command: 'plan', scope: ctx.scope, tools: plans }, null, 2))
  else for (const line of renderPlan(plans, { color: deps.color, cwd: deps.cwd })) deps.out(line)
  if (plans.some((p) => p.failure)) return ExitCode.Failed
  return flags.check && plans.some((p) => p.changes.length > 0) ? ExitCode.Failed : ExitCode.Success
}

async function context(deps: CliDeps, flags: CommonFlags) {
  const scope = flags.scope ?? 'project'
  if (!/^[a-z][a-z0-9-]*$/.test(scope)) throw new UsageError(`invalid --scope '${scope}'`, { hint: 'use global or project (some tools have more, e.g. plugin)' })
  const all = await requireTargets({ fs: deps.fs, targetDirs: dirs(deps, flags.targets) })
  return {
    fs: deps.fs,
    all,
    scope,
    home: resolve(deps.cwd, flags.home ?? deps.env.HOME ?? '~'),
    project: resolve(deps.cwd, flags.project ?? '.'),
    ...(deps.signal ? { signal: deps.signal } : {}),
    ...testHooks(deps),
  }
}

/** Crash tests stop the process at an exact point: after N changes, announced by a marker file. */
function testHooks(deps: CliDeps) {
  const count = Number(deps.env.OUTFIT_TEST_PAUSE_AFTER_CHANGES)
  const marker = deps.env.OUTFIT_TEST_PAUSE_MARKER
  if (!Number.isInteger(count) || count < 1 || !marker) return {}
  return { safety: { afterChange: pauseAfterChanges(deps.fs, count, marker, deps.signal) } }
}

function renderRecovered(recovered: { journal: string; restored: string[] }[]): string[] {
  const files = recovered.flatMap((r) => r.restored)
  return [`! an earlier outfit run was interrupted; rolled it back (${files.length} path${files.length === 1 ? '' : 's'} restored):`, ...files.map((f) => `    ${f}`)]
}

async function choose(deps: CliDeps, ctx: Awaited<ReturnType<typeof context>>, tools: string[], flags: { all?: boolean; detected?: boolean; yes?: boolean }) {
  if (tools.length > 0 && (flags.all || flags.detected)) throw new UsageError('name tools or use --all/--detected, not both')
  // --all and --detected mean "every tool that can take this scope": the others are named, not fatal.
  const withScope = ctx.all.filter((t) => Object.hasOwn(t.spec.scopes, ctx.scope))
  const skipped = ctx.all.filter((t) => !withScope.includes(t))
  if ((flags.all || flags.detected) && skipped.length > 0) {
    deps.err(`note: skipping ${skipped.map((t) => t.spec.name).join(', ')} (no '${ctx.scope}' scope)`)
  }
  if (flags.all) return withScope
  if (flags.detected) {
    const found = []
    for (const t of withScope) if (await detectTool(deps.fs, t, ctx)) found.push(t)
    if (found.length === 0) throw new UsageError('no supported tool was detected', { hint: `name the tools to use: ${ctx.all.map((t) => t.spec.id).join(', ')}` })
    return found
  }
  if (tools.length === 0) {
    if (deps.isTTY && !flags.yes && !deps.env.CI) return ask(deps, ctx, withScope)
    throw new UsageError('which tools? name them, or pass --all or --detected', {
      hint: `without a terminal (or with --yes) outfit never asks; known tools: ${ctx.all.map((t) => t.spec.id).join(', ')}`,
    })
  }
  return pickTargets(ctx.all, tools)
}

/** In a terminal with no tools named: pick from the detected ones, then confirm. */
async function ask(deps: CliDeps, ctx: Awaited<ReturnType<typeof context>>, candidates: LoadedTarget[]): Promise<LoadedTarget[]> {
  const prompter = deps.prompter ?? clackPrompter
  const detected = new Set<string>()
  for (const t of candidates) if (await detectTool(deps.fs, t, ctx)) detected.add(t.spec.id)
  const options = candidates.map((t) => ({ value: t.spec.id, label: t.spec.name, ...(detected.has(t.spec.id) ? { hint: 'detected' } : {}) }))
  const chosen = await prompter.selectTools(options, [...detected])
  if (chosen === null || chosen.length === 0) throw new CancelledError('nothing selected; nothing was changed')
  const picked = pickTargets(ctx.all, chosen)
  if (!(await prompter.confirm(`Install into ${picked.map((t) => t.spec.name).join(', ')} (${ctx.scope} scope)?`))) {
    throw new CancelledError('not confirmed; nothing was changed')
  }
  return picked
}

function stream(deps: CliDeps, flags: CommonFlags, tools: LoadedTarget[]) {
  // Each tool's block is printed whole as soon as that tool finishes, so concurrent output never interleaves.
  const none = () => {}
  if (flags.json) return { stopProgress: none }
  const render = (result: Parameters<typeof renderToolBlock>[0]) => renderToolBlock(result, { color: deps.color })
  if (deps.tty && deps.isTTY) {
    const progress = liveProgress(tools.map((t) => ({ id: t.spec.id, name: t.spec.name })), deps.tty, deps.color)
    return {
      onStep: progress.step,
      onToolDone: (result: Parameters<typeof renderToolBlock>[0]) => progress.done(result, render(result)),
      stopProgress: () => progress.stop(),
    }
  }
  return { onToolDone: (result: Parameters<typeof renderToolBlock>[0]) => render(result).forEach((line) => deps.out(line)), stopProgress: none }
}

function finish(deps: CliDeps, report: RunReport, flags: CommonFlags): number {
  if (flags.json) deps.out(JSON.stringify(toJson(report), null, 2))
  else {
    if (report.recovered?.length) for (const line of renderRecovered(report.recovered)) deps.err(line)
    deps.out('')
    for (const line of renderSummary(report, { color: deps.color })) deps.out(line)
  }
  return exitCodeForReport(report, deps.abortedBy?.())
}

function toJson(report: RunReport) {
  return {
    command: report.command,
    cancelled: report.cancelled,
    recovered: report.recovered ?? [],
    tools: report.results.map((r) => ({
      tool: r.tool,
      name: r.name,
      scope: r.scope,
      status: r.status,
      files: r.written,
      steps: r.steps,
      ...(r.failure ? { failure: { step: r.failure.step, message: r.failure.error.message } } : {}),
      rollbackErrors: r.rollbackErrors.map((e) => ({ step: e.step, message: e.error.message })),
      kept: r.kept,
      log: r.log,
    })),
  }
}

function concurrency(value: string | undefined) {
  if (value === undefined) return {}
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--concurrency must be a whole number ≥ 1, got '${value}'`)
  return { concurrency: n }
}

function dirs(deps: CliDeps, value: string | string[] | undefined): string[] {
  if (value === undefined) return []
  return (Array.isArray(value) ? value : [value]).map((d) => resolve(deps.cwd, d))
}

function rejectUnknownFlags(command: { options: { names: string[] }[] }, options: Record<string, unknown>): void {
  const known = new Set(['--', 'help', 'h', 'version', 'v', ...command.options.flatMap((o) => o.names)])
  const unknown = Object.keys(options).filter((k) => !known.has(k))
  if (unknown.length > 0) {
    throw new UsageError(`unknown option${unknown.length > 1 ? 's' : ''}: ${unknown.map((u) => (u.length === 1 ? `-${u}` : `--${u}`)).join(', ')}`, {
      hint: "run 'outfit <command> --help' for its options",
    })
  }
}

function reportError(error: unknown, deps: CliDeps): number {
  if (error instanceof TargetInvalidError) {
    for (const line of renderDiagnostics(error.diagnostics, { color: deps.color, cwd: deps.cwd })) deps.err(line)
    deps.err(`✗ ${error.message}; nothing was changed`)
    return ExitCode.Failed
  }
  if (error instanceof OutfitError) {
    deps.err(`error: ${error.message}`)
    if (error.hint) deps.err(`  → ${error.hint}`)
    return exitCodeForError(error)
  }
  // cac's own parse errors (missing option value, ...) are usage errors, not crashes.
  if (error instanceof Error && error.name === 'CACError') {
    deps.err(`error: ${error.message}`)
    return ExitCode.Usage
  }
  deps.err(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
  deps.err('  → this is a bug in outfit; please report it with the command you ran')
  return ExitCode.Failed
}

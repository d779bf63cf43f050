// The cac shell: argv → one core call → rendered lines → exit code. Never exits the process itself (run.ts does),
// and takes its dependencies as arguments so tests can drive it without a terminal.
import { relative, resolve } from 'node:path'
import { cac } from 'cac'
import { initKit, initTarget } from '../api/init.js'
import { checkScopes, install, uninstall } from '../api/install.js'
import { interruptedRuns, status } from '../api/status.js'
import { createdByOutfit, detectTool, pickTargets, scopeRoots } from '../api/targets.js'
import { OutfitError, TargetInvalidError, UsageError } from '../errors.js'
import { fileAccessError } from './file-access.js'
import { withToolList, YES_HELP } from './help.js'
import { didYouMean } from '../did-you-mean.js'
import type { Fs } from '../fs/fs.js'
import { recover } from '../safety/guard-run.js'
import { openScopeState } from '../state/scope-state.js'
import { plan } from '../plan/plan.js'
import { WarningDigest } from '../report/warning-digest.js'
import {
  renderDiagnostics,
  renderLockChanges,
  renderPlan,
  renderRecovered,
  renderStatus,
  renderSummary,
  renderToolBlock,
} from '../report/render.js'
import {
  errorDocument,
  listDocument,
  planDocument,
  runDocument,
  statusDocument,
  validateDocument,
} from '../report/to-json.js'
import type { Kit, LoadedTarget, RunReport } from '../types.js'
import { chooseTools, type ChooseFlags } from './choose-tools.js'
import { context, readConfig, type CommonFlags, type Context } from './context.js'
import { ExitCode, exitCodeForError, exitCodeForReport, succeeded } from './exit-code.js'
import { checkTrust, kitSources, kitsRequest, prepare } from './kit-input.js'
import { checkKitSources, showKitWarnings } from './kit.js'
import { update } from './update-command.js'
import { forgetCommand } from './forget-command.js'
import { auditCommand, checkAuditFlags, type AuditFlags } from './audit-command.js'
import { liveProgress } from './progress.js'
import { validate } from './validate.js'
import type { Prompter } from './prompts.js'
import { version } from '../version.js'

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

interface KitFlags extends CommonFlags, ChooseFlags {
  kit?: string
  force?: boolean
  check?: boolean
  concurrency?: string
  dryRun?: boolean
  frozen?: boolean
  trust?: boolean
}

export async function main(argv: string[], deps: CliDeps): Promise<number> {
  const cli = cac('outfit')
  let pending: Promise<number> | undefined
  const run = (fn: () => Promise<number>) => {
    pending = fn()
  }
  const renderOpts = { color: deps.color, cwd: deps.cwd }
  const json = (doc: unknown) => deps.out(JSON.stringify(doc, null, 2))

  const withCommon = <T extends ReturnType<typeof cli.command>>(command: T, scopeHelp: string): T =>
    command
      .option('--scope <scope>', scopeHelp)
      .option('--home <dir>', 'Folder that stands for ~ (e.g. a sandbox); must exist')
      .option(
        '--project <dir>',
        'Project folder for the project scope; must exist (default: the config file folder, else the current directory)',
      )
      .option('--targets <dir>', 'Also load target YAML files from this folder (repeatable)')
      .option('--config <file>', 'Read defaults from this file (default: the nearest outfit.config.yaml)')
      .option('--json', 'Print one JSON document instead of text (schemas/output.schema.json)')
      .option('--yes', YES_HELP) as T
  const SCOPES =
    "global (your home), project (this repository) or a tool's own, e.g. plugin (default: project)"

  withCommon(
    cli.command('install [...tools]', 'Install the kit into the given tools'),
    `Where to install: ${SCOPES}`,
  )
    .example('outfit install <tool> <tool> --kit ./my-kit   # the ids under Tools')
    .example('outfit install --all --yes --scope global')
    .option(
      '--kit <source>',
      "The kit: a folder, github:owner/repo[/dir][#ref], git+https/ssh/file URL, npm:package[@range] or a .tgz (default: the config's kit(s), else the current directory)",
    )
    .option('--all', 'Install into every known tool')
    .option('--detected', 'Install into every tool found on this machine')
    .option(
      '--force',
      'Replace files and entries you changed or that outfit did not write (they are backed up)',
    )
    .option('--concurrency <n>', 'How many tools to install at once (default: all)')
    .option('--dry-run', 'Show what would change, with diffs, and write nothing (same as `outfit plan`)')
    .option(
      '--frozen',
      'Install exactly what outfit.lock says; fail if it is missing or would change (for CI)',
    )
    .option(
      '--trust',
      'Trust the kit sources of this run (their hooks and MCP servers run commands), and remember it',
    )
    .option('--strict', 'Refuse a kit that writes a secret as a literal in mcp.yaml (else it is a warning)')
    .option('--verbose', 'Show every warning whole, also those another tool already gave')
    .action((tools: string[], flags: KitFlags) =>
      run(async () => {
        const ctx = await context(deps, flags)
        const targets = await chooseTools(deps, ctx, tools, flags)
        checkScopes({ targets, scope: ctx.scope })
        await checkKitSources(deps, ctx, flags)
        const kits = await prepare(
          deps,
          ctx,
          flags,
          flags.frozen ? 'frozen' : 'install',
          undefined,
          !flags.dryRun,
        )
        showKitWarnings(deps, kits)
        if (flags.dryRun) return showPlan(deps, ctx, targets, flags, kits.kit)
        await checkTrust(deps, ctx, flags, kits)
        const { stopProgress, hiddenWarnings, ...events } = stream(deps, flags, targets)
        const request = {
          ...ctx,
          kit: kits.kit,
          targets,
          force: flags.force ?? false,
          ...concurrency(flags.concurrency, ctx),
          ...events,
        }
        const report = await install(request).finally(stopProgress)
        if (succeeded(report) && (await kits.saveLock()) && !flags.json)
          for (const line of renderLockChanges(kits.changes)) deps.err(line)
        return finish(deps, report, ctx, flags, hiddenWarnings())
      }),
    )

  withCommon(
    cli.command(
      'update [...kits]',
      'Move kits to the newest commit or version their source allows, show what changes in each tool, then install',
    ),
    `Where the kits are installed: ${SCOPES}`,
  )
    .example('outfit update --all')
    .option('--kit <source>', "Update this kit source instead of the config's kits")
    .option('--all', 'Update every tool that has the scope')
    .option('--detected', 'Update every tool found on this machine')
    .option('--force', 'Replace files and entries you changed (they are backed up)')
    .option('--dry-run', 'Show what would change and write nothing (outfit.lock included)')
    .option('--trust', 'Trust the kit sources of this run, and remember it')
    .option('--strict', 'Refuse a kit that writes a secret as a literal in mcp.yaml')
    .option(
      '--min-release-age <age>',
      "Skip npm versions and git commits younger than this (e.g. 3d, 12h; 0 = off; default: the config's minReleaseAge)",
    )
    .action((kitNames: string[], flags: KitFlags & { minReleaseAge?: string }) =>
      run(() => update(deps, kitNames, flags)),
    )

  withCommon(
    cli.command(
      'plan [...tools]',
      'Show every file an install would create, change or remove, with diffs; write nothing',
    ),
    `Which install to plan: ${SCOPES}`,
  )
    .example('outfit plan --all --check   # in CI: exit 1 when an install would change anything')
    .option(
      '--kit <source>',
      "The kit: a folder, github:owner/repo[/dir][#ref], git+https/ssh/file URL, npm:package[@range] or a .tgz (default: the config's kit(s), else the current directory)",
    )
    .option('--all', 'Plan for every known tool')
    .option('--detected', 'Plan for every tool found on this machine')
    .option('--force', 'Plan as if --force were given')
    .option('--check', 'Exit 1 when an install would change anything (for CI drift checks)')
    .action((tools: string[], flags: KitFlags) =>
      run(async () => {
        const ctx = await context(deps, flags)
        const targets = await chooseTools(deps, ctx, tools, flags, 'Plan for')
        checkScopes({ targets, scope: ctx.scope })
        await checkKitSources(deps, ctx, flags)
        const kits = await prepare(deps, ctx, flags, 'install', undefined, false)
        showKitWarnings(deps, kits)
        return showPlan(deps, ctx, targets, flags, kits.kit)
      }),
    )

  withCommon(
    cli.command('uninstall [...tools]', 'Remove exactly what outfit installed into the given tools'),
    `Which install to remove: ${SCOPES}`,
  )
    .example('outfit uninstall <tool>')
    .example('outfit uninstall --all --scope global')
    .option('--all', 'Uninstall from every known tool')
    .option('--force', 'Also remove files you changed since outfit installed them')
    .option('--verbose', 'Show every warning whole, also those another tool already gave')
    .action((tools: string[], flags: KitFlags) =>
      run(async () => {
        const ctx = await context(deps, flags)
        const targets = await chooseTools(deps, ctx, tools, flags, 'Uninstall from')
        const { stopProgress, hiddenWarnings, ...events } = stream(deps, flags, targets)
        const report = await uninstall({ ...ctx, targets, force: flags.force ?? false, ...events }).finally(
          stopProgress,
        )
        return finish(deps, report, ctx, flags, hiddenWarnings())
      }),
    )

  withCommon(
    cli.command('list', 'List the known tools and whether each is detected here'),
    'Accepted so scripts can pass the same flags everywhere; list shows every scope',
  )
    .example('outfit list --targets ./my-targets')
    .action((flags: CommonFlags) =>
      run(async () => {
        const ctx = await context(deps, flags)
        const created = await createdByOutfit(deps.fs, ctx)
        const detected = (t: LoadedTarget) => detectTool(deps.fs, t, ctx, deps.env.PATH ?? '', created)
        const rows = await Promise.all(
          ctx.all.map(async (t) => ({
            id: t.spec.id,
            name: t.spec.name,
            scopes: Object.keys(t.spec.scopes),
            detected: await detected(t),
            file: t.file,
            ...(t.spec.endOfLife ? { endOfLife: t.spec.endOfLife } : {}),
          })),
        )
        if (flags.json) json(listDocument(rows))
        else {
          const width = Math.max(...rows.map((r) => r.id.length))
          for (const r of rows)
            deps.out(
              `${r.detected ? '●' : '○'} ${r.id.padEnd(width)}  ${r.name} (${r.scopes.join(', ')})${r.detected ? '' : ' — not detected'}${r.endOfLife ? ` — end of life since ${r.endOfLife.since}: ${r.endOfLife.note}` : ''}`,
            )
        }
        return ExitCode.Success
      }),
    )

  withCommon(
    cli.command('status [...tools]', 'Show per tool: detected, installed kit and version, and drifted files'),
    `Which install to show: ${SCOPES}`,
  )
    .example('outfit status --scope global')
    .action((tools: string[], flags: CommonFlags) =>
      run(async () => {
        const ctx = await context(deps, flags)
        const targets = tools.length > 0 ? pickTargets(ctx.all, tools) : ctx.all
        const rows = await status({ ...ctx, targets })
        const interrupted = await interruptedRuns(
          deps.fs,
          ctx.stateHome,
          rows.length > 0 ? [ctx.scope === 'global' ? ctx.home : ctx.project, ctx.home, ctx.project] : [],
        )
        for (const root of interrupted) {
          deps.err(
            `! an outfit run in ${root} was interrupted and left changes half-done; what follows may be partial. Run \`outfit recover\` to roll it back (install and uninstall also do it first).`,
          )
        }
        if (flags.json) json(statusDocument(rows, ctx.scope, interrupted))
        else {
          // Say what is being described: the same tools can be installed in your home and in every project.
          const roots = scopeRoots(targets, ctx.scope, ctx)
          deps.out(
            `${ctx.scope} scope, in ${roots.length > 0 ? roots.join(', ') : '(no tool has this scope)'}`,
          )
          for (const line of renderStatus(rows, { color: deps.color })) deps.out(line)
        }
        return ExitCode.Success
      }),
    )

  withCommon(
    cli.command('recover', 'Roll back what an interrupted run (crash, kill) left half-done'),
    'Accepted so scripts can pass the same flags everywhere; recover checks your home and the project',
  )
    .option('--verbose', 'List every restored path (default: a count per folder)')
    .example('outfit recover --home ~/sandbox')
    .action((flags: CommonFlags & { verbose?: boolean }) =>
      run(async () => {
        const ctx = await context(deps, flags)
        const states = await Promise.all(
          [ctx.home, ctx.project].map((root) =>
            openScopeState(deps.fs, ctx.stateHome, root, { create: false }),
          ),
        )
        const recovered = await recover(
          deps.fs,
          states.filter((s) => s !== null),
        )
        if (flags.json) json({ command: 'recover', recovered })
        else if (recovered.length === 0) deps.out('✓ nothing to recover')
        else
          for (const line of renderRecovered(recovered, {
            color: deps.color,
            verbose: flags.verbose ?? false,
          }))
            deps.out(line)
        return ExitCode.Success
      }),
    )

  withCommon(
    cli.command(
      'forget [...tools]',
      "Drop outfit's records of the installs in a scope (the files stay and count as yours): the way out when its state is refused",
    ),
    `Which installs to forget: ${SCOPES}`,
  )
    .example('outfit forget --scope global --dry-run')
    .option('--dry-run', 'Show what would be forgotten and change nothing')
    .action((tools: string[], flags: CommonFlags & { dryRun?: boolean }) =>
      run(async () => forgetCommand(deps, await context(deps, flags), tools, flags)),
    )

  withCommon(
    cli.command(
      'audit',
      'Scan the kit for hidden characters (bidi, zero-width, tag, control) and commands that run fetched code; exit 7 on findings',
    ),
    'Accepted so scripts can pass the same flags everywhere; audit looks at the kit only',
  )
    .example('outfit audit --kit github:acme/ai-kits#v2')
    .example('outfit audit --sarif > outfit.sarif   # for GitHub code scanning')
    .option(
      '--kit <source>',
      "The kit: a folder, github:owner/repo[/dir][#ref], git+https/ssh/file URL, npm:package[@range] or a .tgz (default: the config's kit(s), else the current directory)",
    )
    .option('--sarif', 'Print a SARIF 2.1.0 log (GitHub code scanning) instead of text')
    .action((flags: CommonFlags & AuditFlags) =>
      run(async () => {
        checkAuditFlags(flags)
        const ctx = await context(deps, flags)
        await checkKitSources(deps, ctx, flags)
        const request = kitsRequest(deps, ctx, flags, await kitSources(deps, ctx, flags))
        return auditCommand(deps, ctx.project, request, flags)
      }),
    )

  cli
    .command(
      'validate [...files]',
      'Check target YAML files (default: every known target, the config file, and --kit if given)',
    )
    .option('--targets <dir>', 'Also check target YAML files in this directory (repeatable)')
    .option('--config <file>', 'Check this config file (default: the nearest outfit.config.yaml)')
    .option('--kit <dir>', 'Also check this kit (kit.yaml, mcp.yaml, hooks.yaml)')
    .option('--json', 'Print one JSON document (schemas/output.schema.json)')
    .option('--yes', 'Accepted so scripts can pass it to every command (validate never asks)')
    .example('outfit validate                      # every known target and the config file')
    .example('outfit validate my-tool.yaml kit/mcp.yaml --kit ./kit')
    .action(
      (
        files: string[],
        flags: { targets?: string | string[]; config?: string; kit?: string; json?: boolean },
      ) =>
        run(async () => {
          const { diagnostics, checked } = await validate(deps, files, flags)
          const errors = diagnostics.filter((d) => d.severity === 'error')
          if (flags.json) json(validateDocument(diagnostics, checked))
          else {
            for (const line of renderDiagnostics(diagnostics, renderOpts)) deps.out(line)
            const what = `${checked} file${checked === 1 ? '' : 's'}`
            deps.out(
              errors.length === 0
                ? `✓ ${what} valid`
                : `✗ ${errors.length} problem${errors.length === 1 ? '' : 's'} in ${new Set(errors.map((d) => d.file)).size} of ${what}`,
            )
          }
          return errors.length === 0 ? ExitCode.Success : ExitCode.Failed
        }),
    )

  cli
    .command(
      'init <kind> [name]',
      'Scaffold a kit (`init kit [dir]`) or a target (`init target <id>`); never overwrites',
    )
    .option(
      '--dir <dir>',
      "Where `init target` writes <id>.yaml (default: the config file's first targets folder, else ./targets)",
    )
    .option('--config <file>', 'Read defaults from this file (default: the nearest outfit.config.yaml)')
    .option('--json', 'Print one JSON document (schemas/output.schema.json)')
    .option(
      '--yes',
      'Accepted so scripts can pass it to every command (init never asks, and never overwrites)',
    )
    .example('outfit init kit my-kit')
    .example('outfit init target my-tool --dir ./targets')
    .action(
      (kind: string, name: string | undefined, flags: { dir?: string; config?: string; json?: boolean }) =>
        run(async () => {
          let created: string[]
          let next: string
          if (kind === 'kit') {
            if (flags.dir !== undefined)
              throw new UsageError('`init kit` takes the folder as its argument: outfit init kit <dir>')
            created = await initKit(deps.fs, resolve(deps.cwd, name ?? '.'))
            next = `try it: outfit plan --all --kit ${relative(deps.cwd, resolve(deps.cwd, name ?? '.')) || '.'}`
          } else if (kind === 'target') {
            if (name === undefined)
              throw new UsageError('`init target` needs an id', { hint: 'e.g. outfit init target my-tool' })
            const config = flags.dir === undefined ? await readConfig(deps, flags.config) : undefined
            const dir =
              flags.dir !== undefined
                ? resolve(deps.cwd, flags.dir)
                : (config?.targets[0] ?? resolve(deps.cwd, 'targets'))
            created = await initTarget(deps.fs, dir, name)
            next = `check it: outfit validate --targets ${relative(deps.cwd, dir) || '.'}`
          } else
            throw new UsageError(`unknown init kind '${kind}'`, {
              hint: 'use `outfit init kit [dir]` or `outfit init target <id>`',
            })
          if (flags.json) json({ command: 'init', kind, created })
          else {
            for (const file of created) deps.out(`+ ${file}`)
            deps.out(`✓ ${kind} created; ${next}`)
          }
          return ExitCode.Success
        }),
    )

  cli.help((sections) => withToolList(sections, cli.matchedCommand?.name.split(' ')[0]))
  cli.version(version)

  try {
    cli.parse(['node', 'outfit', ...argv], { run: false })
    if (cli.options.help || cli.options.version) return ExitCode.Success
    if (!cli.matchedCommand) {
      if (cli.args.length > 0) {
        const commands = cli.commands.map((c) => c.name.split(' ')[0] ?? '').filter(Boolean)
        throw new UsageError(`unknown command '${cli.args[0]}'${didYouMean(String(cli.args[0]), commands)}`, {
          hint: "run 'outfit --help' for the commands",
        })
      }
      cli.outputHelp()
      return ExitCode.Usage
    }
    rejectUnknownFlags(cli.matchedCommand, cli.options)
    await cli.runMatchedCommand()
    return await (pending ?? Promise.resolve(ExitCode.Success))
  } catch (caught) {
    // cac's own parse errors (missing argument or option value) are usage errors, not crashes.
    const error =
      caught instanceof Error && caught.name === 'CACError'
        ? new UsageError(caught.message)
        : (fileAccessError(caught) ?? caught)
    // Scripts asked for JSON: give them the error as a document too (the human text still goes to stderr).
    if (argv.includes('--json') && error instanceof OutfitError)
      json(errorDocument(cli.matchedCommand?.name.split(' ')[0] ?? '', error))
    return reportError(error, deps)
  }
}

// --- internal ---

async function showPlan(
  deps: CliDeps,
  ctx: Context,
  targets: LoadedTarget[],
  flags: KitFlags,
  kit: Kit,
): Promise<number> {
  // After a crash, the plan is what install does after rolling the interrupted run back first: say so.
  for (const root of await interruptedRuns(deps.fs, ctx.stateHome, [
    ctx.scope === 'global' ? ctx.home : ctx.project,
  ]))
    deps.err(
      `! an outfit run in ${root} was interrupted and left changes half-done; install rolls it back first (or run \`outfit recover\`), and the plan below starts from there.`,
    )
  const plans = await plan({ ...ctx, targets, kit, force: flags.force ?? false })
  if (flags.json) deps.out(JSON.stringify(planDocument(plans, ctx.scope), null, 2))
  else for (const line of renderPlan(plans, { color: deps.color, cwd: deps.cwd })) deps.out(line)
  if (plans.some((p) => p.failure)) return ExitCode.Failed
  return flags.check && plans.some((p) => p.changes.length > 0 || p.status === 'updated')
    ? ExitCode.Failed
    : ExitCode.Success
}

function stream(deps: CliDeps, flags: CommonFlags & { verbose?: boolean }, tools: LoadedTarget[]) {
  // Each tool's block is printed whole as soon as that tool finishes, so concurrent output never interleaves.
  const none = () => {}
  const digest = flags.verbose ? undefined : new WarningDigest()
  const hiddenWarnings = () => digest?.hidden ?? 0
  if (flags.json) return { stopProgress: none, hiddenWarnings }
  const render = (result: Parameters<typeof renderToolBlock>[0]) =>
    renderToolBlock(digest ? digest.filter(result) : result, { color: deps.color })
  if (deps.tty && deps.isTTY) {
    const progress = liveProgress(
      tools.map((t) => ({ id: t.spec.id, name: t.spec.name })),
      deps.tty,
      deps.color,
    )
    return {
      onStep: progress.step,
      onToolDone: (result: Parameters<typeof renderToolBlock>[0]) => progress.done(result, render(result)),
      stopProgress: () => progress.stop(),
      hiddenWarnings,
    }
  }
  return {
    onToolDone: (result: Parameters<typeof renderToolBlock>[0]) =>
      render(result).forEach((line) => deps.out(line)),
    stopProgress: none,
    hiddenWarnings,
  }
}

function finish(deps: CliDeps, report: RunReport, ctx: Context, flags: CommonFlags, hidden = 0): number {
  if (flags.json) deps.out(JSON.stringify(runDocument(report, ctx.scope), null, 2))
  else {
    if (hidden > 0)
      deps.err(
        `note: ${hidden} warning${hidden === 1 ? '' : 's'} already shown for another tool ${hidden === 1 ? 'was' : 'were'} not repeated (--verbose shows every one)`,
      )
    if (report.recovered?.length)
      for (const line of renderRecovered(report.recovered, { color: deps.color })) deps.err(line)
    deps.out('')
    for (const line of renderSummary(report, { color: deps.color })) deps.out(line)
    for (const note of report.notes ?? []) deps.out(note)
  }
  return exitCodeForReport(report, deps.abortedBy?.())
}

function concurrency(value: string | undefined, ctx: Context) {
  if (value === undefined) return ctx.config?.concurrency ? { concurrency: ctx.config.concurrency } : {}
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`--concurrency must be a whole number ≥ 1, got '${value}'`)
  return { concurrency: n }
}

function rejectUnknownFlags(
  command: { name: string; options: { names: string[]; rawName: string }[] },
  options: Record<string, unknown>,
): void {
  const known = new Set(['--', 'help', 'h', 'version', 'v', ...command.options.flatMap((o) => o.names)])
  const unknown = Object.keys(options).filter((k) => !known.has(k))
  if (unknown.length > 0) {
    const flag = (u: string) => (u.length === 1 ? `-${u}` : `--${kebab(u)}`)
    const flags = command.options
      .map((o) => o.rawName.split(/[ ,]/)[0] ?? '')
      .filter((f) => f.startsWith('--'))
    throw new UsageError(
      `unknown option${unknown.length > 1 ? 's' : ''}: ${unknown.map(flag).join(', ')}${didYouMean(flag(unknown[0] ?? ''), flags)}`,
      {
        hint: `run 'outfit ${command.name.split(' ')[0]} --help' for its options`,
      },
    )
  }
}

/** cac camel-cases option names (--dry-run → dryRun); messages show them as typed. */
function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)
}

function reportError(error: unknown, deps: CliDeps): number {
  if (error instanceof TargetInvalidError) {
    for (const line of renderDiagnostics(error.diagnostics, { color: deps.color, cwd: deps.cwd }))
      deps.err(line)
    deps.err(`✗ ${error.message}; nothing was changed`)
    return ExitCode.Failed
  }
  if (error instanceof OutfitError) {
    deps.err(`error: ${error.message}`)
    if (error.hint) deps.err(`  → ${error.hint}`)
    return exitCodeForError(error, deps.abortedBy?.())
  }
  deps.err(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
  deps.err('  → this is a bug in outfit; please report it with the command you ran')
  return ExitCode.Failed
}

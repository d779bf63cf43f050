// `outfit install [...tools]` (and `--dry-run`, which is `outfit plan`).
import { install } from '../../api/install.js'
import { renderLockChanges } from '../../report/render.js'
import { command } from '../command.js'
import {
  type CommonFlags,
  concurrency,
  gitignoreQuestion,
  KIT_SOURCE_HELP,
  kitRunRequest,
  MCP_REGISTRY_HELP,
  SCOPES,
  type SubprojectFlags,
  trustQuestion,
  withCommon,
  withSubprojectFlags,
} from '../common.js'
import { finishAll, showPlanAll, stream } from '../run-output.js'
import { watchInstall } from '../../api/watch.js'
import { UsageError } from '../../errors.js'
import { renderWatchEvent } from '../../report/render-watch.js'
import type { CliDeps } from '../deps.js'
import { ExitCode } from '../exit-code.js'
import { chokidarWatch } from '../watcher.js'
import type { InstallRequest } from '../../api/install.js'

interface InstallFlags extends CommonFlags, SubprojectFlags {
  kit?: string
  mcpRegistry?: string
  all?: boolean
  detected?: boolean
  force?: boolean
  concurrency?: string
  dryRun?: boolean
  frozen?: boolean
  trust?: boolean
  strict?: boolean
  verbose?: boolean
  watch?: boolean
}

export default command({
  define: (cli) =>
    withSubprojectFlags(
      withCommon(
        cli.command('install [...tools]', 'Install the kit into the given tools'),
        `Where to install: ${SCOPES}`,
      ),
    )
      .example('outfit install <tool> <tool> --kit ./my-kit   # the ids under Tools')
      .example('outfit install --all --yes --scope global')
      .option('--kit <source>', KIT_SOURCE_HELP)
      .option('--mcp-registry <url>', MCP_REGISTRY_HELP)
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
      .option(
        '--watch',
        'Install again whenever a file of the kit folder changes, one line per change, until Ctrl-C (for kit authors)',
      ),
  async run(deps, [tools]: [string[]], flags: InstallFlags) {
    const output = stream(deps, flags)
    const request = {
      ...kitRunRequest(deps, flags),
      tools,
      strict: flags.strict,
      frozen: flags.frozen,
      trust: flags.trust,
      askTrust: trustQuestion(deps, flags),
      askGitignore: gitignoreQuestion(deps, flags),
      concurrency: concurrency(flags.concurrency),
      ...output.events,
    }
    if (flags.dryRun) return showPlanAll(deps, await install({ ...request, dryRun: true }), flags)
    if (flags.watch) return watch(deps, request, flags)
    const result = await install(request).finally(() => output.stop())
    if (!flags.json)
      for (const part of [result, ...(result.subprojects ?? []).flatMap((p) => p.result ?? [])])
        if (part.lock.saved) for (const line of renderLockChanges(part.lock.changes)) deps.err(line)
    return finishAll(deps, result, flags, output.hidden())
  },
})

// --- internal ---

/** `--watch`: a line per install until Ctrl-C or SIGTERM; the install then under way finishes or rolls back; exit 0. */
async function watch(deps: CliDeps, request: InstallRequest, flags: InstallFlags): Promise<ExitCode> {
  if (flags.json || flags.dryRun || flags.frozen)
    throw new UsageError('--watch goes with neither --json, --dry-run nor --frozen', {
      hint: 'watch installs again on every change of the kit, which a lock or a plan would not follow',
    })
  const signal = deps.signal ?? new AbortController().signal
  const options = { color: deps.color, cwd: deps.cwd }
  deps.err('watching the kit; Ctrl-C stops')
  await watchInstall({
    ...request,
    // Per tool blocks would bury the one line per change; the line says what each tool did.
    onStart: undefined,
    onStep: undefined,
    onToolDone: undefined,
    watch: await chokidarWatch(),
    onWatch: (event) => renderWatchEvent(event, options).forEach((line) => deps.out(line)),
    signal,
  })
  return ExitCode.Success
}

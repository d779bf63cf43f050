// `outfit update [...kits]`: how outfit.lock moves and what that changes in each tool, a question, then the install.
import { update } from '../../api/update.js'
import { renderLockChanges, renderPlan, renderSummary } from '../../report/render.js'
import { renderSkipped } from '../../report/render-skipped.js'
import { runDocument, updateDocument } from '../../report/to-json.js'
import { command } from '../command.js'
import {
  confirmQuestion,
  MCP_REGISTRY_HELP,
  printJson,
  SCOPES,
  showKitWarnings,
  toolQuestion,
  trustQuestion,
  where,
  withCommon,
  type CommonFlags,
} from '../common.js'
import { ExitCode, exitCodeForReport } from '../exit-code.js'

interface UpdateFlags extends CommonFlags {
  kit?: string
  mcpRegistry?: string
  all?: boolean
  detected?: boolean
  force?: boolean
  dryRun?: boolean
  trust?: boolean
  strict?: boolean
  minReleaseAge?: string
}

export default command({
  define: (cli) =>
    withCommon(
      cli.command(
        'update [...kits]',
        'Move kits to the newest commit or version their source allows, show what changes in each tool, then install',
      ),
      `Where the kits are installed: ${SCOPES}`,
    )
      .example('outfit update --all')
      .option('--kit <source>', "Update this kit source instead of the config's kits")
      .option('--mcp-registry <url>', MCP_REGISTRY_HELP)
      .option('--all', 'Update every tool that has the scope')
      .option('--detected', 'Update every tool found on this machine')
      .option('--force', 'Replace files and entries you changed (they are backed up)')
      .option('--dry-run', 'Show what would change and write nothing (outfit.lock included)')
      .option('--trust', 'Trust the kit sources of this run, and remember it')
      .option('--strict', 'Refuse a kit that writes a secret as a literal in mcp.yaml')
      .option(
        '--min-release-age <age>',
        "Skip npm versions and git commits younger than this (e.g. 3d, 12h; 0 = off; default: the config's minReleaseAge)",
      ),
  async run(deps, [kits]: [string[]], flags: UpdateFlags) {
    const result = await update({
      ...where(deps, flags),
      kits,
      all: flags.all,
      detected: flags.detected,
      askTools: toolQuestion(deps, flags),
      kit: flags.kit,
      mcpRegistry: flags.mcpRegistry,
      strict: flags.strict,
      ...(flags.minReleaseAge !== undefined ? { minReleaseAge: String(flags.minReleaseAge) } : {}),
      force: flags.force,
      dryRun: flags.dryRun,
      trust: flags.trust,
      askTrust: trustQuestion(deps, flags),
      onKitWarnings: showKitWarnings(deps),
      onPlan: (changes, plans, skipped) => {
        if (!flags.json)
          for (const line of [
            ...renderSkipped(skipped),
            ...renderLockChanges(changes),
            ...renderPlan(plans, { color: deps.color, cwd: deps.cwd }),
          ])
            deps.out(line)
      },
      confirmApply: confirmQuestion(deps, flags, 'Apply this update?'),
    })
    if (result.declined) {
      deps.out('nothing was changed')
      return ExitCode.Success
    }
    const { report } = result
    if (flags.json)
      printJson(deps, {
        ...updateDocument(
          result.scope,
          result.changes,
          result.plans,
          result.applied,
          report ? runDocument(report, result.scope) : undefined,
        ),
        ...(result.skipped.length > 0 ? { skipped: result.skipped } : {}),
      })
    else if (report) {
      deps.out('')
      for (const line of renderSummary(report, { color: deps.color })) deps.out(line)
    }
    if (!report) return result.plans.some((p) => p.failure) ? ExitCode.Failed : ExitCode.Success
    return exitCodeForReport(report, deps.abortedBy?.())
  },
})

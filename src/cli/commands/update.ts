// `outfit update [...kits]`: how outfit.lock moves and what that changes in each tool, a question, then the install.
import { update, type UpdateResult } from '../../api/update.js'
import { subprojectHeading, withParts } from '../../report/subprojects.js'
import { renderLockChanges, renderPlan, renderSummary } from '../../report/render.js'
import { renderSkipped } from '../../report/render-skipped.js'
import { runDocument, updateDocument } from '../../report/to-json.js'
import { command } from '../command.js'
import {
  type CommonFlags,
  confirmQuestion,
  kitRunRequest,
  MCP_REGISTRY_HELP,
  printJson,
  SCOPES,
  type SubprojectFlags,
  trustQuestion,
  withCommon,
  withSubprojectFlags,
} from '../common.js'
import { ExitCode, exitCodeForReport } from '../exit-code.js'

interface UpdateFlags extends CommonFlags, SubprojectFlags {
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
    withSubprojectFlags(
      withCommon(
        cli.command(
          'update [...kits]',
          'Move kits to the newest commit or version their source allows, show what changes in each tool, then install',
        ),
        `Where the kits are installed: ${SCOPES}`,
      ),
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
      ...kitRunRequest(deps, flags),
      kits,
      strict: flags.strict,
      ...(flags.minReleaseAge !== undefined ? { minReleaseAge: String(flags.minReleaseAge) } : {}),
      dryRun: flags.dryRun,
      trust: flags.trust,
      askTrust: trustQuestion(deps, flags),
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
    const parts = [result, ...(result.subprojects ?? []).flatMap((p) => p.result ?? [])]
    if (parts.every((p) => p.declined)) {
      deps.out('nothing was changed')
      return ExitCode.Success
    }
    const doc = (r: UpdateResult) => ({
      ...updateDocument(
        r.scope,
        r.changes,
        r.plans,
        r.applied,
        r.report ? runDocument(r.report, r.scope) : undefined,
      ),
      ...(r.skipped.length > 0 ? { skipped: r.skipped } : {}),
    })
    if (flags.json) printJson(deps, withParts(doc(result), result, doc))
    else
      for (const [i, part] of parts.entries()) {
        if (!part.report) continue
        const path = i === 0 ? result.subproject : result.subprojects?.find((p) => p.result === part)?.path
        deps.out('')
        if (path !== undefined) deps.out(subprojectHeading(path))
        for (const line of renderSummary(part.report, { color: deps.color })) deps.out(line)
      }
    const codes = parts.map((r) =>
      r.report
        ? exitCodeForReport(r.report, deps.abortedBy?.())
        : r.plans.some((p) => p.failure)
          ? ExitCode.Failed
          : ExitCode.Success,
    )
    return codes.find((c) => c !== ExitCode.Success) ?? ExitCode.Success
  },
})

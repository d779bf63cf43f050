// `outfit forget [...tools]`: shows what outfit would forget in a scope, asks (or takes --yes), then drops those
// records; the files stay.
import { forget, type ForgetPlan } from '../../api/forget.js'
import type { ForgetDocument } from '../../generated/output.js'
import { renderForget } from '../../report/render-forget.js'
import { command } from '../command.js'
import {
  confirmQuestion,
  printJson,
  SCOPES,
  subprojectChoice,
  where,
  withCommon,
  withSubprojectFlags,
  type CommonFlags,
  type SubprojectFlags,
} from '../common.js'
import { ExitCode } from '../exit-code.js'

export default command({
  define: (cli) =>
    withSubprojectFlags(
      withCommon(
        cli.command(
          'forget [...tools]',
          "Drop outfit's records of the installs in a scope (the files stay and count as yours): the way out when its state is refused",
        ),
        `Which installs to forget: ${SCOPES}`,
      ),
    )
      .example('outfit forget --scope global --dry-run')
      .option('--dry-run', 'Show what would be forgotten and change nothing'),
  async run(deps, [tools]: [string[]], flags: CommonFlags & SubprojectFlags & { dryRun?: boolean }) {
    const result = await forget({
      ...where(deps, flags),
      ...subprojectChoice(flags),
      tools,
      dryRun: flags.dryRun,
      yes: flags.yes,
      onPlan: (plans, scope) => {
        if (!flags.json) for (const line of renderForget(plans, scope)) deps.out(line)
      },
      // Without a terminal (or with --json) there is nobody to ask: the api then refuses unless --yes.
      confirm: confirmQuestion(deps, { json: flags.json }, 'Forget these records?', false),
    })
    const { plans, forgotten } = result
    if (flags.json) {
      const document: ForgetDocument = {
        command: 'forget',
        scope: result.scope,
        forgotten,
        roots: plans.map(describe),
      }
      printJson(deps, document)
    } else if (forgotten) deps.out(`✓ forgotten; the files stay as they are`)
    else if (plans.length > 0) deps.out('nothing was changed')
    return ExitCode.Success
  },
})

function describe(plan: ForgetPlan): ForgetDocument['roots'][number] {
  return {
    scope: plan.scope,
    root: plan.root,
    installs: plan.installs,
    journals: plan.journals,
    ...(plan.backups ? { backups: plan.backups.dir } : {}),
  }
}

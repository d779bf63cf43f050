// `outfit plan [...tools]`: what an install would change, with diffs; `--check` fails on any change (CI).
import { plan } from '../../api/plan.js'
import { command } from '../command.js'
import {
  type CommonFlags,
  KIT_SOURCE_HELP,
  kitRunRequest,
  MCP_REGISTRY_HELP,
  SCOPES,
  type SubprojectFlags,
  withCommon,
  withSubprojectFlags,
} from '../common.js'
import { showPlanAll } from '../run-output.js'

interface PlanFlags extends CommonFlags, SubprojectFlags {
  kit?: string
  frozen?: boolean
  mcpRegistry?: string
  all?: boolean
  detected?: boolean
  force?: boolean
  check?: boolean
}

export default command({
  define: (cli) =>
    withSubprojectFlags(
      withCommon(
        cli.command(
          'plan [...tools]',
          'Show every file an install would create, change or remove, with diffs; write nothing',
        ),
        `Which install to plan: ${SCOPES}`,
      ),
    )
      .example('outfit plan --all --check   # in CI: exit 1 when an install would change anything')
      .option('--kit <source>', KIT_SOURCE_HELP)
      .option('--mcp-registry <url>', MCP_REGISTRY_HELP)
      .option('--all', 'Plan for every known tool')
      .option('--detected', 'Plan for every tool found on this machine')
      .option('--force', 'Plan as if --force were given')
      .option('--check', 'Exit 1 when an install would change anything (for CI drift checks)')
      .option(
        '--frozen',
        'Plan exactly what outfit.lock says; fail (exit 5) if it is missing or would change',
      ),
  async run(deps, [tools]: [string[]], flags: PlanFlags) {
    const result = await plan({ ...kitRunRequest(deps, flags), tools, frozen: flags.frozen })
    return showPlanAll(deps, result, flags)
  },
})

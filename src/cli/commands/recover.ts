// `outfit recover`: roll back what an interrupted run left half-done.
import { recover } from '../../api/recover.js'
import { renderRecovered } from '../../report/render.js'
import { command } from '../command.js'
import {
  printJson,
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
        cli.command('recover', 'Roll back what an interrupted run (crash, kill) left half-done'),
        'Accepted so scripts can pass the same flags everywhere; recover checks your home and the project (in a monorepo, its subprojects too)',
      ),
    )
      .option('--verbose', 'List every restored path (default: a count per folder)')
      .example('outfit recover --home ~/sandbox'),
  async run(deps, _args: [], flags: CommonFlags & SubprojectFlags & { verbose?: boolean }) {
    const { recovered } = await recover({ ...where(deps, flags), ...subprojectChoice(flags) })
    if (flags.json) printJson(deps, { command: 'recover', recovered })
    else if (recovered.length === 0) deps.out('✓ nothing to recover')
    else
      for (const line of renderRecovered(recovered, { color: deps.color, verbose: flags.verbose ?? false }))
        deps.out(line)
    return ExitCode.Success
  },
})

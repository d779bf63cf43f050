// `outfit uninstall [...tools]`: remove exactly what outfit installed.
import { uninstall } from '../../api/uninstall.js'
import { command } from '../command.js'
import {
  SCOPES,
  subprojectChoice,
  toolQuestion,
  where,
  withCommon,
  withSubprojectFlags,
  type CommonFlags,
  type SubprojectFlags,
} from '../common.js'
import { finishAll, stream } from '../run-output.js'

interface UninstallFlags extends CommonFlags, SubprojectFlags {
  all?: boolean
  force?: boolean
  verbose?: boolean
}

export default command({
  define: (cli) =>
    withSubprojectFlags(
      withCommon(
        cli.command('uninstall [...tools]', 'Remove exactly what outfit installed into the given tools'),
        `Which install to remove: ${SCOPES}`,
      ),
    )
      .example('outfit uninstall <tool>')
      .example('outfit uninstall --all --scope global')
      .option('--all', 'Uninstall from every known tool')
      .option('--force', 'Also remove files you changed since outfit installed them')
      .option('--verbose', 'Show every warning whole, also those another tool already gave'),
  async run(deps, [tools]: [string[]], flags: UninstallFlags) {
    const output = stream(deps, flags)
    const result = await uninstall({
      ...where(deps, flags),
      ...subprojectChoice(flags),
      tools,
      all: flags.all,
      askTools: toolQuestion(deps, flags),
      force: flags.force,
      ...output.events,
    }).finally(() => output.stop())
    return finishAll(deps, result, flags, output.hidden())
  },
})

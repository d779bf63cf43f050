// `outfit status [...tools]`: per tool, detected, installed kit and version, drifted files.
import { status } from '../../api/status.js'
import { renderStatus } from '../../report/render.js'
import { statusDocument } from '../../report/to-json.js'
import { command } from '../command.js'
import { printJson, SCOPES, where, withCommon, type CommonFlags } from '../common.js'
import { ExitCode } from '../exit-code.js'

export default command({
  define: (cli) =>
    withCommon(
      cli.command(
        'status [...tools]',
        'Show per tool: detected, installed kit and version, and drifted files',
      ),
      `Which install to show: ${SCOPES}`,
    ).example('outfit status --scope global'),
  async run(deps, [tools]: [string[]], flags: CommonFlags) {
    const result = await status({ ...where(deps, flags), tools })
    for (const root of result.interrupted) {
      deps.err(
        `! an outfit run in ${root} was interrupted and left changes half-done; what follows may be partial. Run \`outfit recover\` to roll it back (install and uninstall also do it first).`,
      )
    }
    if (flags.json)
      printJson(deps, statusDocument(result.rows, result.scope, result.interrupted, result.lock))
    else {
      // Say what is being described: the same tools can be installed in your home and in every project.
      const { roots } = result
      deps.out(
        `${result.scope} scope, in ${roots.length > 0 ? roots.join(', ') : '(no tool has this scope)'}`,
      )
      for (const line of renderStatus(result.rows, { color: deps.color })) deps.out(line)
    }
    return ExitCode.Success
  },
})

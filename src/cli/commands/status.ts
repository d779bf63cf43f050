// `outfit status [...tools]`: per tool, detected, installed kit and version, drifted files; in a monorepo, the root's
// then each subproject's.
import { status, type StatusResult } from '../../api/status.js'
import { renderStatus } from '../../report/render.js'
import { subprojectHeading, withParts } from '../../report/subprojects.js'
import { statusDocument } from '../../report/to-json.js'
import { command } from '../command.js'
import {
  printJson,
  SCOPES,
  subprojectChoice,
  where,
  withCommon,
  withSubprojectFlags,
  type CommonFlags,
  type SubprojectFlags,
} from '../common.js'
import type { CliDeps } from '../deps.js'
import { ExitCode } from '../exit-code.js'

export default command({
  define: (cli) =>
    withSubprojectFlags(
      withCommon(
        cli.command(
          'status [...tools]',
          'Show per tool: detected, installed kit and version, and drifted files',
        ),
        `Which install to show: ${SCOPES}`,
      ),
    ).example('outfit status --scope global'),
  async run(deps, [tools]: [string[]], flags: CommonFlags & SubprojectFlags) {
    const result = await status({ ...where(deps, flags), ...subprojectChoice(flags), tools })
    const parts = [result, ...(result.subprojects ?? []).flatMap((p) => p.result ?? [])]
    for (const root of parts.flatMap((p) => p.interrupted)) {
      deps.err(
        `! an outfit run in ${root} was interrupted and left changes half-done; what follows may be partial. Run \`outfit recover\` to roll it back (install and uninstall also do it first).`,
      )
    }
    const doc = (r: StatusResult) => statusDocument(r.rows, r.scope, r.interrupted, r.lock)
    if (flags.json) printJson(deps, withParts(doc(result), result, doc))
    else {
      if (result.subproject !== undefined) deps.out(subprojectHeading(result.subproject))
      show(deps, result)
      for (const part of result.subprojects ?? []) {
        deps.out('')
        deps.out(subprojectHeading(part.path))
        if (part.result) show(deps, part.result)
        else deps.out(`  not installed: ${part.skipped ?? ''}`)
      }
    }
    return ExitCode.Success
  },
})

// --- internal ---

function show(deps: CliDeps, result: StatusResult): void {
  // Say what is being described: the same tools can be installed in your home and in every project.
  const { roots } = result
  deps.out(`${result.scope} scope, in ${roots.length > 0 ? roots.join(', ') : '(no tool has this scope)'}`)
  for (const line of renderStatus(result.rows, { color: deps.color })) deps.out(line)
}

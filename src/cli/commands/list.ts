// `outfit list`: the known tools and whether each is detected here.
import { list } from '../../api/list.js'
import { listDocument } from '../../report/to-json.js'
import { command } from '../command.js'
import { printJson, where, withCommon, type CommonFlags } from '../common.js'
import { ExitCode } from '../exit-code.js'

export default command({
  define: (cli) =>
    withCommon(
      cli.command('list', 'List the known tools and whether each is detected here'),
      'Accepted so scripts can pass the same flags everywhere; list shows every scope',
    ).example('outfit list --targets ./my-targets'),
  async run(deps, _args: [], flags: CommonFlags) {
    const { tools } = await list(where(deps, flags))
    if (flags.json) printJson(deps, listDocument(tools))
    else {
      const width = Math.max(...tools.map((r) => r.id.length))
      for (const r of tools)
        deps.out(
          `${r.detected ? '●' : '○'} ${r.id.padEnd(width)}  ${r.name} (${r.scopes.join(', ')})${r.detected ? '' : ' — not detected'}${r.endOfLife ? ` — end of life since ${r.endOfLife.since}: ${r.endOfLife.note}` : ''}`,
        )
    }
    return ExitCode.Success
  },
})

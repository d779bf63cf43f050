// The command table: argv → one command module (commands/<name>.ts: flags → one api call → rendered lines) → exit
// code. Never exits the process itself (run.ts does), and takes its dependencies as arguments so tests can drive it
// without a terminal.
import { cac } from 'cac'
import { didYouMean } from '../did-you-mean.js'
import { UsageError } from '../errors.js'
import { version } from '../version.js'
import type { CliCommand } from './command.js'
import adopt from './commands/adopt.js'
import audit from './commands/audit.js'
import forget from './commands/forget.js'
import init from './commands/init.js'
import install from './commands/install.js'
import list from './commands/list.js'
import pack from './commands/pack.js'
import plan from './commands/plan.js'
import recover from './commands/recover.js'
import searchMcp from './commands/search-mcp.js'
import status from './commands/status.js'
import uninstall from './commands/uninstall.js'
import update from './commands/update.js'
import validate from './commands/validate.js'
import type { CliDeps } from './deps.js'
import { ExitCode } from './exit-code.js'
import { withToolList } from './help.js'
import { reportFailure } from './report-error.js'
import { rejectUnknownFlags } from './unknown-flags.js'

export type { CliDeps } from './deps.js'

/** In the order `outfit --help` lists them. */
const COMMANDS: CliCommand[] = [
  install,
  update,
  plan,
  uninstall,
  list,
  status,
  recover,
  forget,
  adopt,
  audit,
  pack,
  validate,
  init,
  searchMcp,
]

export async function main(argv: string[], deps: CliDeps): Promise<number> {
  const cli = cac('outfit')
  let pending: Promise<number> | undefined
  for (const command of COMMANDS)
    command.define(cli).action((...args: unknown[]) => {
      // cac passes the positional arguments, then the flags.
      const flags = args.pop() as Record<string, unknown>
      pending = command.run(deps, args, flags)
    })
  cli.help((sections) => withToolList(sections, cli.matchedCommand?.name.split(' ')[0]))
  cli.version(version)

  try {
    cli.parse(['node', 'outfit', ...argv], { run: false })
    if (cli.options.help || cli.options.version) return ExitCode.Success
    if (!cli.matchedCommand) {
      if (cli.args.length > 0) {
        const names = cli.commands.map((c) => c.name.split(' ')[0] ?? '').filter(Boolean)
        throw new UsageError(`unknown command '${cli.args[0]}'${didYouMean(String(cli.args[0]), names)}`, {
          hint: "run 'outfit --help' for the commands",
        })
      }
      cli.outputHelp()
      return ExitCode.Usage
    }
    rejectUnknownFlags(cli.matchedCommand, cli.options)
    await cli.runMatchedCommand()
    return await (pending ?? Promise.resolve(ExitCode.Success))
  } catch (caught) {
    return reportFailure(caught, deps, cli.matchedCommand?.name.split(' ')[0] ?? '', argv.includes('--json'))
  }
}

// `outfit init kit [dir]` / `outfit init target <id>`: scaffolds that are valid as written; never overwrites.
import { relative } from 'node:path'
import { init } from '../../api/init.js'
import { command } from '../command.js'
import { printJson } from '../common.js'
import { ExitCode } from '../exit-code.js'

export default command({
  define: (cli) =>
    cli
      .command(
        'init <kind> [name]',
        'Scaffold a kit (`init kit [dir]`) or a target (`init target <id>`); never overwrites',
      )
      .option(
        '--dir <dir>',
        "Where `init target` writes <id>.yaml (default: the config file's first targets folder, else ./targets)",
      )
      .option('--config <file>', 'Read defaults from this file (default: the nearest outfit.config.yaml)')
      .option('--json', 'Print one JSON document (schemas/output.schema.json)')
      .option(
        '--yes',
        'Accepted so scripts can pass it to every command (init never asks, and never overwrites)',
      )
      .example('outfit init kit my-kit')
      .example('outfit init target my-tool --dir ./targets'),
  async run(
    deps,
    [kind, name]: [string, string | undefined],
    flags: { dir?: string; config?: string; json?: boolean },
  ) {
    const result = await init({
      fs: deps.fs,
      cwd: deps.cwd,
      kind,
      name,
      dir: flags.dir,
      config: flags.config,
    })
    const shown = relative(deps.cwd, result.folder) || '.'
    const next =
      result.kind === 'kit'
        ? `try it: outfit plan --all --kit ${shown}`
        : `check it: outfit validate --targets ${shown}`
    if (flags.json) printJson(deps, { command: 'init', kind: result.kind, created: result.created })
    else {
      for (const file of result.created) deps.out(`+ ${file}`)
      deps.out(`✓ ${kind} created; ${next}`)
    }
    return ExitCode.Success
  },
})

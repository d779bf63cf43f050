// `outfit validate [...files]`: target, kit and config files checked, each as what it is.
import { validate } from '../../api/validate.js'
import { renderDiagnostics } from '../../report/render.js'
import { validateDocument } from '../../report/to-json.js'
import { command } from '../command.js'
import { printJson } from '../common.js'
import { ExitCode } from '../exit-code.js'

interface ValidateFlags {
  targets?: string | string[]
  config?: string
  kit?: string
  json?: boolean
}

export default command({
  define: (cli) =>
    cli
      .command(
        'validate [...files]',
        'Check target YAML files (default: every known target, the config file, and --kit if given)',
      )
      .option('--targets <dir>', 'Also check target YAML files in this directory (repeatable)')
      .option('--config <file>', 'Check this config file (default: the nearest outfit.config.yaml)')
      .option(
        '--kit <dir>',
        'Also check this kit (kit.yaml, mcp.yaml, hooks.yaml), or a plugin folder as install reads it',
      )
      .option('--json', 'Print one JSON document (schemas/output.schema.json)')
      .option('--yes', 'Accepted so scripts can pass it to every command (validate never asks)')
      .example('outfit validate                      # every known target and the config file')
      .example('outfit validate my-tool.yaml kit/mcp.yaml --kit ./kit'),
  async run(deps, [files]: [string[]], flags: ValidateFlags) {
    const { diagnostics, checked } = await validate({
      fs: deps.fs,
      cwd: deps.cwd,
      files,
      targets: flags.targets,
      config: flags.config,
      kit: flags.kit,
    })
    const errors = diagnostics.filter((d) => d.severity === 'error')
    if (flags.json) printJson(deps, validateDocument(diagnostics, checked))
    else {
      for (const line of renderDiagnostics(diagnostics, { color: deps.color, cwd: deps.cwd })) deps.out(line)
      const what = `${checked} file${checked === 1 ? '' : 's'}`
      deps.out(
        errors.length === 0
          ? `✓ ${what} valid`
          : `✗ ${errors.length} problem${errors.length === 1 ? '' : 's'} in ${new Set(errors.map((d) => d.file)).size} of ${what}`,
      )
    }
    return errors.length === 0 ? ExitCode.Success : ExitCode.Failed
  },
})

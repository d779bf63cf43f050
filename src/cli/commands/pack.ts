// `outfit pack [--format …] [--out <dir>] [--kit <src>]`: the kit as an Agent Plugin and as each vendor's plugin;
// `outfit pack --marketplace <dir> --kit A --kit B …`: several kits with each vendor's marketplace file.
import { pack } from '../../api/pack.js'
import type { PackDocument } from '../../generated/output.js'
import { renderPack } from '../../report/render-pack.js'
import { command } from '../command.js'
import {
  KIT_SOURCE_HELP,
  MCP_REGISTRY_HELP,
  printJson,
  where,
  withCommon,
  type CommonFlags,
} from '../common.js'
import { ExitCode } from '../exit-code.js'

interface PackFlags extends CommonFlags {
  kit?: string | string[]
  format?: string | string[]
  out?: string
  marketplace?: string
  mcpRegistry?: string
}

export default command({
  define: (cli) =>
    withCommon(
      cli.command(
        'pack',
        "Package the kit as an Agent Plugin and as each tool's plugin (every target with a plugin scope)",
      ),
      'Accepted so scripts can pass the same flags everywhere; pack writes packages, not a scope',
    )
      .example('outfit pack --out dist/plugins                     # all six formats, one folder each')
      .example('outfit pack --format agent-plugin --out dist/plugins')
      .example('outfit pack --marketplace market --kit ./kits/review --kit ./kits/docs')
      .option('--kit <source>', `${KIT_SOURCE_HELP}; repeatable with --marketplace`)
      .option(
        '--format <format>',
        "agent-plugin or a tool's plugin format, as docs/plugins.md lists them (repeatable; default: all, or those with marketplaces)",
      )
      .option(
        '--out <dir>',
        'A new or empty folder for the packages, one subfolder per format (default: outfit-pack)',
      )
      .option(
        '--marketplace <dir>',
        "A new or empty folder for every --kit with each tool's marketplace file",
      )
      .option('--mcp-registry <url>', MCP_REGISTRY_HELP),
  async run(deps, _args: [], flags: PackFlags) {
    const result = await pack({
      ...where(deps, flags),
      kits: list(flags.kit),
      formats: list(flags.format),
      ...(flags.out !== undefined ? { out: String(flags.out) } : {}),
      ...(flags.marketplace !== undefined ? { marketplace: String(flags.marketplace) } : {}),
      ...(flags.mcpRegistry ? { mcpRegistry: flags.mcpRegistry } : {}),
    })
    if (flags.json) {
      const document: PackDocument = { command: 'pack', ...result }
      printJson(deps, document)
    } else for (const line of renderPack(result, deps.cwd)) deps.out(line)
    return ExitCode.Success
  },
})

// --- internal ---

/** A repeatable flag: cac gives one value as a string and several as an array. */
function list(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : (Array.isArray(value) ? value : [value]).map(String)
}

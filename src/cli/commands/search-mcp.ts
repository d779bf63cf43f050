// `outfit search-mcp <words...>`: what an MCP registry offers, and the mcp.yaml line that installs it.
import { searchMcp } from '../../api/search-mcp.js'
import { command } from '../command.js'
import { MCP_REGISTRY_HELP, printJson } from '../common.js'
import type { CliDeps } from '../deps.js'
import { ExitCode } from '../exit-code.js'

interface SearchFlags {
  json?: boolean
  config?: string
  mcpRegistry?: string
}

export default command({
  define: (cli) =>
    cli
      .command('search-mcp <...words>', 'Search an MCP registry for servers, with the mcp.yaml line for each')
      .example('outfit search-mcp github issues')
      .option('--mcp-registry <url>', MCP_REGISTRY_HELP)
      .option('--config <file>', 'Read mcpRegistry from this file (default: the nearest outfit.config.yaml)')
      .option('--json', 'Print one JSON document instead of text (schemas/output.schema.json)'),
  async run(deps: CliDeps, [words]: [string[]], flags: SearchFlags) {
    const found = await searchMcp({
      fs: deps.fs,
      cwd: deps.cwd,
      words: words.join(' '),
      ...(flags.mcpRegistry ? { registry: flags.mcpRegistry } : {}),
      ...(flags.config ? { config: flags.config } : {}),
    })
    if (flags.json) printJson(deps, found)
    else if (found.servers.length === 0)
      deps.out(`no server in ${found.registry} matches '${words.join(' ')}'`)
    else
      for (const s of found.servers) {
        deps.out(`${s.name}@${s.version}  (${s.runs.join(', ') || 'no runnable package'})`)
        if (s.description) deps.out(`  ${s.description}`)
        deps.out(`  ${s.use}`)
      }
    return ExitCode.Success
  },
})

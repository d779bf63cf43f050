// `outfit adopt [...tools]`: the agents, skills, commands and rules the tools already have, written as a kit.
import { adopt } from '../../api/adopt.js'
import { adoptDocument, renderAdopt } from '../../report/render-adopt.js'
import { clackPrompter } from '../prompts.js'
import { command } from '../command.js'
import { printJson, where, withCommon, type CommonFlags } from '../common.js'
import { ExitCode } from '../exit-code.js'

interface AdoptFlags extends CommonFlags {
  kit?: string
  dryRun?: boolean
  prefer?: string
}

export default command({
  define: (cli) =>
    withCommon(
      cli.command(
        'adopt [...tools]',
        'Turn what the tools already have (agents, skills, commands, rules) into a kit, without touching their files',
      ),
      'Where to read: project (default) or global (your home)',
    )
      .example('outfit adopt                       # every tool with content here, into kit/')
      .example('outfit adopt --scope global --prefer <tool> --dry-run')
      .option(
        '--kit <dir>',
        'The kit folder to write (default: kit/; <config home>/outfit/kit with --scope global)',
      )
      .option('--dry-run', 'Show what would be written and write nothing')
      .option('--prefer <tool>', "Where tools disagree on an item, take this tool's version"),
  async run(deps, [tools]: [string[]], flags: AdoptFlags) {
    const ask = deps.isTTY && !flags.json && !flags.yes
    const prompter = ask ? (deps.prompter ?? clackPrompter()) : undefined
    const report = await adopt({
      ...where(deps, flags),
      tools,
      ...(flags.kit !== undefined ? { kit: String(flags.kit) } : {}),
      dryRun: flags.dryRun === true,
      ...(flags.prefer !== undefined ? { prefer: String(flags.prefer) } : {}),
      ...(prompter
        ? {
            choose: (conflict) =>
              prompter.selectOne(
                `${conflict.path} differs between tools: which version goes into the kit?`,
                conflict.versions.map((v) => ({ value: v.tools[0] ?? '', label: v.tools.join(', ') })),
                conflict.versions[0]?.tools[0] ?? '',
                deps.signal,
              ),
          }
        : {}),
    })
    if (flags.json) printJson(deps, adoptDocument(report))
    else for (const line of renderAdopt(report)) deps.out(line)
    const blocked = report.conflicts.length > 0 || report.files.some((f) => f.status === 'differs')
    return blocked ? ExitCode.Failed : ExitCode.Success
  },
})

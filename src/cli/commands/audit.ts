// `outfit audit [--kit <source>] [--json | --sarif]`: the kits install would install, scanned for hidden characters
// and commands that run fetched code. Exit 7 on any finding, so CI can gate on it; --sarif prints a SARIF 2.1.0 log
// for GitHub code scanning. The work is api/audit.ts; this file picks the output.
import { relative, sep } from 'node:path'
import { pathToFileURL } from 'node:url'
import { audit } from '../../api/audit.js'
import { toSarif } from '../../audit/sarif.js'
import { UsageError } from '../../errors.js'
import type { AuditDocument } from '../../generated/output.js'
import { renderAudit } from '../../report/render-audit.js'
import { version } from '../../version.js'
import { command } from '../command.js'
import { KIT_SOURCE_HELP, printJson, where, withCommon, type CommonFlags } from '../common.js'
import { ExitCode } from '../exit-code.js'

interface AuditFlags extends CommonFlags {
  kit?: string
  sarif?: boolean
}

export default command({
  define: (cli) =>
    withCommon(
      cli.command(
        'audit',
        'Scan the kit for hidden characters (bidi, zero-width, tag, control) and commands that run fetched code; exit 7 on findings',
      ),
      'Accepted so scripts can pass the same flags everywhere; audit looks at the kit only',
    )
      .example('outfit audit --kit github:acme/ai-kits#v2')
      .example('outfit audit --sarif > outfit.sarif   # for GitHub code scanning')
      .option('--kit <source>', KIT_SOURCE_HELP)
      .option('--sarif', 'Print a SARIF 2.1.0 log (GitHub code scanning) instead of text'),
  async run(deps, _args: [], flags: AuditFlags) {
    if (flags.json && flags.sarif)
      throw new UsageError('--json and --sarif are two forms of the same report; pass one of them')
    const { project, kits } = await audit({ ...where(deps, flags), kit: flags.kit })
    if (flags.sarif) {
      // A kit outside the repository is named by an absolute file: URI.
      const base = (dir: string) => {
        const rel = relative(project, dir)
        return rel.startsWith('..') ? pathToFileURL(dir).href : rel.split(sep).join('/')
      }
      const log = toSarif(
        kits.map((k) => ({
          source: k.source,
          ...(k.local ? { base: base(k.dir) } : {}),
          findings: k.findings,
        })),
        version,
      )
      printJson(deps, log)
    } else if (flags.json) {
      const document: AuditDocument = {
        command: 'audit',
        kits: kits.map((k) => ({ name: k.name, source: k.source, findings: k.findings })),
      }
      printJson(deps, document)
    } else
      for (const line of renderAudit(
        kits.map((k) => ({ ...k, shown: relative(deps.cwd, k.dir).split(sep).join('/') || '.' })),
      ))
        deps.out(line)
    return kits.some((k) => k.findings.length > 0) ? ExitCode.Findings : ExitCode.Success
  },
})

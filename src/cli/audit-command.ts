// `outfit audit [--kit <source>] [--json | --sarif]`: the kits install would install, scanned for hidden characters
// and commands that run fetched code. Exit 7 on any finding, so CI can gate on it; --sarif prints a SARIF 2.1.0 log
// for GitHub code scanning. The work is api/audit.ts; this file picks the output.
import { relative, sep } from 'node:path'
import { pathToFileURL } from 'node:url'
import { audit } from '../api/audit.js'
import { toSarif } from '../audit/sarif.js'
import { UsageError } from '../errors.js'
import type { AuditDocument } from '../generated/output.js'
import { renderAudit } from '../report/render-audit.js'
import { version } from '../version.js'
import type { Context } from './context.js'
import { ExitCode } from './exit-code.js'
import type { CliDeps } from './index.js'
import { kitSources, kitsRequest, type KitFlagsIn } from './kit-input.js'
import { checkKitSources } from './kit.js'

export interface AuditFlags extends KitFlagsIn {
  sarif?: boolean
}

export async function auditCommand(deps: CliDeps, ctx: Context, flags: AuditFlags): Promise<number> {
  if (flags.json && flags.sarif)
    throw new UsageError('--json and --sarif are two forms of the same report; pass one of them')
  await checkKitSources(deps, ctx, flags)
  const kits = await audit(kitsRequest(deps, ctx, flags, await kitSources(deps, ctx, flags)))
  const found = kits.some((k) => k.findings.length > 0)
  if (flags.sarif) {
    // File names relative to the repository, as code scanning shows them; a kit outside it by absolute file: URI.
    const base = (dir: string) => {
      const rel = relative(ctx.project, dir)
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
    deps.out(JSON.stringify(log, null, 2))
  } else if (flags.json) {
    const document: AuditDocument = {
      command: 'audit',
      kits: kits.map((k) => ({ name: k.name, source: k.source, findings: k.findings })),
    }
    deps.out(JSON.stringify(document, null, 2))
  } else
    for (const line of renderAudit(
      kits.map((k) => ({ ...k, shown: relative(deps.cwd, k.dir).split(sep).join('/') || '.' })),
    ))
      deps.out(line)
  return found ? ExitCode.Findings : ExitCode.Success
}

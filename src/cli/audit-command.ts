// `outfit audit [--kit <source>] [--json | --sarif]`: the kits install would install, scanned for hidden characters
// and commands that run fetched code. Exit 7 on any finding, so CI can gate on it; --sarif prints a SARIF 2.1.0 log
// for GitHub code scanning. The work is api/audit.ts; this file picks the output. It takes the kits request from
// index.ts and names what it needs itself, so it adds no module to the CLI's import cycle.
import { relative, sep } from 'node:path'
import { pathToFileURL } from 'node:url'
import { audit, type AuditRequest } from '../api/audit.js'
import { toSarif } from '../audit/sarif.js'
import { UsageError } from '../errors.js'
import type { AuditDocument } from '../generated/output.js'
import { renderAudit } from '../report/render-audit.js'
import { version } from '../version.js'
import { ExitCode } from './exit-code.js'

export interface AuditFlags {
  kit?: string
  json?: boolean
  sarif?: boolean
}

/** Refuses --json with --sarif before anything is fetched. */
export function checkAuditFlags(flags: AuditFlags): void {
  if (flags.json && flags.sarif)
    throw new UsageError('--json and --sarif are two forms of the same report; pass one of them')
}

export async function auditCommand(
  deps: { out: (line: string) => void; cwd: string },
  /** The repository folder: SARIF names files relative to it, as code scanning shows them. */
  project: string,
  request: AuditRequest,
  flags: AuditFlags,
): Promise<number> {
  checkAuditFlags(flags)
  const kits = await audit(request)
  const found = kits.some((k) => k.findings.length > 0)
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

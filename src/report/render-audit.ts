// Audit findings for people: `file:line:col  rule  what was found: why (code points)`, one line each, escaped for the
// terminal (a file name or a command from a kit is shown, never obeyed). A fetched kit's files are named by its source.
import type { Finding } from '../audit/rules.js'
import { findingLine } from '../audit/finding-line.js'

export interface AuditedKit {
  name: string
  source: string
  local: boolean
  /** A local kit's folder as the user should see it (relative to the current folder). */
  shown?: string
  findings: Finding[]
}

/** The report of `outfit audit`: every finding, then a count per kit. */
export function renderAudit(kits: AuditedKit[]): string[] {
  const lines = kits.flatMap((kit) => kit.findings.map((f) => findingLine(kit, f)))
  const total = kits.reduce((n, k) => n + k.findings.length, 0)
  const what = `${kits.length} kit${kits.length === 1 ? '' : 's'}`
  lines.push(
    total === 0
      ? `✓ ${what} audited: no hidden characters, no commands that run fetched code`
      : `✗ ${total} finding${total === 1 ? '' : 's'} in ${what}; see docs/safety.md ("Content audit") for what each rule means`,
  )
  return lines
}

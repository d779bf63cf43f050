// Audit findings for people: `file:line:col  rule  what was found: why (code points)`, one line each, escaped for the
// terminal (a file name or a command from a kit is shown, never obeyed). A fetched kit's files are named by its source.
import type { Finding } from '../audit/rules.js'
import { escapeForTerminal } from '../formats/escape.js'

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

/** One finding, located: `rules/a.md:3:14  bidi-control  a bidirectional control: … (U+202E RIGHT-TO-LEFT OVERRIDE)`. */
export function findingLine(kit: Pick<AuditedKit, 'source' | 'local' | 'shown'>, f: Finding): string {
  const where = kit.local
    ? kit.shown && kit.shown !== '.'
      ? `${kit.shown}/${f.file}`
      : f.file
    : `${kit.source} › ${f.file}`
  const points =
    f.codePoints.length === 0
      ? ''
      : ` (${f.codePoints.slice(0, MAX_POINTS).join(', ')}${f.codePoints.length > MAX_POINTS ? `, and ${f.codePoints.length - MAX_POINTS} more` : ''})`
  return escapeForTerminal(`${where}:${f.line}:${f.column}  ${f.rule}  ${f.message}${points}`)
}

// --- internal ---

/** A run of tag characters names up to 95 of them: the hidden text says more than the list. */
const MAX_POINTS = 4

// One audit finding as a line for people, escaped for the terminal (a file name or a command from a kit is shown,
// never obeyed): the report of `outfit audit`, and what the trust question and its refusal list (and trust.json
// records, so that a finding that moves or changes is asked about again).
import { escapeForTerminal } from '../formats/escape.js'
import type { Finding } from './rules.js'

/** How a kit is named: a local one by its folder as the user sees it, a fetched one by its source. */
export interface KitName {
  source: string
  local: boolean
  /** A local kit's folder relative to the current folder. */
  shown?: string
}

/** One finding, located: `rules/a.md:3:14  bidi-control  a bidirectional control: … (U+202E RIGHT-TO-LEFT OVERRIDE)`. */
export function findingLine(kit: KitName, f: Finding): string {
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

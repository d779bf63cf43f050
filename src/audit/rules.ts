// The audit's findings and the closed set of rules that make them. Each rule says in one line why it matters (the
// finding's message starts from it) and what to do; SARIF output lists the same text as the rule's help.
import type { AuditFinding } from '../generated/output.js'

/** The rules, as schemas/output.schema.json lists them (`--json` and SARIF name them by these ids). */
export type AuditRule = AuditFinding['rule']

/**
 * One finding: `file` relative to the kit folder with forward slashes; 1-based `line` and `column`, the column in code
 * points as editors count them (an emoji or a tag character is one column); `codePoints` each as
 * `U+202E RIGHT-TO-LEFT OVERRIDE`, once each in order (empty for the command rules); `message` one line saying what
 * was found and why it matters.
 */
export type Finding = AuditFinding

export interface RuleInfo {
  id: AuditRule
  /** A short name (SARIF `shortDescription`). */
  title: string
  /** Why it matters, in a few words that follow what was found. */
  why: string
  /** Why it matters and what to do (SARIF `help`). */
  help: string
}

export const RULES: Record<AuditRule, RuleInfo> = {
  'bidi-control': {
    id: 'bidi-control',
    why: 'the text is displayed in another order than the model reads it ("Trojan Source")',
    title: 'Bidirectional control character',
    help: 'Bidirectional controls reorder how text is displayed, so what a reviewer reads differs from what the model reads ("Trojan Source"). Remove them; real right-to-left text needs none.',
  },
  'invisible-character': {
    id: 'invisible-character',
    why: 'nothing is drawn, yet the model reads it',
    title: 'Invisible character',
    help: 'Zero-width and other invisible format characters draw nothing but are read by the model: they can hide or split words that a reviewer would notice. Remove them.',
  },
  'tag-character': {
    id: 'tag-character',
    why: 'invisible to people, read by the model ("ASCII smuggling")',
    title: 'Unicode tag characters (hidden text)',
    help: 'Characters of the Unicode tag block (U+E0000–E007F) mirror ASCII invisibly: a model reads them as instructions nobody sees ("ASCII smuggling"). Remove them.',
  },
  'control-character': {
    id: 'control-character',
    why: 'not text; it can rewrite what a terminal shows',
    title: 'Control character',
    help: 'Control characters (ESC, a lone carriage return, backspace, …) rewrite what a terminal shows or are not text at all. Remove them; only tab and line breaks belong in kit text.',
  },
  'variation-selectors': {
    id: 'variation-selectors',
    why: 'nothing is drawn, and a run can encode hidden bytes',
    title: 'Run of variation selectors',
    help: 'One variation selector after an emoji or ideograph is ordinary; a run of them draws nothing and can encode hidden bytes. Remove them.',
  },
  'pipe-to-shell': {
    id: 'pipe-to-shell',
    why: 'it runs whatever that address serves on the day it runs, unreviewed',
    title: 'Command runs code fetched from the network',
    help: 'A hook or MCP server command that downloads a script and runs it (curl … | sh, bash <(curl …), iex (iwr …)) runs whatever that address serves on the day it runs, unreviewed. Ship the script in the kit, or install a pinned package instead.',
  },
  'unpinned-package': {
    id: 'unpinned-package',
    why: 'it fetches the newest release every time it starts',
    title: 'Package run without an exact version',
    help: 'npx, uvx, pipx run and their kin fetch the newest release of a package when they run: a compromised release runs on every machine the next time the tool starts. Pin an exact version (npx -y pkg@1.2.3, uvx pkg==1.2.3).',
  },
}

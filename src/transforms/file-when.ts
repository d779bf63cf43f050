// A condition on one kit file (`when: { has, lacks }`): in a copy step it takes only the files for which it holds, so
// one kind of content can go to two places (Claude Code: rules with globs to .claude/rules/, the others to CLAUDE.md);
// in a frontmatter `cases` list it picks the case. Written like a step's `when`: every key must hold.
import type { FileWhen } from '../generated/target.js'

export function holdsFor(when: FileWhen | undefined, frontmatter: Record<string, unknown>): boolean {
  if (!when) return true
  return (
    list(when.has).every((key) => isSet(frontmatter[key])) &&
    list(when.lacks).every((key) => !isSet(frontmatter[key]))
  )
}

/** A frontmatter value that says something: not absent, null, false, empty text or an empty list. */
export function isSet(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === '') return false
  return !(Array.isArray(value) && value.length === 0)
}

// --- internal ---

function list(keys: string | string[] | undefined): string[] {
  return keys === undefined ? [] : typeof keys === 'string' ? [keys] : keys
}

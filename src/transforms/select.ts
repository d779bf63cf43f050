// A copy step's `select`: keep only the kit files whose frontmatter has (`with`) or lacks (`without`) some keys, so one
// kind of content can go to two places (Claude Code: rules with globs to .claude/rules/, the others to CLAUDE.md).
import type { Select } from '../generated/target.js'
import { isSet } from './apply.js'
import type { MarkdownDoc } from './markdown.js'

export function selects(select: Select | undefined, doc: MarkdownDoc): boolean {
  if (!select) return true
  const fm = doc.frontmatter
  return (
    (select.with ?? []).every((key) => isSet(fm[key])) &&
    (select.without ?? []).every((key) => !isSet(fm[key]))
  )
}

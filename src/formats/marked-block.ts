// Owned blocks inside files that are not ours (AGENTS.md, config.toml): text between outfit's markers is the kit's,
// everything outside them is never touched.
//
// Markers carry a tag only this user's outfit can compute (an HMAC of the block id with the state key, see
// scope-state.ts) and are matched as whole lines. Kit text — a rule body, an MCP env value — may contain anything,
// including marker-looking lines, yet can never end or start outfit's block early, so removal finds exactly the block
// outfit wrote and a kit round-trips byte-exactly.
export type CommentStyle = 'html' | 'hash'

export interface BlockValue {
  content: string
  /** Newlines outfit added before the block so that removing it restores the file exactly. */
  prefix: string
  /** The user's own text of the block, replaced by a forced install: uninstall puts it back. */
  userContent?: string
  /**
   * The file held the block's content as its own text, without markers (a CLAUDE.md adopted into the kit): taken over
   * in place, nothing written, and nothing to remove on uninstall.
   */
  inPlace?: boolean
}

export interface BlockRef {
  id: string
  tag: string
  style: CommentStyle
}

export function markers({ id, tag, style }: BlockRef): { begin: string; end: string } {
  return style === 'html'
    ? {
        begin: `<!-- outfit:${id}:begin ${tag} (managed by outfit; edits inside are replaced on install) -->`,
        end: `<!-- outfit:${id}:end ${tag} -->`,
      }
    : {
        begin: `# >>> outfit:${id} ${tag} (managed by outfit; edits inside are replaced on install) >>>`,
        end: `# <<< outfit:${id} ${tag} <<<`,
      }
}

export function findBlock(
  text: string,
  ref: BlockRef,
): { start: number; end: number; content: string } | null {
  const { begin, end } = markers(ref)
  const start = findLine(text, begin, 0)
  if (start < 0) return null
  const close = findLine(text, end, start + begin.length)
  if (close < 0)
    throw new Error(
      `the outfit block '${ref.id}' has a start marker but no end marker; restore the line '${end}' or remove the block by hand`,
    )
  let stop = close + end.length
  if (text[stop] === '\n') stop++
  const content = text.slice(start + begin.length + 1, close).replace(/\n$/, '')
  return { start, end: stop, content }
}

/** Inserts or replaces the block. Returns the new text and the prefix it added (kept for exact removal). */
export function upsertBlock(
  text: string,
  ref: BlockRef,
  content: string,
  knownPrefix?: string,
): { text: string; value: BlockValue } {
  const { begin, end } = markers(ref)
  const body = `${begin}\n${content.replace(/\n+$/, '')}\n${end}\n`
  const existing = findBlock(text, ref)
  if (existing) {
    return {
      text: text.slice(0, existing.start) + body + text.slice(existing.end),
      value: { content, prefix: knownPrefix ?? '' },
    }
  }
  let prefix = ''
  if (text.length > 0) {
    if (!text.endsWith('\n')) prefix += '\n'
    prefix += '\n'
  }
  return { text: text + prefix + body, value: { content, prefix } }
}

/** Removes the block and the prefix outfit added; null when the block is not there. */
export function removeBlock(text: string, ref: BlockRef, prefix: string): string | null {
  const found = findBlock(text, ref)
  if (!found) return null
  let before = text.slice(0, found.start)
  const after = text.slice(found.end)
  if (after === '' && prefix !== '' && before.endsWith(prefix))
    before = before.slice(0, before.length - prefix.length)
  return before + after
}

// --- internal ---

/** Index of `line` at or after `from` where it is a whole line of `text` (CRLF tolerated), or -1. */
function findLine(text: string, line: string, from: number): number {
  for (let at = text.indexOf(line, from); at >= 0; at = text.indexOf(line, at + 1)) {
    const next = text[at + line.length]
    if ((at === 0 || text[at - 1] === '\n') && (next === undefined || next === '\n' || next === '\r'))
      return at
  }
  return -1
}

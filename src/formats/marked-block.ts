// Owned blocks inside files that are not ours (AGENTS.md, config.toml): text between outfit's markers is the kit's,
// everything outside them is never touched.
export type CommentStyle = 'html' | 'hash'

export interface BlockValue {
  content: string
  /** Newlines outfit added before the block so that removing it restores the file exactly. */
  prefix: string
}

function markers(id: string, style: CommentStyle): { begin: string; end: string } {
  return style === 'html'
    ? { begin: `<!-- outfit:${id}:begin (managed by outfit; edits inside are replaced on install) -->`, end: `<!-- outfit:${id}:end -->` }
    : { begin: `# >>> outfit:${id} (managed by outfit; edits inside are replaced on install) >>>`, end: `# <<< outfit:${id} <<<` }
}

export function findBlock(text: string, id: string, style: CommentStyle): { start: number; end: number; content: string } | null {
  const { begin, end } = markers(id, style)
  const start = text.indexOf(begin)
  if (start < 0) return null
  const close = text.indexOf(end, start + begin.length)
  if (close < 0) throw new Error(`the outfit block '${id}' has a start marker but no end marker; restore the line '${end}' or remove the block by hand`)
  let stop = close + end.length
  if (text[stop] === '\n') stop++
  const content = text.slice(start + begin.length + 1, close).replace(/\n$/, '')
  return { start, end: stop, content }
}

/** Inserts or replaces the block. Returns the new text and the prefix it added (kept for exact removal). */
export function upsertBlock(text: string, id: string, content: string, style: CommentStyle, knownPrefix?: string): { text: string; value: BlockValue } {
  const { begin, end } = markers(id, style)
  const body = `${begin}\n${content.replace(/\n+$/, '')}\n${end}\n`
  const existing = findBlock(text, id, style)
  if (existing) {
    return { text: text.slice(0, existing.start) + body + text.slice(existing.end), value: { content, prefix: knownPrefix ?? '' } }
  }
  let prefix = ''
  if (text.length > 0) {
    if (!text.endsWith('\n')) prefix += '\n'
    prefix += '\n'
  }
  return { text: text + prefix + body, value: { content, prefix } }
}

/** Removes the block and the prefix outfit added; null when the block is not there. */
export function removeBlock(text: string, id: string, style: CommentStyle, prefix: string): string | null {
  const found = findBlock(text, id, style)
  if (!found) return null
  let before = text.slice(0, found.start)
  const after = text.slice(found.end)
  if (after === '' && prefix !== '' && before.endsWith(prefix)) before = before.slice(0, before.length - prefix.length)
  return before + after
}

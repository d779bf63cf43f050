// Positions as editors show them: 1-based lines and columns counted in code points (an astral character such as an
// emoji or a tag character is one column, where a JavaScript string index counts two). A line ends at LF, CRLF or a
// lone CR, as editors break lines, and a byte-order mark takes no column.

export interface Position {
  line: number
  column: number
}

/** The position of every UTF-16 offset of `text` (built once per file; `at` is O(log lines)). */
export function positions(text: string): (offset: number) => Position {
  const starts = [0]
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1)
  }
  return (offset) => {
    let lo = 0
    let hi = starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if ((starts[mid] ?? 0) <= offset) lo = mid
      else hi = mid - 1
    }
    // Editors hide a byte-order mark: the first character after it is in column 1.
    const start = lo === 0 && text.charCodeAt(0) === 0xfeff && offset > 0 ? 1 : (starts[lo] ?? 0)
    return { line: lo + 1, column: [...text.slice(start, offset)].length + 1 }
  }
}

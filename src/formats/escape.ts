// Text that came from a kit, a repository or a user's file reaches the terminal only through here. A carriage return
// or an ANSI erase sequence in a hook command could wipe the real command off the screen before the trust question,
// and a run of hundreds of spaces could push `; curl … | sh` out of sight: both are shown, never obeyed.

/**
 * `text` with every control character shown as an escape (`\r`, `\x1b`, `\u202e`), bidirectional and invisible
 * format characters included, and a long run of blanks shown as a count.
 */
export function escapeForTerminal(text: string): string {
  return escapeControls(text).replace(LONG_BLANKS, (run) => `[${run.length} spaces]`)
}

/** Control and invisible characters shown as escapes; blanks kept (diffs and file names keep their layout). */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, (ch) => NAMED[ch] ?? codePoint(ch))
}

// --- internal ---

// C0 and C1 controls and DEL; bidirectional controls, zero-width and other invisible format characters; the Unicode
// tag block (used to smuggle invisible text).
const UNSAFE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]|\udb40[\udc00-\udc7f]/g
const LONG_BLANKS = / {8,}/g
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\x1b' }

function codePoint(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0
  return cp <= 0xff ? `\\x${cp.toString(16).padStart(2, '0')}` : `\\u{${cp.toString(16)}}`
}

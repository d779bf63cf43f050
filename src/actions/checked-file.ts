// What the kit check learns of a kit file and hands to install, so that install does not read and parse it again:
// the types both sides share (src/kit/check-kit-files.ts fills them, src/actions/kit-file.ts reads them).
import type { MarkdownDoc } from '../transforms/markdown.js'

/** A kit file as read once: its bytes, or its text (and parsed frontmatter) for Markdown, never both. */
export interface KitFile {
  bytes?: Uint8Array
  text?: string
  /** The file began with a byte-order mark (not part of `text`). */
  bom?: boolean
  doc?: MarkdownDoc
}

/** What the check learnt of the Markdown files that passed, by absolute path, for install (src/actions/kit-file.ts). */
export interface CheckedFiles {
  /** Files read now: their text and parsed frontmatter, which install uses instead of reading them again. */
  read: Map<string, KitFile>
  /** The SHA-256 of every file read now or vouched for by the memo (for the fast path's digest of the kit). */
  sha256: Map<string, string>
}

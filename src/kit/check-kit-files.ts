// Every content file of a kit, checked the way install will read it, before anything is written: a regular file
// within the size limit, and for Markdown, UTF-8 text whose frontmatter is a YAML mapping. Problems are located in the
// file itself: a frontmatter error on its line 1 is reported at line 2 of the file (after the opening `---`).
import { join } from 'node:path'
import pAll from 'p-all'
import { decodeUtf8, hashBytes } from '../fs/files.js'
import type { Fs } from '../fs/fs.js'
import {
  describeOpenError,
  FileReadError,
  formatBytes,
  MAX_KIT_FILE_BYTES,
  readBounded,
} from '../fs/read-bounded.js'
import type { Diagnostic } from '../types.js'
import { checkFrontmatter, type MarkdownDoc } from '../transforms/markdown.js'
import type { CheckedFiles } from '../actions/checked-file.js'
import type { CheckMemo } from './check-memo.js'

const MARKDOWN = /\.(md|mdc|markdown)$/i

export type { CheckedFiles } from '../actions/checked-file.js'

export async function checkKitFiles(
  fs: Fs,
  dir: string,
  files: string[],
  memo?: CheckMemo,
  out: CheckedFiles = { read: new Map(), sha256: new Map() },
): Promise<Diagnostic[]> {
  const found = await pAll(
    files.map(
      (rel) => () =>
        MARKDOWN.test(rel) && memo
          ? checkRemembered(fs, join(dir, rel), memo, out)
          : checkKitFile(fs, join(dir, rel), MARKDOWN.test(rel), out),
    ),
    { concurrency: 32 },
  )
  return found.flat()
}

/** A Markdown file the memo vouches for (same stat as when it passed) is not read and parsed again. */
async function checkRemembered(
  fs: Fs,
  file: string,
  memo: CheckMemo,
  out: CheckedFiles,
): Promise<Diagnostic[]> {
  const stamp = await memo.stampOf(file)
  const vouched = stamp === undefined ? undefined : memo.vouches(file, stamp, 'content')
  if (vouched !== undefined) {
    out.sha256.set(file, vouched)
    return []
  }
  const found = await checkKitFile(fs, file, true, out)
  const sha256 = out.sha256.get(file)
  if (found.length === 0 && stamp !== undefined && sha256 !== undefined)
    memo.remember(file, stamp, sha256, 'content')
  return found
}

export async function checkKitFile(
  fs: Fs,
  file: string,
  markdown: boolean,
  out?: CheckedFiles,
): Promise<Diagnostic[]> {
  const at = (message: string, line = 1, column = 1): Diagnostic[] => [
    { file, line, column, pointer: '', message, severity: 'error' },
  ]
  // Other files are copied as bytes: their type and size are all install needs to know (and all it costs to check).
  if (!markdown) {
    const st = await fs.stat(file).catch((error: unknown) => error as NodeJS.ErrnoException)
    if (st instanceof Error) return at(describeOpenError(st))
    if (!st.isFile()) return at('is not a regular file; only regular files are read')
    return Number(st.size) > MAX_KIT_FILE_BYTES
      ? at(
          `is over ${formatBytes(MAX_KIT_FILE_BYTES)}; kit files over ${formatBytes(MAX_KIT_FILE_BYTES)} are refused`,
        )
      : []
  }
  let bytes: Uint8Array
  try {
    bytes = await readBounded(fs, file, MAX_KIT_FILE_BYTES, 'kit files')
  } catch (error) {
    if (error instanceof FileReadError) return at(error.reason)
    throw error
  }
  let decoded: string
  try {
    decoded = decodeUtf8(bytes, file)
  } catch {
    return at('is not valid UTF-8 text')
  }
  const bom = decoded.startsWith('\uFEFF')
  const text = bom ? decoded.slice(1) : decoded
  const parsed: { doc?: MarkdownDoc } = {}
  const found = checkFrontmatter(file, text, parsed)
  // Kept as text only (install makes the bytes again from it, exactly: see src/actions/kit-file.ts), not both.
  if (found.length === 0 && out) {
    out.read.set(file, { text, ...(bom ? { bom } : {}), ...parsed })
    out.sha256.set(file, hashBytes(bytes))
  }
  return found
}

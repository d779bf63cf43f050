// Kit files as read once per run and shared by every tool's copy and block steps: each tool used to read, decode
// and parse the frontmatter of every kit file again. The kit does not change during a run.
//
// A file is held once, as bytes or as text, not both: once a tool needed its text, the bytes are dropped and made
// again from the text when a tool copies the file as it is (strict UTF-8 decoding round-trips exactly; a byte-order
// mark, taken off the text, is put back). The cache lives for the whole run, so holding both doubled it.
import { decodeUtf8, hashBytes, toBytes } from '../fs/files.js'
import type { Fs } from '../fs/fs.js'
import { MAX_KIT_FILE_BYTES, readBounded } from '../fs/read-bounded.js'
import type { CheckedFiles, KitFile } from './checked-file.js'
import type { Kit } from '../types.js'
import type { ActionContext } from './types.js'

/** A kit file's bytes until a tool needs its text; then its text (without a byte-order mark) and parsed Markdown. */
export type { KitFile }

/** Reads a kit file (a regular file within the size limit) once per run; the cache lives in the run's state. */
export function readKitFileOnce(ctx: ActionContext, source: string): Promise<KitFile> {
  let file = ctx.run.kitFiles.get(source)
  if (!file) {
    const seen = checkedFile(ctx.kit, source)
    file = seen
      ? Promise.resolve(seen)
      : readBounded(ctx.fs, source, MAX_KIT_FILE_BYTES, 'kit files').then((bytes) => ({ bytes }))
    ctx.run.kitFiles.set(source, file)
  }
  return file
}

// The up-front kit check (src/kit/check-kit-files.ts) reads every Markdown file and parses its frontmatter before
// anything is installed; install used to read and parse each one again (and the fast path's digest read it a third
// time). The check's reads are kept with the kit they were loaded for, by absolute path, and taken from here: each
// file is read once, and what was checked is exactly what is installed. A kit made another way (merged kits, tests)
// has none, and its files are read as before.
const checked = new WeakMap<Kit, CheckedFiles>()

export function rememberCheckedFiles(kit: Kit, files: CheckedFiles): void {
  if (files.read.size > 0 || files.sha256.size > 0) checked.set(kit, files)
}

/** `view` (the kit as one tool gets it, src/transforms/targeting.ts) reads the files the check read for `kit`. */
export function shareCheckedFiles(kit: Kit, view: Kit): Kit {
  const files = checked.get(kit)
  if (view !== kit && files) checked.set(view, files)
  return view
}

function checkedFile(kit: Kit, source: string): KitFile | undefined {
  return checked.get(kit)?.read.get(source)
}

/** `to` is a copy of `from` with other metadata (registry servers resolved) and the same files: what was learnt holds. */
export function sameFiles(from: Kit, to: Kit): void {
  const files = checked.get(from)
  if (files && to.dir === from.dir && to.files === from.files) checked.set(to, files)
}

/** A kit file's text as the check read it (the content audit scans it instead of reading it again), if it did. */
export function checkedText(kit: Kit, source: string): { text: string; bom: boolean } | undefined {
  const file = checkedFile(kit, source)
  return file?.text === undefined ? undefined : { text: file.text, bom: file.bom ?? false }
}

/**
 * The SHA-256 of a kit file's bytes as a later check of the same run learnt it (the audit, which reads every file or
 * has its memo vouch for it): the fast path's digest then need not read the file again.
 */
export function learnHash(kit: Kit, source: string, sha256: string): void {
  let files = checked.get(kit)
  if (!files) checked.set(kit, (files = { read: new Map(), sha256: new Map() }))
  if (!files.sha256.has(source)) files.sha256.set(source, sha256)
}

/** The SHA-256 of a kit file's bytes: as the check knew it (read then, or vouched for by its memo), or read now. */
export async function kitFileHash(fs: Fs, kit: Kit, source: string): Promise<string> {
  return checked.get(kit)?.sha256.get(source) ?? hashBytes(await kitFileBytes(fs, kit, source))
}

/** A kit file's bytes: as the check read them, or read now (a regular file within the size limit). */
export async function kitFileBytes(fs: Fs, kit: Kit, source: string): Promise<Uint8Array> {
  const seen = checkedFile(kit, source)
  return seen ? bytesOf(seen) : await readBounded(fs, source, MAX_KIT_FILE_BYTES, 'kit files')
}

/** The file's exact bytes (made again from its text once the bytes were dropped). */
export function bytesOf(file: KitFile): Uint8Array {
  if (file.bytes) return file.bytes
  return toBytes(file.bom ? `\uFEFF${file.text ?? ''}` : (file.text ?? ''))
}

/** The file's text, decoded strictly once (an error names `source`), without a byte-order mark. */
export function kitFileText(file: KitFile, source: string): string {
  if (file.text !== undefined) return file.text
  const decoded = decodeUtf8(file.bytes ?? new Uint8Array(), source)
  // A byte-order mark would hide the frontmatter fence; the transformed output is written without it.
  const bom = decoded.startsWith('\uFEFF')
  file.text = bom ? decoded.slice(1) : decoded
  if (bom) file.bom = true
  delete file.bytes
  return file.text
}

// Kit files as read once per run and shared by every tool's copy and block steps: each tool used to read, decode
// and parse the frontmatter of every kit file again. The kit does not change during a run.
import type { Fs } from '../fs/fs.js'
import { MAX_KIT_FILE_BYTES, readBounded } from '../fs/read-bounded.js'
import type { MarkdownDoc } from '../transforms/markdown.js'
import type { Kit } from '../types.js'
import type { ActionContext } from './types.js'

/** A kit file's bytes, and its text and parsed Markdown once a tool needed them (see kitItem). */
export interface KitFile {
  bytes: Uint8Array
  text?: string
  doc?: MarkdownDoc
}

/** Reads a kit file (a regular file within the size limit) once per run; the cache lives in the run's shared map. */
export function readKitFileOnce(ctx: ActionContext, source: string): Promise<KitFile> {
  const key = `kit-file:${source}`
  let file = ctx.run.get(key) as Promise<KitFile> | undefined
  if (!file) {
    const seen = checkedFile(ctx.kit, source)
    file = seen ? Promise.resolve(seen) : readBounded(ctx.fs, source, MAX_KIT_FILE_BYTES, 'kit files').then((bytes) => ({ bytes }))
    ctx.run.set(key, file)
  }
  return file
}

// The up-front kit check (src/kit/check-kit-files.ts) reads every Markdown file and parses its frontmatter before
// anything is installed; install used to read and parse each one again (and the fast path's digest read it a third
// time). The check's reads are kept with the kit they were loaded for, by absolute path, and taken from here: each
// file is read once, and what was checked is exactly what is installed. A kit made another way (merged kits, tests)
// has none, and its files are read as before.
const checked = new WeakMap<Kit, ReadonlyMap<string, KitFile>>()

export function rememberCheckedFiles(kit: Kit, files: ReadonlyMap<string, KitFile>): void {
  if (files.size > 0) checked.set(kit, files)
}

function checkedFile(kit: Kit, source: string): KitFile | undefined {
  return checked.get(kit)?.get(source)
}

/** A kit file's bytes: as the check read them, or read now (a regular file within the size limit). */
export async function kitFileBytes(fs: Fs, kit: Kit, source: string): Promise<Uint8Array> {
  return checkedFile(kit, source)?.bytes ?? (await readBounded(fs, source, MAX_KIT_FILE_BYTES, 'kit files'))
}

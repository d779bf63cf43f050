// Kit files as read once per run and shared by every tool's copy and block steps: each tool used to read, decode
// and parse the frontmatter of every kit file again. The kit does not change during a run.
import { MAX_KIT_FILE_BYTES, readBounded } from '../fs/read-bounded.js'
import type { MarkdownDoc } from '../transforms/markdown.js'
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
    file = readBounded(ctx.fs, source, MAX_KIT_FILE_BYTES, 'kit files').then((bytes) => ({ bytes }))
    ctx.run.set(key, file)
  }
  return file
}

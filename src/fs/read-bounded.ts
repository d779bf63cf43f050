// Reading a file someone else supplied (a kit, a config): only a regular file, and never more than a limit.
// A FIFO would block the read forever and a device (/dev/urandom) reports size 0 and never ends, so only a regular
// file is opened, the open handle is checked again, and it is read in bounded chunks whatever its size claims.
import { constants } from 'node:fs'
import type { Fs } from './fs.js'

/** Kit content is text and small images; anything bigger is a mistake, and would be held in memory. */
export const MAX_KIT_FILE_BYTES = 10 * 1024 * 1024

/** An expected problem with a file the user supplied: `reason` is a phrase that follows the file name. */
export class FileReadError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`)
  }
}

/** The file's bytes; throws FileReadError (not found, not a regular file, too large, symlink loop, no permission). */
export async function readBounded(fs: Fs, file: string, limit: number, what = 'files'): Promise<Uint8Array> {
  let handle: Awaited<ReturnType<Fs['open']>>
  try {
    // Opening a FIFO blocks until a writer comes: look first, and open only what is a regular file, non-blocking where
    // the platform has it, so that even a file swapped for a FIFO in between cannot hang; the handle is checked below.
    const st = await fs.stat(file)
    if (!st.isFile())
      throw new FileReadError(
        file,
        st.isDirectory()
          ? 'is a directory, expected a file'
          : `is ${kindOf(st)}, not a regular file; only regular files are read`,
      )
    handle = await fs.open(
      file,
      constants.O_NONBLOCK === undefined ? 'r' : constants.O_RDONLY | constants.O_NONBLOCK,
    )
  } catch (error) {
    if (error instanceof FileReadError) throw error
    throw new FileReadError(file, describeOpenError(error))
  }
  try {
    const st = await handle.stat()
    if (st.isDirectory()) throw new FileReadError(file, 'is a directory, expected a file')
    if (!st.isFile())
      throw new FileReadError(file, `is ${kindOf(st)}, not a regular file; only regular files are read`)
    const tooBig = () =>
      new FileReadError(file, `is over ${formatBytes(limit)}; ${what} over ${formatBytes(limit)} are refused`)
    if (Number(st.size) > limit) throw tooBig()
    // The size on disk can be wrong (a file still growing, /proc): read at most limit + 1 bytes, whatever it said.
    // The first read is sized by what stat said (+ 1 to see the end in the same read), not a fixed 64 KiB: the bytes
    // returned are a view of that buffer, and a run keeps every kit file's bytes, so a 4 KB file must not pin 64 KB.
    const chunks: Uint8Array[] = []
    let total = 0
    let next = Math.min(Number(st.size) + 1, limit + 1)
    for (;;) {
      const chunk = new Uint8Array(Math.min(next, limit + 1 - total))
      next = 64 * 1024
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null)
      if (bytesRead === 0) break
      total += bytesRead
      if (total > limit) throw tooBig()
      chunks.push(bytesRead === chunk.length ? chunk : chunk.subarray(0, bytesRead))
      // A regular file reads short only at its end: no extra read just to see 0.
      if (bytesRead < chunk.length) break
    }
    return concat(chunks, total)
  } finally {
    await handle.close().catch(() => {})
  }
}

/** A system error while reading a user's file, as the phrase after its name. */
export function describeOpenError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  switch (code) {
    case 'ENOENT':
      return 'file not found'
    case 'ELOOP':
      return 'is a symlink loop (a link that points back to itself)'
    case 'EACCES':
    case 'EPERM':
      return 'cannot be read: permission denied'
    case 'EISDIR':
      return 'is a directory, expected a file'
    case 'ENOTDIR':
      return 'not found (a parent is not a directory)'
    case 'ENAMETOOLONG':
      return 'has a name that is too long'
    default:
      throw error
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`
  return `${n} bytes`
}

// --- internal ---

function kindOf(st: {
  isFIFO(): boolean
  isCharacterDevice(): boolean
  isBlockDevice(): boolean
  isSocket(): boolean
}): string {
  if (st.isFIFO()) return 'a named pipe (FIFO)'
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device'
  if (st.isSocket()) return 'a socket'
  return 'a special file'
}

/** One buffer of exactly `total` bytes; a single chunk is returned as it is unless its buffer is much larger. */
function concat(chunks: Uint8Array[], total: number): Uint8Array {
  const only = chunks.length === 1 ? chunks[0] : undefined
  if (only && only.buffer.byteLength - only.byteLength <= 1) return only
  const out = new Uint8Array(total)
  let at = 0
  for (const c of chunks) {
    out.set(c, at)
    at += c.length
  }
  return out
}

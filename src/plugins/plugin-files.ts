// Reading a plugin's files: bounded reads, JSON with comments and trailing commas (Claude, Cursor and Gemini all accept
// JSONC in practice) with each syntax error at its line and column, and folder listings that never follow a link.
import { join, relative, sep } from 'node:path'
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser'
import { isNotFound, type Fs } from '../fs/fs.js'
import { MAX_KIT_FILE_BYTES, readBounded } from '../fs/read-bounded.js'
import type { Diagnostic } from '../types.js'

/** A file's bytes (at most the kit file limit); undefined when nothing is there. */
export async function readBytes(fs: Fs, file: string): Promise<Uint8Array | undefined> {
  try {
    await fs.lstat(file)
  } catch (error) {
    if (isNotFound(error)) return undefined
    throw error
  }
  return readBounded(fs, file, MAX_KIT_FILE_BYTES, 'plugin files')
}

export async function readText(fs: Fs, file: string): Promise<string | undefined> {
  const bytes = await readBytes(fs, file)
  return bytes === undefined ? undefined : new TextDecoder().decode(bytes)
}

/** A JSON(C) file's value; undefined when the file is absent; a located diagnostic when it does not parse. */
export async function readJson(
  fs: Fs,
  file: string,
  diagnostics: Diagnostic[],
): Promise<Record<string, unknown> | undefined> {
  const text = await readText(fs, file)
  if (text === undefined) return undefined
  const errors: ParseError[] = []
  const value: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false })
  const [first] = errors
  if (first) {
    diagnostics.push(located(file, text, first.offset, `not valid JSON: ${printParseErrorCode(first.error)}`))
    return undefined
  }
  if (!isRecord(value)) {
    diagnostics.push(located(file, text, 0, 'must hold a JSON object'))
    return undefined
  }
  return value
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

export async function isFile(fs: Fs, path: string): Promise<boolean> {
  try {
    return (await fs.lstat(path)).isFile()
  } catch {
    return false
  }
}

export async function isDir(fs: Fs, path: string): Promise<boolean> {
  try {
    return (await fs.lstat(path)).isDirectory()
  } catch {
    return false
  }
}

/**
 * Every regular file below `dir`, relative to `root` with forward slashes, sorted. Links, pipes and devices are
 * named in `skipped` and never read (a fetched plugin's links were already checked to stay inside it).
 */
export async function listFiles(fs: Fs, root: string, dir: string, skipped: string[]): Promise<string[]> {
  const out: string[] = []
  let entries: { name: string; isDirectory(): boolean; isFile(): boolean }[]
  try {
    entries = (await fs.readdir(dir, { withFileTypes: true })) as unknown as typeof entries
  } catch {
    return out
  }
  for (const entry of entries) {
    if (entry.name === '.git' || entry.name === 'node_modules' || entry.name === '.DS_Store') continue
    const full = join(dir, entry.name)
    const rel = relative(root, full).split(sep).join('/')
    if (entry.isDirectory()) out.push(...(await listFiles(fs, root, full, skipped)))
    else if (entry.isFile()) out.push(rel)
    else skipped.push(rel)
  }
  return out.sort()
}

// --- internal ---

function located(file: string, text: string, offset: number, message: string): Diagnostic {
  const before = text.slice(0, offset).split('\n')
  return {
    file,
    line: before.length,
    column: (before.at(-1)?.length ?? 0) + 1,
    pointer: '',
    message,
    severity: 'error',
  }
}

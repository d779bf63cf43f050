// The files a tool keeps its MCP servers or hooks in, found through the very steps install writes them with (the
// json-merge, toml-merge and yaml-merge steps whose `entries` come `from` mcp or hooks), read and parsed the way
// install parses them (JSON with comments, TOML, YAML). A file that is missing is simply not there; one that is
// broken is skipped with its parse error at file:line:col, never half read.
import { basename, dirname } from 'node:path'
import { parse as parseToml, TomlError } from 'smol-toml'
import type { Entries } from '../generated/target.js'
import { containPath } from '../fs/contain.js'
import { decodeUtf8 } from '../fs/files.js'
import { isNotFound } from '../fs/fs.js'
import { FileReadError, MAX_KIT_FILE_BYTES, readBounded } from '../fs/read-bounded.js'
import { ConfigParseError, parseJsonc } from '../formats/json-edit.js'
import { offsetToPosition } from '../formats/position.js'
import { parseYaml } from '../formats/yaml-edit.js'
import { appliesIn } from '../pipeline/conditions.js'
import { interpolate } from '../vars/interpolate.js'
import type { AdoptToolInput, Skipped } from './types.js'

/** One file of entries, parsed, with the step's declaration. */
export interface EntryDocument {
  file: string
  text: string
  data: unknown
  entries: Entries
  step: string
}

const MERGE_ACTIONS = new Set(['json-merge', 'toml-merge', 'yaml-merge'])

/** Every existing file the target's steps for this scope keep `from` entries in, parsed; broken ones skipped. */
export async function entryDocuments(
  input: AdoptToolInput,
  from: Entries['from'],
): Promise<{ documents: EntryDocument[]; skipped: Skipped[] }> {
  const documents: EntryDocument[] = []
  const skipped: Skipped[] = []
  const seen = new Set<string>()
  for (const step of input.target.steps) {
    if (!appliesIn(step.when, input.scope) || !('action' in step.run) || !MERGE_ACTIONS.has(step.run.action))
      continue
    const params = (step.run.with ?? {}) as { file?: string; entries?: Entries }
    if (params.entries?.from !== from || typeof params.file !== 'string') continue
    for (const file of await filesOf(input, params.file)) {
      // Two steps may keep entries in one file (Gemini's settings.json); each declaration reads it once.
      const key = `${file}\0${step.name}`
      if (seen.has(key)) continue
      seen.add(key)
      const read = await readDocument(input, file, step.run.action)
      if (read === undefined) continue
      if ('reason' in read) {
        skipped.push({
          tool: input.target.id,
          where: read.where,
          what: `${from} in ${file}`,
          reason: read.reason,
        })
        continue
      }
      documents.push({ file, text: read.text, data: read.data, entries: params.entries, step: step.name })
    }
  }
  return { documents, skipped }
}

/** `file:line:col` of the first place `needle` is written in the text (a value as the file spells it), else the file. */
export function whereIn(doc: { file: string; text: string }, needle: string): string {
  for (const spelled of [needle, JSON.stringify(needle).slice(1, -1)]) {
    const at = doc.text.indexOf(spelled)
    if (spelled !== '' && at >= 0) {
      const pos = offsetToPosition(doc.text, at)
      return `${doc.file}:${pos.line}:${pos.column}`
    }
  }
  return doc.file
}

/** Renders a template with the run's variables; undefined when it needs one they lack (an entry's own variables). */
export function renderWith(vars: Record<string, string>, template: string): string | undefined {
  try {
    return interpolate(template, (name) => (Object.hasOwn(vars, name) ? vars[name] : undefined))
  } catch {
    return undefined
  }
}

// --- internal ---

const KIT_NAME = '\u0000kit\u0000'

/**
 * The file a step names, in this scope. A file named after the kit (`mcpServers/{{kit.name}}.json`) may be any kit's,
 * or the user's own: every file the pattern matches is read.
 */
async function filesOf(input: AdoptToolInput, template: string): Promise<string[]> {
  const root = input.vars.root ?? '/'
  const dir = input.vars.dir ?? root
  const rendered = renderWith({ ...input.vars, 'kit.name': KIT_NAME }, template)
  if (rendered === undefined) return []
  let path: string
  try {
    path = containPath(root, dir, rendered)
  } catch {
    return []
  }
  if (!path.includes(KIT_NAME)) return [path]
  const folder = dirname(path)
  if (folder.includes(KIT_NAME)) return []
  const [before, after] = basename(path).split(KIT_NAME) as [string, string]
  let names: string[]
  try {
    names = (await input.fs.readdir(folder)) as string[]
  } catch (error) {
    if (isNotFound(error) || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return []
    throw error
  }
  return names
    .filter((n) => n.length > before.length + after.length && n.startsWith(before) && n.endsWith(after))
    .sort()
    .map((n) => `${folder}/${n}`)
}

async function readDocument(
  input: AdoptToolInput,
  file: string,
  action: string,
): Promise<{ text: string; data: unknown } | { where: string; reason: string } | undefined> {
  if (!(await exists(input, file))) return undefined
  let text: string
  try {
    text = decodeUtf8(await readBounded(input.fs, file, MAX_KIT_FILE_BYTES, 'configs'), file)
  } catch (error) {
    if (error instanceof FileReadError) return { where: file, reason: error.reason }
    if (error instanceof Error) return { where: file, reason: error.message }
    throw error
  }
  try {
    return { text, data: parse(file, text, action) }
  } catch (error) {
    if (error instanceof ConfigParseError)
      return {
        where: `${error.file}:${error.line}:${error.column}`,
        reason: error.message.slice(error.message.indexOf(': ') + 2).replace(/; fix the file.*$/, ''),
      }
    throw error
  }
}

function parse(file: string, text: string, action: string): unknown {
  if (action === 'json-merge') return parseJsonc(file, text)
  if (action === 'yaml-merge') return parseYaml(file, text).toJS() ?? {}
  try {
    return parseToml(text)
  } catch (error) {
    if (error instanceof TomlError)
      throw new ConfigParseError(
        file,
        error.line,
        error.column,
        `not valid TOML (${error.message.split('\n')[0]})`,
      )
    throw error
  }
}

/** Whether the file is there at all (looked at before reading, so a missing file is no error). */
async function exists(input: AdoptToolInput, file: string): Promise<boolean> {
  try {
    await input.fs.lstat(file)
    return true
  } catch (error) {
    if (isNotFound(error)) return false
    throw error
  }
}

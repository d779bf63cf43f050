// One tool's agents, skills, commands and rules, read from where its target's steps put them (declarations.ts),
// each file back into the kit item install would turn into it (backward-item.ts). Reads only; a file that cannot be
// read the way the tool reads it is listed as skipped with its place and reason.
import { basename, join, relative } from 'node:path'
import { decodeUtf8 } from '../fs/files.js'
import { isNotFound, type Fs } from '../fs/fs.js'
import { MAX_KIT_FILE_BYTES, readBounded } from '../fs/read-bounded.js'
import { interpolate } from '../vars/interpolate.js'
import { AdoptParseError, overridesAgainst, readBackward, selectedBy, type KitDoc } from './backward-item.js'
import type { BlockReader, CopyReader, FileKind, LegacyReader, ToolDeclarations } from './declarations.js'
import { matchTemplate } from './template-match.js'
import type { Skipped } from './types.js'

/** One item found in one tool. */
export interface FoundItem {
  kind: FileKind
  /** Its path in the kit: `agents/reviewer.md`, `skills/deploy` (a folder), `rules/claude.md`. */
  path: string
  tool: string
  /** The tool's file (a skill: its folder). */
  source: string
  /** A Markdown item: the kit document. */
  doc?: KitDoc
  /** The tool's own keys install would not reproduce from `doc`. */
  overrides?: Record<string, unknown>
  /** The overrides this tool needs to get its file from another version of the item; undefined: it cannot. */
  reproduce?: (doc: KitDoc) => Record<string, unknown> | undefined
  /** A skill: its files (relative to the folder) and their bytes. */
  files?: Map<string, Uint8Array>
  /** A skill's files that are executable (scripts): their mode. */
  modes?: Map<string, number>
  /** A rule read from a shared instructions file (CLAUDE.md, AGENTS.md) rather than a file of its own. */
  root?: boolean
}

/** Found where the tool no longer reads it, or where install writes it elsewhere. */
export interface Moved {
  tool: string
  from: string
  to: string
  reason: string
}

export interface ToolReading {
  items: FoundItem[]
  skipped: Skipped[]
  moved: Moved[]
}

const SKILL = 'SKILL.md'
/** A skill folder larger than this many files is not a skill someone wrote by hand (node_modules): skipped. */
const MAX_SKILL_FILES = 1000

export async function readToolFiles(fs: Fs, tool: string, decl: ToolDeclarations): Promise<ToolReading> {
  const out: ToolReading = { items: [], skipped: [], moved: [] }
  const skip = (where: string, what: string, reason: string) =>
    out.skipped.push({ tool, where, what, reason })
  // Folders the tool reads skills from: a commands-as-skills folder among them holds the user's skills, not commands.
  const skillDirs = new Set(decl.copies.filter((c) => c.kind === 'skills').map((c) => c.dir))
  for (const reader of decl.copies) {
    if (reader.kind === 'skills') await readSkills(fs, tool, reader.dir, out, skip)
    else if (reader.rename !== undefined && /\/SKILL\.md$/.test(reader.rename))
      await readSkillShaped(fs, tool, reader, decl, skillDirs.has(reader.dir), out, skip)
    else await readFlat(fs, tool, reader, decl, out, skip)
  }
  for (const reader of decl.blocks) await readBlock(fs, tool, reader, decl, out, skip)
  for (const old of decl.legacy) await readLegacy(fs, tool, old, decl, out, skip)
  return out
}

// --- internal ---

type Skip = (where: string, what: string, reason: string) => void

/**
 * Agents, commands, rules: one file each in the step's folder, named by its `rename` — or one folder each, where the
 * rename has a folder part with a fixed file name (Devin's `{{item.stem}}/AGENT.md`).
 */
async function readFlat(
  fs: Fs,
  tool: string,
  reader: CopyReader,
  decl: ToolDeclarations,
  out: ToolReading,
  skip: Skip,
): Promise<void> {
  const rename = reader.rename ?? '{{item.path}}'
  for (const entry of await list(fs, reader.dir)) {
    const file = join(reader.dir, entry)
    const kind = await kindOfEntry(fs, file)
    if (kind === 'dir') {
      const inner = fileInFolder(rename, entry)
      if (inner !== undefined && (await kindOfEntry(fs, join(reader.dir, inner))) === 'file') {
        const m = matchTemplate(rename, inner, decl.lookup)
        const kitName = m && kitNameOf(m.vars)
        if (m && kitName)
          await readOne(
            fs,
            tool,
            reader,
            decl,
            join(reader.dir, inner),
            `${reader.kind}/${kitName}`,
            m.vars,
            out,
            skip,
          )
      } else if (reader.kind === 'commands') await readNested(fs, tool, reader, decl, entry, out, skip)
      continue
    }
    const m = matchTemplate(rename, entry, decl.lookup)
    const kitName = m && kitNameOf(m.vars)
    if (!m || !kitName) continue
    // One of the tool's files by its name, but nothing to read (a link to nowhere, a FIFO): said, never guessed.
    if (kind !== 'file') {
      if (kind !== 'none')
        skip(file, `${reader.kind.replace(/s$/, '')} ${kitName.replace(/\.md$/, '')}`, `it is ${kind}`)
      continue
    }
    await readOne(fs, tool, reader, decl, file, `${reader.kind}/${kitName}`, m.vars, out, skip)
  }
}

/** Claude Code's nested command folders (`commands/git/commit.md` is /git:commit): adopted flat, reported moved. */
async function readNested(
  fs: Fs,
  tool: string,
  reader: CopyReader,
  decl: ToolDeclarations,
  folder: string,
  out: ToolReading,
  skip: Skip,
): Promise<void> {
  const rename = reader.rename ?? '{{item.path}}'
  for (const entry of await list(fs, join(reader.dir, folder))) {
    const file = join(reader.dir, folder, entry)
    if ((await kindOfEntry(fs, file)) !== 'file' || !entry.endsWith('.md')) continue
    const flat = `${folder}-${entry}`
    const m = matchTemplate(rename, flat, decl.lookup)
    const kitName = m && kitNameOf(m.vars)
    if (!m || !kitName) continue
    const before = out.items.length
    await readOne(fs, tool, reader, decl, file, `commands/${kitName}`, m.vars, out, skip)
    if (out.items.length > before)
      out.moved.push({
        tool,
        from: file,
        to: join(reader.dir, interpolate(rename, lookupWith(decl, m.vars))),
        reason: 'nested command folders are not a kit form: the command is adopted flat',
      })
  }
}

/** For a rename with one folder part and a fixed file name (`{{item.stem}}/AGENT.md`): that file in `folder`. */
function fileInFolder(rename: string, folder: string): string | undefined {
  const parts = rename.split('/')
  const file = parts[1]
  return parts.length === 2 && file && !file.includes('{{') ? `${folder}/${file}` : undefined
}

/** Commands installed as skills (`<name>/SKILL.md`); a folder with more than its SKILL.md is a skill. */
async function readSkillShaped(
  fs: Fs,
  tool: string,
  reader: CopyReader,
  decl: ToolDeclarations,
  sharedWithSkills: boolean,
  out: ToolReading,
  skip: Skip,
): Promise<void> {
  for (const entry of await list(fs, reader.dir)) {
    const folder = join(reader.dir, entry)
    if ((await kindOfEntry(fs, folder)) !== 'dir') continue
    if ((await kindOfEntry(fs, join(folder, SKILL))) !== 'file') continue
    // In a folder the tool also reads skills from, every folder is the user's skill (read by the skills step).
    if (sharedWithSkills) continue
    const names = await list(fs, folder)
    if (names.length > 1) {
      // Codex's old skills folder holds real skills, with their files: adopted as skills, installed where they go now.
      await readSkill(fs, tool, folder, entry, out, skip)
      out.moved.push({
        tool,
        from: folder,
        to: `skills/${entry}`,
        reason: 'a skill in a folder its target keeps for commands',
      })
      continue
    }
    const m = matchTemplate(reader.rename ?? '', `${entry}/${SKILL}`, decl.lookup)
    if (!m) continue
    const stem = m.vars['item.stem'] ?? m.vars['item.name']?.replace(/\.md$/, '')
    if (!stem) continue
    await readOne(fs, tool, reader, decl, join(folder, SKILL), `commands/${stem}.md`, m.vars, out, skip)
  }
}

async function readOne(
  fs: Fs,
  tool: string,
  reader: CopyReader,
  decl: ToolDeclarations,
  file: string,
  kitPath: string,
  nameVars: Record<string, string>,
  out: ToolReading,
  skip: Skip,
): Promise<void> {
  const what = `${singular(reader.kind)} ${basename(kitPath).replace(/\.md$/, '')}`
  const text = await readText(fs, file, what, skip)
  if (text === undefined) return
  const rel = kitPath.slice(reader.kind.length + 1)
  const vars = {
    ...nameVars,
    'item.path': rel,
    'item.name': basename(rel),
    'item.stem': basename(rel, '.md'),
  }
  let result
  try {
    result = readBackward(text, file, reader.transforms, decl.lookup, vars, rel)
  } catch (error) {
    skip(located(file, error), what, reasonOf(error))
    return
  }
  if (result.bodyDiffers) {
    skip(file, what, `its text cannot be read back through the ${reader.step} step exactly`)
    return
  }
  if (reader.when && !selectedBy(result.doc, reader.when)) {
    out.moved.push({
      tool,
      from: file,
      to: kitPath,
      reason: `the ${reader.step} step takes only rules for some files; install writes this one where the others go`,
    })
  }
  out.items.push({
    kind: reader.kind,
    path: kitPath,
    tool,
    source: file,
    doc: result.doc,
    overrides: result.overrides,
    reproduce: (doc) => {
      try {
        return overridesAgainst(doc, text, file, reader.transforms, decl.lookup, rel)
      } catch {
        return undefined
      }
    },
  })
}

/** Skills: each folder with a SKILL.md, every file in it (scripts and binaries as bytes); a linked folder is followed. */
async function readSkills(fs: Fs, tool: string, dir: string, out: ToolReading, skip: Skip): Promise<void> {
  for (const entry of await list(fs, dir)) {
    const folder = join(dir, entry)
    if ((await kindOfEntry(fs, folder)) !== 'dir') continue
    if ((await kindOfEntry(fs, join(folder, SKILL))) !== 'file') continue
    await readSkill(fs, tool, folder, entry, out, skip)
  }
}

async function readSkill(
  fs: Fs,
  tool: string,
  folder: string,
  name: string,
  out: ToolReading,
  skip: Skip,
): Promise<void> {
  const files = new Map<string, Uint8Array>()
  const modes = new Map<string, number>()
  const walk = async (dir: string, depth: number): Promise<boolean> => {
    for (const entry of await list(fs, dir)) {
      const path = join(dir, entry)
      const kind = await kindOfEntry(fs, path)
      if (kind === 'dir') {
        if (depth > 8 || !(await walk(path, depth + 1))) return false
      } else if (kind === 'file') {
        if (files.size >= MAX_SKILL_FILES) return false
        try {
          files.set(relative(folder, path), await readBounded(fs, path, MAX_KIT_FILE_BYTES, 'skill files'))
          const mode = Number((await fs.stat(path)).mode) & 0o777
          if (mode & 0o111) modes.set(relative(folder, path), mode)
        } catch (error) {
          skip(path, `file of skill ${name}`, reasonOf(error))
        }
      } else if (kind !== 'none') skip(path, `file of skill ${name}`, `is ${kind}, not a regular file`)
    }
    return true
  }
  if (!(await walk(folder, 0))) {
    skip(folder, `skill ${name}`, `holds more than ${MAX_SKILL_FILES} files or folders nested too deep`)
    return
  }
  if (!files.has(SKILL)) return
  out.items.push({ kind: 'skills', path: `skills/${name}`, tool, source: folder, files, modes })
}

/**
 * An older place (`.cursorrules`, `.opencode/command/`, `.claude/CLAUDE.md`): read in the form of its step, each item
 * reported as moved to where that step writes. An item the current place also has is the same item (merged, or a
 * conflict) like any other.
 */
async function readLegacy(
  fs: Fs,
  tool: string,
  old: LegacyReader,
  decl: ToolDeclarations,
  out: ToolReading,
  skip: Skip,
): Promise<void> {
  const kind = await kindOfEntry(fs, old.path)
  const before = out.items.length
  const reader = old.reader
  if (kind === 'dir' && 'dir' in reader) {
    if (reader.kind === 'skills') await readSkills(fs, tool, old.path, out, skip)
    else await readFlat(fs, tool, { ...reader, dir: old.path }, decl, out, skip)
  } else if (kind === 'file' && 'file' in reader) {
    // The file stands for the current one: its rule has the current file's name, so the same text merges.
    await readBlock(fs, tool, { ...reader, file: old.path }, decl, out, skip, basename(reader.file))
  } else if (kind === 'file' && 'dir' in reader && reader.kind === 'rules') {
    const what = `rules in ${basename(old.path)}`
    const text = await readText(fs, old.path, what, skip)
    if (text !== undefined && text.trim() !== '')
      out.items.push({
        kind: 'rules',
        path: `rules/${nameOf(old.path)}.md`,
        tool,
        source: old.path,
        doc: { frontmatter: { ...(old.frontmatter ?? {}) }, body: text },
        overrides: {},
        reproduce: (doc) => (doc.body === text ? {} : undefined),
        root: true,
      })
  }
  const to = 'dir' in reader ? reader.dir : reader.file
  for (const item of out.items.slice(before)) {
    out.moved.push({ tool, from: item.source, to, reason: old.reason })
    // A key of the old form (a prompt file's `mode`) has no place where install writes the item now: said, left out.
    if (!old.ownForm) continue
    for (const key of Object.keys(item.overrides ?? {}))
      skip(
        item.source,
        `${key} in ${basename(item.source)}`,
        `a key of the old form that ${to} has no place for; left out`,
      )
    item.overrides = {}
    item.reproduce = () => ({})
  }
}

/** A file's name as a kit name: `.cursorrules` → `cursorrules`, `CLAUDE.md` → `claude`. */
function nameOf(file: string): string {
  return (
    basename(file)
      .replace(/^\.+/, '')
      .replace(/\.[^.]*$/, '')
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'rules'
  )
}

/** A shared instructions file (CLAUDE.md, AGENTS.md): its whole text is one rule, when it has no outfit block. */
async function readBlock(
  fs: Fs,
  tool: string,
  reader: BlockReader,
  decl: ToolDeclarations,
  out: ToolReading,
  skip: Skip,
  /** The file name the rule is named after (default: the file's own). */
  named = basename(reader.file),
): Promise<void> {
  if ((await kindOfEntry(fs, reader.file)) !== 'file') return
  const name = nameOf(named)
  const what = `rules in ${basename(reader.file)}`
  const text = await readText(fs, reader.file, what, skip)
  if (text === undefined || text.trim() === '') return
  if (/^<!-- outfit:[^\s]+:begin /m.test(text)) {
    skip(reader.file, what, 'holds a block an outfit kit installed: that kit is its source, not this file')
    return
  }
  const m = matchTemplate(reader.item, text, decl.lookup)
  const body = m?.vars['item.body']
  if (!m || body === undefined) {
    skip(reader.file, what, `its text is not in the form of the ${reader.step} step`)
    return
  }
  const doc = docFromMatch(m.vars, m.set, m.unset, body)
  const reproduce = (candidate: KitDoc): Record<string, unknown> | undefined => {
    try {
      return renderItem(reader.item, candidate, decl) === text ? {} : undefined
    } catch {
      return undefined
    }
  }
  if (reproduce(doc) === undefined) {
    skip(reader.file, what, `its text cannot be read back through the ${reader.step} step exactly`)
    return
  }
  out.items.push({
    kind: 'rules',
    path: `rules/${name}.md`,
    tool,
    source: reader.file,
    doc,
    overrides: {},
    reproduce,
    root: true,
  })
}

function docFromMatch(vars: Record<string, string>, set: string[], unset: string[], body: string): KitDoc {
  const fm: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(vars))
    if (name.startsWith('item.fm.') && value !== '') fm[name.slice(8)] = value
  for (const name of set)
    if (name.startsWith('item.fm.') && fm[name.slice(8)] === undefined) fm[name.slice(8)] = true
  for (const name of unset) if (name.startsWith('item.fm.')) delete fm[name.slice(8)]
  return { frontmatter: fm, body }
}

/** A block item rendered for a kit document, as the block step renders it. */
function renderItem(template: string, doc: KitDoc, decl: ToolDeclarations): string {
  const vars: Record<string, string> = { 'item.body': doc.body }
  for (const [key, value] of Object.entries(doc.frontmatter))
    vars[`item.fm.${key}`] = Array.isArray(value) ? value.map(String).join(',') : String(value ?? '')
  // A frontmatter field the rule does not have is empty, as the block step renders it.
  const lookup = lookupWith(decl, vars)
  return interpolate(template, (name) => lookup(name) ?? (name.startsWith('item.fm.') ? '' : undefined))
}

function lookupWith(decl: ToolDeclarations, vars: Record<string, string>) {
  return (name: string) => (Object.hasOwn(vars, name) ? vars[name] : decl.lookup(name))
}

/** The kit file name a rename's variables give: `item.name` or `item.path` as is, `item.stem` + `.md`. */
function kitNameOf(vars: Record<string, string>): string | undefined {
  const name =
    vars['item.path'] ?? vars['item.name'] ?? (vars['item.stem'] ? `${vars['item.stem']}.md` : undefined)
  if (!name || name.includes('/') || !/\.md$/.test(name) || name.startsWith('.')) return undefined
  return name
}

async function readText(fs: Fs, file: string, what: string, skip: Skip): Promise<string | undefined> {
  try {
    return decodeUtf8(await readBounded(fs, file, MAX_KIT_FILE_BYTES, 'files to adopt'), file)
  } catch (error) {
    skip(file, what, reasonOf(error))
    return undefined
  }
}

async function list(fs: Fs, dir: string): Promise<string[]> {
  try {
    return ((await fs.readdir(dir)) as string[]).sort()
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (isNotFound(error) || code === 'ENOTDIR') return []
    throw error
  }
}

/** What a path is, a link followed (a symlinked skill is read through its link); `none` when it is not there. */
async function kindOfEntry(fs: Fs, path: string): Promise<'file' | 'dir' | 'none' | string> {
  try {
    const st = await fs.stat(path)
    return st.isFile() ? 'file' : st.isDirectory() ? 'dir' : 'a special file'
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ELOOP') return 'a symlink loop'
    if (isNotFound(error)) return (await fs.lstat(path).catch(() => undefined)) ? 'a broken symlink' : 'none'
    return 'unreadable'
  }
}

function located(file: string, error: unknown): string {
  return error instanceof AdoptParseError && error.line !== undefined
    ? `${file}:${error.line}:${error.column ?? 1}`
    : file
}

function reasonOf(error: unknown): string {
  const message = (error as Error).message
  // A read error names the file first; the place is said apart.
  return message.replace(/^\/[^:]*: /, '')
}

function singular(kind: FileKind): string {
  return kind === 'agents' ? 'agent' : kind === 'commands' ? 'command' : kind === 'rules' ? 'rule' : 'skill'
}

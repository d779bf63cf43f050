// Skills follow the Agent Skills format (agentskills.io/specification), which every tool that reads them expects: a
// folder per skill holding SKILL.md, whose frontmatter has a `name` (lowercase letters, digits and single hyphens, at
// most 64 characters, the folder's own name) and a `description` (at most 1,024 characters). A skill that breaks
// these rules is skipped or refused by the tools, so outfit refuses it first, located at file:line:col.
import { join } from 'node:path'
import type { Fs } from '../fs/fs.js'
import type { Diagnostic } from '../types.js'
import { checkFrontmatter } from '../transforms/markdown.js'
import type { CheckedFiles } from '../actions/checked-file.js'
import type { CheckMemo } from './check-memo.js'

const NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
const FENCE_LINE = 2

export async function checkSkills(
  fs: Fs,
  dir: string,
  files: string[],
  memo?: CheckMemo,
  checked?: CheckedFiles,
): Promise<Diagnostic[]> {
  const folders = new Set<string>()
  for (const rel of files) {
    const m = /^skills\/([^/]+)\/./.exec(rel)
    if (m) folders.add(m[1] as string)
  }
  const out: Diagnostic[] = []
  for (const folder of [...folders].sort()) {
    const file = join(dir, 'skills', folder, 'SKILL.md')
    if (!files.includes(`skills/${folder}/SKILL.md`)) {
      out.push(
        error(join(dir, 'skills', folder), 1, 1, 'a skill folder needs a SKILL.md (Agent Skills format)'),
      )
      continue
    }
    out.push(...(await checkRemembered(fs, file, folder, memo, checked)))
  }
  return out
}

/**
 * A SKILL.md the memo vouches for (it passed these rules with this exact stat) is not read again; one the content
 * check just read is not read twice.
 */
async function checkRemembered(
  fs: Fs,
  file: string,
  folder: string,
  memo: CheckMemo | undefined,
  checked: CheckedFiles | undefined,
): Promise<Diagnostic[]> {
  const stamp = memo ? await memo.stampOf(file) : undefined
  if (memo && stamp !== undefined && memo.vouches(file, stamp, 'skill') !== undefined) return []
  const found = await checkSkillFile(fs, file, folder, checked?.read.get(file)?.text)
  const sha256 = checked?.sha256.get(file)
  if (found.length === 0 && memo && stamp !== undefined && sha256 !== undefined)
    memo.remember(file, stamp, sha256, 'skill')
  return found
}

/** One SKILL.md against the Agent Skills rules; `folder` is the name of the skill folder holding it. */
export async function checkSkillFile(
  fs: Fs,
  file: string,
  folder: string,
  /** The file's text as already read (without a byte-order mark); else it is read now. */
  known?: string,
): Promise<Diagnostic[]> {
  const out: Diagnostic[] = []
  const text = known ?? (await fs.readFile(file, 'utf8')).replace(/^\uFEFF/, '')
  const parsed: Parameters<typeof checkFrontmatter>[2] = {}
  const problems = checkFrontmatter(file, text, parsed)
  if (problems.length > 0) return problems
  if (!parsed.doc?.hadFrontmatter) {
    out.push(error(file, 1, 1, 'SKILL.md needs frontmatter (---) with a name and a description'))
    return out
  }
  const fm = parsed.doc.frontmatter
  const lineOf = (key: string) => {
    const i = text.split(/\r?\n/).findIndex((l) => l.startsWith(`${key}:`))
    return i < 0 ? FENCE_LINE : i + 1
  }
  const name = fm.name
  if (typeof name !== 'string' || name === '')
    out.push(error(file, FENCE_LINE, 1, `frontmatter needs a name (the folder's: ${folder})`))
  else if (!NAME.test(name) || name.length > 64)
    out.push(
      error(
        file,
        lineOf('name'),
        1,
        `name '${name}' must be lowercase letters, digits and single hyphens, at most 64 characters (e.g. ${suggest(name)})`,
      ),
    )
  else if (name !== folder)
    out.push(error(file, lineOf('name'), 1, `name '${name}' must be the skill folder's name, '${folder}'`))
  const description = fm.description
  if (typeof description !== 'string' || description.trim() === '')
    out.push(
      error(file, FENCE_LINE, 1, 'frontmatter needs a description: what the skill does and when to use it'),
    )
  else if (description.length > 1024)
    out.push(
      error(file, lineOf('description'), 1, `description is ${description.length} characters; at most 1,024`),
    )
  return out
}

// --- internal ---

function error(file: string, line: number, column: number, message: string): Diagnostic {
  return { file, line, column, pointer: '', message, severity: 'error' }
}

function suggest(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 64) || 'my-skill'
  )
}

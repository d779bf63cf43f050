// The parts every plugin format shares, read into a draft: identity from the manifest, skill folders, Markdown items
// through a target's copy declaration, MCP servers and hooks through its entries declaration, each with its plugin-root
// references resolved. Format readers (read-*.ts) only say where their parts are and which declaration reads them.
import { join, posix } from 'node:path'
import picomatch from 'picomatch'
import type { Fs } from '../fs/fs.js'
import type { Entries } from '../generated/target.js'
import { backwardMarkdown } from './backward-markdown.js'
import { backwardHooks, backwardServers } from './backward-entries.js'
import { formatName, type CopyDeclaration } from './declarations.js'
import type { KitDraft, KitServer } from './draft.js'
import { isDir, isFile, isRecord, listFiles, readBytes, readJson } from './plugin-files.js'
import { resolveRootRefs, type RootSyntax } from './plugin-root.js'

export interface ReadContext {
  fs: Fs
  /** The plugin folder (absolute). */
  dir: string
  draft: KitDraft
  roots: RootSyntax
  /** The plugin's top-level entries that were read or are reached by a root reference. */
  used: Set<string>
}

const NAME = /^[a-z0-9][a-z0-9-]*$/
const VERSION = /^\d+\.\d+\.\d+([-+].+)?$/

/** The kit's name, version and description from the manifest (a name made kebab-case; no version → 0.0.0). */
export function takeIdentity(ctx: ReadContext, manifest: Record<string, unknown>, file: string): void {
  const d = ctx.draft
  const raw = typeof manifest.name === 'string' ? manifest.name : ''
  d.name = raw
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
  if (!NAME.test(d.name))
    d.diagnostics.push({
      file: join(ctx.dir, file),
      line: 1,
      column: 1,
      pointer: '/name',
      message: `a ${formatName(d.format)} needs a name (letters, digits and -) to install as a kit`,
      severity: 'error',
    })
  else if (d.name !== raw) d.notes.push(`the plugin name '${raw}' is the kit name '${d.name}'`)
  const version = typeof manifest.version === 'string' ? manifest.version : undefined
  d.version = version && VERSION.test(version) ? version : '0.0.0'
  if (version === undefined) d.notes.push('the plugin has no version: the kit is 0.0.0')
  else if (!VERSION.test(version))
    d.notes.push(`the plugin version '${version}' is not semver: the kit is 0.0.0`)
  if (typeof manifest.description === 'string') d.description = manifest.description
}

/** Every `<dir>/<name>/SKILL.md` folder, whole, as `skills/<name>/…` (SKILL.md with its root references resolved). */
export async function takeSkills(ctx: ReadContext, dirs: string[]): Promise<void> {
  for (const dir of dirs) {
    const base = join(ctx.dir, dir)
    if (!(await isDir(ctx.fs, base))) continue
    ctx.used.add(top(dir))
    const skipped: string[] = []
    const files = await listFiles(ctx.fs, base, base, skipped)
    const skills = new Set(
      files.filter((f) => /^[^/]+\/SKILL\.md$/.test(f)).map((f) => f.split('/')[0] ?? ''),
    )
    const refused = new Map<string, string>()
    for (const skill of skills) {
      const text = new TextDecoder().decode(await readBytes(ctx.fs, join(base, skill, 'SKILL.md')))
      const rooted = await resolveRootRefs(ctx.fs, ctx.dir, ctx.roots, text)
      if ('refused' in rooted) refused.set(skill, rooted.refused)
      else rooted.used.forEach((u) => ctx.used.add(u))
    }
    for (const [skill, why] of refused) ctx.draft.notes.push(`skill '${skill}' left out: ${why}`)
    for (const file of files) {
      const [skill] = file.split('/')
      if (skill === undefined || !skills.has(skill) || refused.has(skill)) continue
      const full = join(base, file)
      let data = (await readBytes(ctx.fs, full)) ?? new Uint8Array()
      if (file === `${skill}/SKILL.md`) {
        const rooted = await resolveRootRefs(ctx.fs, ctx.dir, ctx.roots, new TextDecoder().decode(data))
        if ('text' in rooted) data = new TextEncoder().encode(rooted.text)
      }
      const mode = Number((await ctx.fs.stat(full)).mode) & 0o777
      ctx.draft.files.set(`skills/${file}`, { data, mode })
    }
    const loose = files.filter((f) => !skills.has(f.split('/')[0] ?? '')).map((f) => `${dir}/${f}`)
    if (loose.length > 0)
      ctx.draft.notes.push(`not in a skill folder with SKILL.md, left out: ${loose.join(', ')}`)
    for (const s of skipped) ctx.draft.notes.push(`${dir}/${s} left out: not a regular file`)
  }
}

/**
 * The Markdown (or TOML) items of one kind: every file under `dirs` whose name `accept` takes, read back through the
 * declaration into `<kind>/<name>.md`. A file in a sub-folder is named `<folder>-<name>` (commands/git/push.md is
 * /git:push in Claude Code and Gemini CLI; a kit's commands are one level).
 */
export async function takeItems(
  ctx: ReadContext,
  kind: 'agents' | 'commands' | 'rules',
  dirs: string[],
  accept: RegExp,
  decl: CopyDeclaration,
): Promise<void> {
  for (const entry of dirs) {
    const found = await expand(ctx, entry)
    if (!found) continue
    const { dir, files } = found
    if (files.length > 0) ctx.used.add(top(dir))
    for (const file of files) {
      if (!accept.test(file)) {
        ctx.draft.notes.push(`${dir}/${file} left out: not a ${kind.slice(0, -1)} file outfit reads`)
        continue
      }
      const name = file.split('/').join('-')
      const text = new TextDecoder().decode(await readBytes(ctx.fs, join(ctx.dir, dir, file)))
      const rooted = await resolveRootRefs(ctx.fs, ctx.dir, ctx.roots, text)
      if ('refused' in rooted) {
        ctx.draft.notes.push(`${dir}/${file} left out: ${rooted.refused}`)
        continue
      }
      rooted.used.forEach((u) => ctx.used.add(u))
      const back = backwardMarkdown(name, rooted.text, decl)
      if ('refused' in back) {
        ctx.draft.notes.push(`${dir}/${file} left out: ${back.refused}`)
        continue
      }
      const path = `${kind}/${back.path.split('/').pop()}`
      if (ctx.draft.files.has(path)) {
        ctx.draft.notes.push(`${dir}/${file} left out: another file is already ${path}`)
        continue
      }
      if (back.notes.length > 0) ctx.draft.notes.push(`${dir}/${file}: ${back.notes.join(', ')} left out`)
      if (kind === 'commands' && file.includes('/'))
        ctx.draft.notes.push(
          `${dir}/${file} is the command ${name.replace(/\.[^.]+$/, '')} (a kit's commands are one level)`,
        )
      ctx.draft.files.set(path, { data: new TextEncoder().encode(back.text) })
    }
  }
}

/** MCP servers from an object of entries (inline in a manifest, or a file's `at`), through a declaration. */
export async function takeServers(
  ctx: ReadContext,
  servers: unknown,
  decl: Entries,
  where: string,
): Promise<void> {
  const read = backwardServers(servers, decl, where)
  ctx.draft.notes.push(...read.notes)
  for (const [name, server] of Object.entries(read.value)) {
    if (Object.hasOwn(ctx.draft.servers, name)) {
      ctx.draft.notes.push(`MCP server '${name}' (${where}) left out: the plugin defines it twice`)
      continue
    }
    const rooted = await rootServer(ctx, server)
    if (typeof rooted === 'string')
      ctx.draft.notes.push(`MCP server '${name}' (${where}) left out: ${rooted}`)
    else ctx.draft.servers[name] = rooted
  }
}

/** A JSON file of servers (`.mcp.json`): the object at the declaration's `at` (default `mcpServers`). */
export async function takeServerFile(ctx: ReadContext, file: string, decl: Entries): Promise<void> {
  const doc = await readJson(ctx.fs, join(ctx.dir, file), ctx.draft.diagnostics)
  if (!doc) return
  ctx.used.add(top(file))
  let servers: unknown = doc
  for (const seg of decl.at ?? ['mcpServers']) servers = isRecord(servers) ? servers[seg] : undefined
  // A file of servers only (no mcpServers key) is how some plugins write it.
  await takeServers(ctx, servers ?? doc, decl, file)
}

/** Hooks from a hooks document through a declaration, each command's root references resolved. */
export async function takeHooks(ctx: ReadContext, doc: unknown, decl: Entries, where: string): Promise<void> {
  const read = backwardHooks(doc, decl, where)
  ctx.draft.notes.push(...read.notes)
  for (const hook of read.value) {
    const rooted = await resolveRootRefs(ctx.fs, ctx.dir, ctx.roots, hook.command)
    if ('refused' in rooted) {
      ctx.draft.notes.push(`hook ${hook.event} '${hook.command}' (${where}) left out: ${rooted.refused}`)
      continue
    }
    rooted.used.forEach((u) => ctx.used.add(u))
    ctx.draft.hooks.push({ ...hook, command: rooted.text })
  }
}

export async function takeHookFile(ctx: ReadContext, file: string, decl: Entries): Promise<void> {
  const doc = await readJson(ctx.fs, join(ctx.dir, file), ctx.draft.diagnostics)
  if (!doc) return
  ctx.used.add(top(file))
  await takeHooks(ctx, doc, decl, file)
}

/**
 * A manifest field that names paths: a string or a list of strings, relative to the plugin (`./agents/`). A path
 * that leaves the plugin is named in `notes` and not read.
 */
export function manifestPaths(value: unknown, notes?: string[]): string[] | undefined {
  const list = typeof value === 'string' ? [value] : Array.isArray(value) ? value : undefined
  const out: string[] = []
  for (const v of list?.filter((v): v is string => typeof v === 'string') ?? []) {
    const path = posix.normalize(v).replace(/^\.\//, '').replace(/\/$/, '')
    if (path === '..' || path.startsWith('../') || posix.isAbsolute(path))
      notes?.push(`'${v}' (the manifest) left out: it is not a path inside the plugin`)
    else out.push(path)
  }
  return list ? out : undefined
}

export function top(path: string): string {
  return path.replace(/^\.\//, '').split('/')[0] ?? path
}

// --- internal ---

/** A manifest entry as a folder and the files it stands for: a folder, one file, or a glob (`rules/*.mdc`). */
async function expand(
  ctx: ReadContext,
  entry: string,
): Promise<{ dir: string; files: string[] } | undefined> {
  const glob = entry.split('/').findIndex((seg) => /[*?[{]/.test(seg))
  const dir = glob >= 0 ? entry.split('/').slice(0, glob).join('/') || '.' : entry
  const full = join(ctx.dir, dir)
  if (await isDir(ctx.fs, full)) {
    const files = await listFiles(ctx.fs, full, full, [])
    if (glob < 0) return { dir, files }
    const match = picomatch(entry.split('/').slice(glob).join('/'), { dot: true })
    return { dir, files: files.filter((f) => match(f)) }
  }
  if (glob < 0 && (await isFile(ctx.fs, full)))
    return { dir: posix.dirname(entry), files: [posix.basename(entry)] }
  return undefined
}

async function rootServer(ctx: ReadContext, server: KitServer): Promise<KitServer | string> {
  const fix = async (s: string): Promise<string | { refused: string }> => {
    const rooted = await resolveRootRefs(ctx.fs, ctx.dir, ctx.roots, s)
    if ('refused' in rooted) return rooted
    rooted.used.forEach((u) => ctx.used.add(u))
    return rooted.text
  }
  const out: KitServer = { ...server }
  for (const key of ['command', 'url'] as const) {
    const v = server[key]
    if (v === undefined) continue
    const r = await fix(v)
    if (typeof r !== 'string') return r.refused
    out[key] = r
  }
  if (server.args) {
    const args: string[] = []
    for (const a of server.args) {
      const r = await fix(a)
      if (typeof r !== 'string') return r.refused
      args.push(r)
    }
    out.args = args
  }
  for (const key of ['env', 'headers'] as const) {
    const map = server[key]
    if (!map) continue
    const fixed: Record<string, string> = {}
    for (const [k, v] of Object.entries(map)) {
      const r = await fix(v)
      if (typeof r !== 'string') return r.refused
      fixed[k] = r
    }
    out[key] = fixed
  }
  return out
}

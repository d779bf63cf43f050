// `outfit adopt`: the configuration a project (or the home) already has, in the tools' own places, turned into a
// kit. Each tool is read through its target's declarations run backwards (src/adopt/), the same item found in
// several tools merged into one, differing versions reported as conflicts. Writes only inside the kit folder, all or
// nothing: a conflict between tools, or a kit file that exists with other content, and nothing is written.
import { basename, dirname, join, resolve } from 'node:path'
import { declarationsOf } from '../adopt/declarations.js'
import { kitFiles, kitYaml, type KitFileOut } from '../adopt/kit-files.js'
import { mergeItems, type AdoptedItem, type Conflict } from '../adopt/merge.js'
import { hookKey } from '../adopt/hooks.js'
import { adoptMergedKinds, toolInput } from '../adopt/merged-kinds.js'
import type { AdoptToolInput } from '../adopt/types.js'
import { readToolFiles, type FoundItem, type Moved } from '../adopt/read-tool.js'
import type { SecretFinding, Skipped } from '../adopt/types.js'
import { CancelledError, UsageError } from '../errors.js'
import { containPath } from '../fs/contain.js'
import { ensureDir, writeAtomic } from '../fs/files.js'
import { isNotFound, type Fs } from '../fs/fs.js'
import { deepEqual } from '../formats/deep-equal.js'
import { pickTargets } from './targets.js'
import { openWorkspace, type WorkspaceRequest } from './workspace.js'

export interface AdoptRequest extends WorkspaceRequest {
  /** The tools to read (default: every tool that has content in the scope). */
  tools?: string[]
  /** The kit folder (default: `kit/` in the project; `<config home>/outfit/kit` with the global scope). */
  kit?: string
  /** Show what would be written, write nothing. */
  dryRun?: boolean
  /** The tool whose version wins every conflict. */
  prefer?: string
  /** Asked per conflict when there is no `prefer` (a terminal): the tool whose version to take; null: cancelled. */
  choose?: (conflict: Conflict) => Promise<string | null | undefined>
}

export interface AdoptReport {
  scope: string
  kitDir: string
  /** The tools read. */
  tools: string[]
  items: { kind: string; path: string; sources: { tool: string; file: string }[]; tools?: string[] }[]
  conflicts: Conflict[]
  skipped: Skipped[]
  moved: Moved[]
  secrets: SecretFinding[]
  /** The kit's files: new, unchanged, or existing with other content (a conflict: nothing is written). */
  files: { path: string; status: 'new' | 'unchanged' | 'differs' }[]
  written: boolean
  dryRun: boolean
}

export async function adopt(request: AdoptRequest): Promise<AdoptReport> {
  const ws = await openWorkspace(request)
  const { fs, scope } = ws
  if (scope !== 'project' && scope !== 'global')
    throw new UsageError(`outfit adopt reads the project or global scope, not '${scope}'`, {
      hint: 'use --scope project (the default) or --scope global',
    })
  const kitDir = resolve(
    request.cwd,
    request.kit ??
      (scope === 'global'
        ? join(configHome(request.env, ws.home, ws.sandboxed), 'outfit', 'kit')
        : join(ws.project, 'kit')),
  )
  const named = request.tools ?? []
  const targets = named.length > 0 ? pickTargets(ws.all, named) : ws.all.filter((t) => t.spec.scopes[scope])
  if (request.prefer !== undefined && !targets.some((t) => t.spec.id === request.prefer))
    throw new UsageError(`--prefer ${request.prefer} is not one of the tools adopted`, {
      hint: `name one of: ${targets.map((t) => t.spec.id).join(', ')}`,
    })
  const kitName = kitNameFor(scope === 'global' ? 'my-kit' : basename(ws.project))
  const found: FoundItem[] = []
  const skipped: Skipped[] = []
  const moved: Moved[] = []
  const secrets: SecretFinding[] = []
  const inputs: AdoptToolInput[] = []
  for (const { spec } of targets) {
    if (!spec.scopes[scope]) {
      if (named.includes(spec.id))
        throw new UsageError(`${spec.name} has no '${scope}' scope`, {
          hint: `it supports: ${Object.keys(spec.scopes).join(', ')}`,
        })
      continue
    }
    const decl = declarationsOf(spec, scope, { home: ws.home, project: ws.project }, { name: kitName })
    const reading = await readToolFiles(fs, spec.id, decl)
    // The kit folder itself is never read as a tool's content (a kit in .claude/ would read itself).
    found.push(...reading.items.filter((i) => !isInside(kitDir, i.source)))
    skipped.push(...reading.skipped)
    moved.push(...reading.moved)
    inputs.push(toolInput(fs, spec, scope, { home: ws.home, project: ws.project }, { name: kitName }))
  }
  const tools = named.length > 0 ? named : toolsWithOwnContent(found)
  // Without names, a tool that only shares files another tool has (the many that read AGENTS.md) is not adopted.
  const kept = found.filter((f) => tools.includes(f.tool))
  found.length = 0
  found.push(...kept)
  sameRootRules(found)
  const chosen = new Map<string, string>()
  let merged = mergeItems(found, tools, (path) => request.prefer ?? chosen.get(path))
  if (merged.conflicts.length > 0 && request.prefer === undefined && request.choose) {
    for (const conflict of merged.conflicts) {
      const answer = await request.choose(conflict)
      if (answer === null) throw new CancelledError('interrupted at the question; nothing was written')
      if (answer) chosen.set(conflict.path, answer)
    }
    merged = mergeItems(found, tools, (path) => chosen.get(path))
  }
  for (const o of merged.overruled)
    skipped.push({
      tool: o.tool,
      where: o.file,
      what: o.path,
      reason: `differs from the version chosen (${request.prefer ?? chosen.get(o.path) ?? ''}); install gives this tool that one`,
    })
  // The merged kinds (MCP servers, hooks) of the same tools, read by their own readers (src/adopt/merged-kinds.ts).
  let mergedKinds = await adoptMergedKinds(inputs, tools, (path) => request.prefer ?? chosen.get(path))
  if (mergedKinds.conflicts.length > 0 && request.prefer === undefined && request.choose) {
    for (const conflict of mergedKinds.conflicts) {
      const answer = await request.choose(conflict)
      if (answer === null) throw new CancelledError('interrupted at the question; nothing was written')
      if (answer) chosen.set(conflict.path, answer)
    }
    mergedKinds = await adoptMergedKinds(inputs, tools, (path) => chosen.get(path))
  }
  skipped.push(...mergedKinds.skipped)
  secrets.push(...mergedKinds.secrets)
  const files = [
    ...kitFiles(merged.items),
    ...mergedKinds.files.map((f) => ({ path: f.path, data: new TextEncoder().encode(f.text) })),
  ]
  const conflicts: Conflict[] = [...merged.conflicts, ...mergedKinds.conflicts]
  const yaml = kitYaml(kitName, `Adopted by outfit from ${tools.join(', ') || 'no tool'} (${scope} scope)`)
  const hasKitYaml = await exists(fs, join(kitDir, 'kit.yaml'))
  const planned: KitFileOut[] = hasKitYaml
    ? files
    : [{ path: 'kit.yaml', data: new TextEncoder().encode(yaml) }, ...files]
  const statuses = await compare(fs, kitDir, planned)
  const blocked = conflicts.length > 0 || statuses.some((s) => s.status === 'differs')
  const write = !blocked && !request.dryRun && planned.length > (hasKitYaml ? 0 : 1)
  if (write) {
    for (const file of planned) {
      if (statuses.find((s) => s.path === file.path)?.status !== 'new') continue
      const path = containPath(kitDir, kitDir, file.path)
      await ensureDir(fs, dirname(path))
      await writeAtomic(fs, path, file.data, file.mode, null)
    }
  }
  return {
    scope,
    kitDir,
    tools,
    items: [
      ...merged.items.map(describe),
      ...Object.keys(mergedKinds.servers).map((name) => {
        const path = `mcp.yaml › servers › ${name}`
        return { kind: 'mcp', path, sources: mergedKinds.sources[path] ?? [] }
      }),
      ...mergedKinds.hooks.map((h) => ({
        kind: 'hooks',
        path: `hooks.yaml › ${h.event} ${h.matcher ?? ''} ${h.command}`.replace(/  +/g, ' '),
        sources: mergedKinds.sources[`hooks.yaml › ${hookKey(h)}`] ?? [],
      })),
    ],
    conflicts,
    skipped,
    moved,
    secrets,
    files: statuses,
    written: write,
    dryRun: request.dryRun === true,
  }
}

// --- internal ---

/**
 * The rule a shared instructions file holds is named after the file (CLAUDE.md → rules/claude.md); the same text in
 * CLAUDE.md and AGENTS.md is one rule, named after the first.
 */
function sameRootRules(found: FoundItem[]): void {
  const roots = found.filter((f) => f.root && f.doc)
  for (const [i, rule] of roots.entries()) {
    const earlier = roots
      .slice(0, i)
      .find(
        (r) =>
          r.path !== rule.path &&
          r.doc?.body === rule.doc?.body &&
          deepEqual(r.doc?.frontmatter, rule.doc?.frontmatter),
      )
    if (earlier) rule.path = earlier.path
  }
}

/**
 * The tools that hold something no other tool reads (their own folder's agents, a CLAUDE.md); when none does, every
 * tool that has anything (a project with only an AGENTS.md).
 */
function toolsWithOwnContent(found: FoundItem[]): string[] {
  const readers = new Map<string, Set<string>>()
  for (const f of found) readers.set(f.source, (readers.get(f.source) ?? new Set()).add(f.tool))
  const own = new Set(found.filter((f) => readers.get(f.source)?.size === 1).map((f) => f.tool))
  return [...(own.size > 0 ? own : new Set(found.map((f) => f.tool)))].sort()
}

function describe(item: AdoptedItem): AdoptReport['items'][number] {
  const tools = item.outfit?.tools
  return {
    kind: item.kind,
    path: item.path,
    sources: item.sources,
    ...(Array.isArray(tools) ? { tools } : {}),
  }
}

async function compare(fs: Fs, kitDir: string, files: KitFileOut[]): Promise<AdoptReport['files']> {
  const out: AdoptReport['files'] = []
  for (const file of files) {
    const path = containPath(kitDir, kitDir, file.path)
    let current: Uint8Array | undefined
    try {
      current = (await fs.readFile(path)) as Uint8Array
    } catch (error) {
      if (!isNotFound(error) && (error as NodeJS.ErrnoException).code !== 'ENOTDIR') throw error
    }
    const status =
      current === undefined
        ? 'new'
        : Buffer.compare(Buffer.from(current), Buffer.from(file.data)) === 0
          ? 'unchanged'
          : 'differs'
    out.push({ path: file.path, status })
  }
  return out
}

async function exists(fs: Fs, path: string): Promise<boolean> {
  try {
    await fs.stat(path)
    return true
  } catch (error) {
    if (isNotFound(error)) return false
    throw error
  }
}

function isInside(dir: string, path: string): boolean {
  return path === dir || path.startsWith(`${dir}/`)
}

/** `$XDG_CONFIG_HOME`, else `~/.config`; a --home sandbox ignores the real user's variable. */
function configHome(
  env: Readonly<Record<string, string | undefined>>,
  home: string,
  sandbox: boolean,
): string {
  const value = sandbox ? undefined : env.XDG_CONFIG_HOME
  return value && value.startsWith('/') ? value : join(home, '.config')
}

function kitNameFor(folder: string): string {
  const name = folder
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
  return /^[a-z0-9]/.test(name) ? name : 'adopted'
}

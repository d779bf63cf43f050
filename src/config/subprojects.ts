// A monorepo's subprojects: folders below the root config, each with its own outfit.config.yaml naming its kit. Listed
// by the root config (`subprojects:`), else read from the workspace file the repository already has (pnpm's
// pnpm-workspace.yaml wins over package.json `workspaces`, as pnpm itself ignores the latter). Every subproject is
// checked before anything is read from it: inside the repository (no `..`, no absolute path, no link leading out),
// not overlapping another one, and with a valid config of its own.
import { dirname, isAbsolute, join, relative, sep } from 'node:path'
import picomatch from 'picomatch'
import { TargetInvalidError } from '../errors.js'
import { exists, type Fs } from '../fs/fs.js'
import { isInside } from '../fs/contain.js'
import { readBounded } from '../fs/read-bounded.js'
import { locate, segmentsToPointer } from '../load/locate.js'
import { parseYaml, type ParsedYaml } from '../load/read-yaml.js'
import type { Diagnostic } from '../types.js'
import { expandFolders, isGlob } from './folder-globs.js'
import { CONFIG_FILE, findConfig, loadConfig, type LoadedConfig } from './load-config.js'

export interface Subproject {
  /** Relative to the root, with `/` (apps/web): how it is named in output and by --subproject. */
  path: string
  /** Absolute. */
  dir: string
  config: LoadedConfig
}

export interface Monorepo {
  root: LoadedConfig
  subprojects: Subproject[]
  /** Said, not fatal: a pattern that matches nothing. */
  notes: string[]
  /** Where the patterns came from (the root config, pnpm-workspace.yaml or package.json). */
  source: string
  /** The subproject whose config was found first (outfit run from inside it). */
  current?: Subproject
}

/**
 * The monorepo a config file belongs to: the file's own subprojects when it lists (or its workspace file yields)
 * any, else the root config above it (up to the repository root) that has its folder as a subproject; undefined for
 * a repository without subprojects. Throws TargetInvalidError with located diagnostics for a bad subproject.
 */
export async function findMonorepo(fs: Fs, file: string): Promise<Monorepo | undefined> {
  const config = await load(fs, file)
  const own = await findSubprojects(fs, config)
  if (own && (own.subprojects.length > 0 || config.subprojects !== undefined)) return own
  const parentFile = await findConfig(fs, dirname(config.dir))
  if (parentFile === undefined) return undefined
  const parent = await findSubprojects(fs, await load(fs, parentFile))
  const current = parent?.subprojects.find((s) => s.dir === config.dir)
  return parent && current ? { ...parent, current } : undefined
}

/** The subprojects of a root config; undefined when it names none and no workspace file is found. */
export async function findSubprojects(fs: Fs, root: LoadedConfig): Promise<Monorepo | undefined> {
  const source = await patternSource(fs, root)
  if (!source) return undefined
  const diagnostics: Diagnostic[] = []
  const problem = (i: number, message: string) => diagnostics.push(source.at(i, message))
  const realRoot = await fs.realpath(root.dir)
  const found = new Map<string, { real: string; pattern: number }>()
  const notes: string[] = []
  const excluded = source.patterns.flatMap((p) => (p.startsWith('!') ? [picomatch(p.slice(1))] : []))
  for (const [i, pattern] of source.patterns.entries()) {
    if (pattern.startsWith('!')) continue
    const parts = pattern.split(/[/\\]/)
    if (parts.every((p) => p === '' || p === '.')) {
      problem(i, `subproject '${pattern}' is the repository itself; its kit is the root config's`)
      continue
    }
    if (isAbsolute(pattern) || parts.includes('..')) {
      problem(i, `subproject '${pattern}' is outside the repository; name folders below ${root.dir}`)
      continue
    }
    const matched = (await expandFolders(fs, root.dir, pattern)).filter(
      (rel) => !excluded.some((m) => m(rel)),
    )
    let withConfig = 0
    for (const rel of matched) {
      const dir = join(root.dir, rel)
      const real = await fs.realpath(dir)
      if (!isInside(realRoot, real) || real === realRoot) {
        problem(i, `subproject '${rel}' leads outside the repository through a symbolic link (to ${real})`)
        continue
      }
      if (!(await exists(fs, join(dir, CONFIG_FILE)))) {
        if (!isGlob(pattern) && source.explicit)
          problem(i, `subproject '${rel}' has no ${CONFIG_FILE}; add one there that names its kit (kit: …)`)
        continue
      }
      withConfig++
      if (!found.has(rel)) found.set(rel, { real, pattern: i })
    }
    if (!source.explicit) continue
    if (matched.length === 0) notes.push(`note: subprojects: '${pattern}' matches no folder`)
    else if (withConfig === 0 && isGlob(pattern))
      notes.push(`note: subprojects: '${pattern}' matches no folder with an ${CONFIG_FILE}`)
  }
  diagnostics.push(...overlaps(found, source))
  if (diagnostics.length > 0) throw new TargetInvalidError(diagnostics)
  const subprojects: Subproject[] = []
  for (const rel of [...found.keys()].sort()) {
    const dir = join(root.dir, rel)
    const config = await load(fs, join(dir, CONFIG_FILE))
    diagnostics.push(...checkSubprojectConfig(config))
    subprojects.push({ path: rel, dir, config })
  }
  if (diagnostics.length > 0) throw new TargetInvalidError(diagnostics)
  return { root, subprojects, notes, source: source.file }
}

/** `apps/web` for a folder below the root (for messages that name a folder the user gave). */
export function subprojectPath(root: string, dir: string): string {
  return relative(root, dir).split(sep).join('/')
}

// --- internal ---

interface PatternSource {
  file: string
  patterns: string[]
  /** Listed in outfit.config.yaml (a literal without a config is a mistake) rather than found in a workspace file. */
  explicit: boolean
  at(index: number, message: string): Diagnostic
}

async function patternSource(fs: Fs, root: LoadedConfig): Promise<PatternSource | undefined> {
  if (root.subprojects !== undefined) return fromParsed(root.parsed, root.subprojects, ['subprojects'], true)
  const pnpm = await readData(fs, join(root.dir, 'pnpm-workspace.yaml'))
  if (pnpm) return fromParsed(pnpm, strings((pnpm.data as { packages?: unknown })?.packages), ['packages'])
  const pkg = await readData(fs, join(root.dir, 'package.json'))
  const workspaces = (pkg?.data as { workspaces?: unknown } | undefined)?.workspaces
  if (!pkg || workspaces === undefined) return undefined
  // npm and yarn classic take a list; yarn also `{ packages: [...] }`.
  return Array.isArray(workspaces)
    ? fromParsed(pkg, strings(workspaces), ['workspaces'])
    : fromParsed(pkg, strings((workspaces as { packages?: unknown }).packages), ['workspaces', 'packages'])
}

function fromParsed(
  parsed: ParsedYaml,
  patterns: string[],
  at: (string | number)[],
  explicit = false,
): PatternSource {
  return {
    file: parsed.file,
    patterns,
    explicit,
    at: (index, message) => {
      const pointer = segmentsToPointer([...at, index])
      return { file: parsed.file, ...locate(parsed, pointer), pointer, message, severity: 'error' }
    },
  }
}

/** Two subprojects where one holds the other (or both are the same folder through a link): refused. */
function overlaps(
  found: Map<string, { real: string; pattern: number }>,
  source: PatternSource,
): Diagnostic[] {
  const out: Diagnostic[] = []
  const entries = [...found.entries()].sort(([, a], [, b]) => a.real.localeCompare(b.real))
  for (const [i, [relA, a]] of entries.entries())
    for (const [relB, b] of entries.slice(i + 1))
      if (isInside(a.real, b.real))
        out.push(
          source.at(
            b.pattern,
            `subprojects '${relA}' and '${relB}' overlap (${a.real === b.real ? 'the same folder' : `${relB} is inside ${relA}`}); a folder belongs to one subproject: list only one of them`,
          ),
        )
  return out
}

/** What a subproject's own config must and must not say. */
function checkSubprojectConfig(config: LoadedConfig): Diagnostic[] {
  const at = (key: string, message: string): Diagnostic => {
    const pointer = key === '' ? '' : segmentsToPointer([key])
    return { file: config.file, ...locate(config.parsed, pointer), pointer, message, severity: 'error' }
  }
  const out: Diagnostic[] = []
  if (config.subprojects !== undefined)
    out.push(
      at('subprojects', 'a subproject cannot have subprojects of its own; list them all in the root config'),
    )
  if (config.kits === undefined)
    out.push(at('', `a subproject's ${CONFIG_FILE} names its kit (kit: ./ai, or kits:)`))
  if (config.scope !== undefined && config.scope !== 'subproject')
    out.push(
      at(
        'scope',
        "a subproject is installed in the tools' nested places (the subproject scope); remove scope",
      ),
    )
  return out
}

async function load(fs: Fs, file: string): Promise<LoadedConfig> {
  const loaded = await loadConfig(fs, file)
  if (!loaded.ok) throw new TargetInvalidError(loaded.diagnostics)
  return loaded.value
}

/** A workspace file, parsed (package.json is JSON, which YAML reads with positions too); undefined when absent. */
async function readData(fs: Fs, file: string): Promise<ParsedYaml | undefined> {
  const bytes = await readBounded(fs, file, 1024 * 1024).catch(() => undefined)
  if (!bytes) return undefined
  const parsed = parseYaml(file, new TextDecoder().decode(bytes))
  if (!parsed.ok) throw new TargetInvalidError(parsed.diagnostics)
  return parsed.parsed
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}

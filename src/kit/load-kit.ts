// Reads a kit directory: kit.yaml (identity), mcp.yaml and hooks.yaml (data), and the list of its content files.
// Every YAML file is checked against its schema with file:line:col diagnostics, like targets.
import { join, relative, resolve, sep } from 'node:path'
import { rememberCheckedFiles } from '../actions/kit-file.js'
import { TargetInvalidError } from '../errors.js'
import { exists, isNotFound, type Fs } from '../fs/fs.js'
import { describeOpenError } from '../fs/read-bounded.js'
import { locate } from '../load/locate.js'
import { readValidated } from '../load/read-validated.js'
import type { ParsedYaml } from '../load/read-yaml.js'
import type {
  Diagnostic,
  Hook,
  ItemTargeting,
  Kit,
  LoadedTarget,
  LoadResult,
  McpServer,
  RegistryChoice,
  RegistryRequest,
} from '../types.js'
import { checkSkills } from './check-skills.js'
import { literalSecrets } from './literal-secrets.js'
import { checkKitFiles, type CheckedFiles } from './check-kit-files.js'
import type { CheckMemo } from './check-memo.js'
import { merge, readTargeting } from './read-targeting.js'
import { checkTargeting } from './check-targeting.js'

/** Files a kit never installs: its own metadata and VCS/editor litter. */
const IGNORED = new Set(['kit.yaml', 'mcp.yaml', 'hooks.yaml', 'README.md'])
const IGNORED_DIRS = new Set(['.git', 'node_modules', '.DS_Store'])

export interface LoadKitOptions {
  /**
   * Also read every content file now, the way install will (regular file, size limit, UTF-8 Markdown with valid
   * frontmatter), so that a broken file is reported with its position before anything is written.
   */
  checkContent?: boolean
  /** Refuse (instead of warning about) secrets written as literals in mcp.yaml. */
  strict?: boolean
  /** Files that passed the check before and still stat the same are not read again (see check-memo.ts). */
  memo?: CheckMemo
  /**
   * Every tool known to this run (built-in and --targets): the items' `outfit:` blocks must name only these, and set
   * only keys these take. Without it, the blocks' shape is checked and install refuses unknown keys per tool.
   */
  targets?: readonly LoadedTarget[]
}

export async function loadKit(fs: Fs, dir: string, options: LoadKitOptions = {}): Promise<LoadResult<Kit>> {
  try {
    const st = await fs.stat(dir)
    if (!st.isDirectory()) return fail(dir, 'is not a directory; --kit takes the folder that holds kit.yaml')
  } catch (error) {
    if (isNotFound(error)) return fail(dir, 'kit directory not found')
    return fail(dir, describeOpenError(error))
  }
  const diagnostics: Diagnostic[] = []
  const meta = await readValidated(fs, join(dir, 'kit.yaml'), 'kit.schema.json')
  diagnostics.push(...meta.diagnostics)
  const secrets: Diagnostic[] = []
  const yaml: { kit?: ParsedYaml; mcp?: ParsedYaml; hooks?: ParsedYaml } = {}
  if (meta.parsed && meta.diagnostics.length === 0) yaml.kit = meta.parsed
  const mcp = await readOptional(fs, join(dir, 'mcp.yaml'), 'mcp.schema.json', diagnostics, (parsed) => {
    const problems = checkServers(parsed)
    if (problems.length === 0) secrets.push(...literalSecrets(parsed, options.strict ?? false))
    yaml.mcp = parsed
    return problems
  })
  const hooks = await readOptional(
    fs,
    join(dir, 'hooks.yaml'),
    'hooks.schema.json',
    diagnostics,
    (parsed) => {
      yaml.hooks = parsed
      return []
    },
  )
  const found: Diagnostic[] = []
  const files = (await walk(fs, dir, dir, found)).sort()
  const warnings = [...found, ...secrets].filter((d) => d.severity === 'warning')
  diagnostics.push(...[...found, ...secrets].filter((d) => d.severity === 'error'))
  const checked: CheckedFiles = { read: new Map(), sha256: new Map() }
  if (options.checkContent) {
    diagnostics.push(...(await checkKitFiles(fs, dir, files, options.memo, checked)))
    // Only files that passed the content check (size, UTF-8, frontmatter) are read again for the skill rules.
    if (diagnostics.length === 0)
      diagnostics.push(...(await checkSkills(fs, dir, files, options.memo, checked)))
  }
  // Which tools get each item, and its per-tool overrides (the `outfit:` blocks), once the files themselves are sound.
  const targeting =
    diagnostics.length === 0 ? await readTargeting(fs, dir, files, yaml, checked, options.memo) : undefined
  if (targeting) {
    diagnostics.push(...targeting.diagnostics)
    if (targeting.diagnostics.length === 0 && options.targets)
      diagnostics.push(...checkTargeting(targeting.sites, options.targets))
  }
  if (diagnostics.length > 0 || !meta.parsed) return { ok: false, diagnostics }
  const data = meta.parsed.data as { name: string; version: string; description?: string; prefix?: string }
  const servers = withTargeting(
    (mcp as { servers?: Record<string, KitServerEntry> } | undefined)?.servers ?? {},
    targeting?.servers ?? {},
  )
  const kit: Kit = {
    dir,
    name: data.name,
    version: data.version,
    ...(data.description !== undefined ? { description: data.description } : {}),
    ...(data.prefix !== undefined ? { prefix: data.prefix } : {}),
    mcp: Object.entries(servers)
      .filter(([, server]) => server.registry === undefined)
      .map(([name, server]) => ({ name, ...server })),
    // Resolved (and pinned in outfit.lock) by prepareKits, which adds them to mcp.
    ...registryOf(servers),
    hooks: (hooks as { hooks?: Hook[] } | undefined)?.hooks ?? [],
    files,
    ...(targeting && Object.keys(targeting.items).length > 0 ? { items: targeting.items } : {}),
  }
  rememberCheckedFiles(kit, checked)
  return { ok: true, warnings, value: kit }
}

/** A kit folder loaded, or its problems thrown (for programs and tests that install a folder directly). */
export async function requireKit(fs: Fs, dir: string): Promise<Kit> {
  const result = await loadKit(fs, resolve(dir))
  if (!result.ok) throw new TargetInvalidError(result.diagnostics)
  return result.value
}

// --- internal ---

/** A server as mcp.yaml writes it: a concrete one, or a registry name with overrides. */
type KitServerEntry = Omit<McpServer, 'name'> & { registry?: string; package?: RegistryChoice }

function registryOf(servers: Record<string, KitServerEntry>): { registry?: RegistryRequest[] } {
  const out: RegistryRequest[] = []
  for (const [name, server] of Object.entries(servers)) {
    if (server.registry === undefined) continue
    out.push({
      kitName: name,
      spec: server.registry,
      ...(server.package ? { package: server.package } : {}),
      ...(server.args ? { args: server.args } : {}),
      ...(server.env ? { env: server.env } : {}),
      ...(server.headers ? { headers: server.headers } : {}),
      ...(server.outfit ? { outfit: server.outfit } : {}),
    })
  }
  return out.length > 0 ? { registry: out } : {}
}

/** kit.yaml's `items: { "mcp:<name>": … }` over each server's own block. */
function withTargeting(
  servers: Record<string, KitServerEntry>,
  fromKit: Record<string, ItemTargeting>,
): Record<string, KitServerEntry> {
  if (Object.keys(fromKit).length === 0) return servers
  return Object.fromEntries(
    Object.entries(servers).map(([name, server]) => {
      const over = fromKit[name]
      return [name, over ? { ...server, outfit: merge(server.outfit, over) } : server]
    }),
  )
}

function fail(file: string, message: string): LoadResult<Kit> {
  return { ok: false, diagnostics: [{ file, line: 1, column: 1, pointer: '', message, severity: 'error' }] }
}

/** A server is local (command) or remote (url): exactly one of the two. */
export function checkServers(parsed: ParsedYaml): Diagnostic[] {
  const servers = (parsed.data as { servers?: Record<string, Record<string, unknown>> }).servers ?? {}
  const out: Diagnostic[] = []
  for (const [name, server] of Object.entries(servers)) {
    const local = server.command !== undefined
    const remote = server.url !== undefined
    const registry = server.registry !== undefined
    let message: string | undefined
    if (Number(local) + Number(remote) + Number(registry) !== 1)
      message =
        local || remote || registry
          ? 'is more than one kind; a server is local (command), remote (url) or from a registry (registry)'
          : 'needs command (a local server), url (a remote one) or registry (a published one)'
    else if (registry) {
      if (server.transport !== undefined) message = "transport comes from the registry's server.json"
    } else if (server.package !== undefined) message = 'package is for registry servers'
    else if (local && (server.headers !== undefined || server.transport !== undefined))
      message = 'headers and transport are for remote (url) servers'
    else if (remote && (server.args !== undefined || server.env !== undefined))
      message = 'args and env are for local (command) servers'
    if (message) {
      const pointer = `/servers/${name}`
      const pos = locate(parsed, pointer)
      out.push({
        file: parsed.file,
        line: pos.line,
        column: pos.column,
        pointer,
        message: `server '${name}' ${message}`,
        severity: 'error',
      })
    }
  }
  return out
}

async function readOptional(
  fs: Fs,
  file: string,
  schema: string,
  diagnostics: Diagnostic[],
  check?: (parsed: ParsedYaml) => Diagnostic[],
): Promise<unknown> {
  // lstat: a symlink loop or a dangling link is there, and reported by the read below.
  if (!(await exists(fs, file))) return undefined
  const result = await readValidated(fs, file, schema)
  diagnostics.push(...result.diagnostics)
  if (result.parsed && result.diagnostics.length === 0 && check) diagnostics.push(...check(result.parsed))
  return result.parsed?.data
}

async function walk(fs: Fs, root: string, dir: string, found: Diagnostic[]): Promise<string[]> {
  const out: string[] = []
  let entries: Dirent[]
  try {
    entries = (await fs.readdir(dir, { withFileTypes: true })) as unknown as Dirent[]
  } catch (error) {
    found.push({
      file: dir,
      line: 1,
      column: 1,
      pointer: '',
      message: `kit folder ${describeOpenError(error)}`,
      severity: 'error',
    })
    return out
  }
  for (const entry of entries) {
    if (IGNORED_DIRS.has(entry.name)) continue
    const full = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...(await walk(fs, root, full, found)))
    else if (entry.isFile()) {
      const rel = relative(root, full).split(sep).join('/')
      if (dir === root && IGNORED.has(entry.name)) continue
      out.push(rel)
    } else {
      // Never followed or read: a link may lead outside the kit, a FIFO or device would block or never end.
      const what = entry.isSymbolicLink()
        ? 'a symbolic link'
        : entry.isFIFO()
          ? 'a named pipe (FIFO)'
          : entry.isSocket()
            ? 'a socket'
            : 'a device'
      found.push({
        file: full,
        line: 1,
        column: 1,
        pointer: '',
        message: `skipped: ${what}; a kit installs only regular files (copy the file in instead)`,
        severity: 'warning',
      })
    }
  }
  return out
}

interface Dirent {
  name: string
  isDirectory(): boolean
  isFile(): boolean
  isSymbolicLink(): boolean
  isFIFO(): boolean
  isSocket(): boolean
}

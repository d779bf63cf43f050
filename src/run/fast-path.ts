// The no-change re-install, proven cheaply. After a clean install, each tool gets a sealed stamp in the state folder:
// a digest of everything the install was computed from (outfit's version, the target, the scope, the kit: its
// metadata and the bytes of every file), the outcome of the steps' `when` guards, and the size, modification and
// change times and inode of every path the manifest names (and of the manifest itself). A later install with the same
// inputs, over a tree whose every such path still stats the same, would write nothing: the tool is reported unchanged
// without reading and hashing every destination. Anything different (a kit or target edit, a file touched or
// replaced, another tool's edit of a shared file, a rollback, --force, a stamp not sealed for this user and scope)
// means the full install runs, and writes a fresh stamp if it ends cleanly.
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { isNotFound, type Fs } from '../fs/fs.js'
import { writeAtomic } from '../fs/files.js'
import { kitFileHash } from '../actions/kit-file.js'
import type { Pipeline } from '../pipeline/types.js'
import { manifestPath, type ManifestFile } from '../state/manifest-file.js'
import { ensureStateDir, STATE_FILE_MODE, type ScopeState } from '../state/scope-state.js'
import { seal, sealedPrefix, verifySeal } from '../state/seal.js'
import { envRefs } from '../formats/env-refs.js'
import type { Dropped, Kit, TargetSpec, ToolResult } from '../types.js'
import { interpolate } from '../vars/interpolate.js'
import { runVariables } from './run-variables.js'

interface Stamp {
  inputs: string
  /** Rendered `when.exists` / `when.missing` paths and whether each existed. */
  guards: [string, boolean][]
  /** path, size, mtime (ns), ctime (ns), inode; null for a path that did not exist. */
  files: [string, string | null][]
  /** Kit content the tool could not take (it depends on the kit and the target alone): reported again when skipped. */
  dropped: Dropped[]
  /** The tool's warnings: each follows from the inputs, the environment's set variables and the companions. */
  warnings: string[]
  /** The tools of the run and those with a manifest in the scope (overlap warnings depend on them). */
  companions: string[]
  /**
   * What `status` and tool detection would otherwise read the (often megabytes large) manifest for: the installed kit
   * and the paths outfit created. A stamp vouches for them only while the manifest stats as recorded here.
   */
  installed?: { kit: string; version: string; installedAt: string }
  created?: string[]
}

/** What a stamp vouches for, while the manifest it was written with is unchanged (see `vouchingStamp`). */
export interface VouchingStamp {
  /** Each path the last clean install left (the manifest among them), with its stat then. */
  files: Map<string, string>
  installed?: Stamp['installed']
  created?: string[]
}

export function stampPath(stateDir: string, tool: string, scope: string): string {
  return join(stateDir, 'stamps', `${tool}.${scope}.json`)
}

/**
 * The digest of the kit's content, computed once per run for every tool; with which of the environment variables its
 * MCP servers refer to are set (an unset one is warned about, so it takes the full path).
 */
export async function kitDigest(
  fs: Fs,
  kit: Kit,
  env: Readonly<Record<string, string | undefined>>,
): Promise<string> {
  const refs = [
    ...new Set(
      kit.mcp
        .flatMap((s) => [
          s.command ?? '',
          ...(s.args ?? []),
          ...Object.values(s.env ?? {}),
          s.url ?? '',
          ...Object.values(s.headers ?? {}),
        ])
        .flatMap(envRefs),
    ),
  ].sort()
  const hash = createHash('sha256').update(
    JSON.stringify({ ...kit, dir: undefined, env: refs.map((n) => [n, env[n] !== undefined]) }),
  )
  // Each file by the hash of its bytes: known from the kit check (which read it, or whose sealed memo vouches for it
  // by exact stat), else read like install reads kit files (a regular file within the limit: a FIFO cannot hang this).
  for (const file of kit.files) hash.update(`\0${file}\0${await kitFileHash(fs, kit, join(kit.dir, file))}`)
  return hash.digest('hex')
}

/** Everything one tool's install is computed from. */
export function inputsOf(
  kit: string,
  spec: TargetSpec,
  pipeline: Pipeline,
  base: { home: string; project: string },
  outfitVersion: string,
): string {
  return createHash('sha256')
    .update(
      JSON.stringify({
        outfitVersion,
        kit,
        spec,
        scope: pipeline.scope,
        vars: pipeline.scopeVars,
        areas: pipeline.areas,
        base,
      }),
    )
    .digest('hex')
}

/** The tool's stamp, if its last clean install was computed from `inputs` and its tree still stats as it did then. */
export async function isUnchanged(
  fs: Fs,
  state: ScopeState,
  pipeline: Pipeline,
  kit: Kit,
  inputs: string,
  base: { home: string; project: string },
  runTools: string[],
): Promise<Stamp | undefined> {
  const { id } = pipeline.tool
  let stamp: Stamp
  try {
    const read = await readStamp(fs, state, id, pipeline.scope.name)
    if (!read) return undefined
    stamp = read
  } catch {
    return undefined
  }
  if (
    stamp.inputs !== inputs ||
    !Array.isArray(stamp.dropped) ||
    !Array.isArray(stamp.warnings) ||
    JSON.stringify(stamp.companions) !== JSON.stringify(await companionsOf(fs, state, runTools))
  )
    return undefined
  try {
    if (JSON.stringify(await guardsOf(fs, pipeline, kit, base)) !== JSON.stringify(stamp.guards))
      return undefined
    for (const [path, recorded] of stamp.files) if ((await statKey(fs, path)) !== recorded) return undefined
  } catch {
    return undefined // anything unexpected: the full install decides
  }
  return stamp
}

/**
 * What the tool's stamp vouches for, for `status` and detection: each path the last clean install left, with its stat
 * then, the installed kit and the paths outfit created — or undefined when there is no stamp sealed for this user and
 * scope, or the manifest was rewritten since (the stamp is written just after the manifest of a clean install, so it
 * then describes exactly the tree that manifest records).
 */
export async function vouchingStamp(
  fs: Fs,
  state: ScopeState,
  tool: string,
  scope: string,
): Promise<VouchingStamp | undefined> {
  try {
    const body = await readStamp(fs, state, tool, scope)
    if (!body || !Array.isArray(body.files)) return undefined
    const files = new Map<string, string>()
    for (const [path, key] of body.files)
      if (typeof path === 'string' && typeof key === 'string') files.set(path, key)
    const manifest = manifestPath(state.dir, tool, scope)
    if (files.get(manifest) === undefined || files.get(manifest) !== (await statKey(fs, manifest)))
      return undefined
    const installed = body.installed
    const created = Array.isArray(body.created)
      ? body.created.filter((p) => typeof p === 'string')
      : undefined
    return {
      files,
      ...(installed &&
      typeof installed.kit === 'string' &&
      typeof installed.version === 'string' &&
      typeof installed.installedAt === 'string'
        ? { installed }
        : {}),
      ...(created ? { created } : {}),
    }
  } catch {
    return undefined // no stamp, or anything unexpected: every file is read and hashed
  }
}

/** Whether every path the stamp recorded still stats as it did (the tree is as the last clean install left it). */
export async function allAsStamped(fs: Fs, stamped: Map<string, string>): Promise<boolean> {
  for (const path of stamped.keys()) if (!(await statsAsStamped(fs, stamped, path))) return false
  return true
}

/** The paths a manifest says outfit created: folders it made, files and links that did not exist before it. */
export function createdPaths(manifest: ManifestFile): string[] {
  const out: string[] = []
  for (const step of manifest.steps)
    for (const change of step.changes) {
      const before =
        change.kind === 'dir'
          ? null
          : change.kind === 'link'
            ? change.before
            : change.origin !== undefined
              ? change.origin
              : change.before
      if (before === null) out.push(change.path)
    }
  return out
}

/** Whether `path` still stats (size, mtime and ctime in ns, inode, mode) as the stamp recorded it. */
export async function statsAsStamped(fs: Fs, stamped: Map<string, string>, path: string): Promise<boolean> {
  const recorded = stamped.get(path)
  if (recorded === undefined) return false
  try {
    return (await statKey(fs, path)) === recorded
  } catch {
    return false
  }
}

/** Records a clean install of the tool (see the top of this file). */
export async function writeStamp(
  fs: Fs,
  state: ScopeState,
  pipeline: Pipeline,
  kit: Kit,
  inputs: string,
  manifest: ManifestFile,
  base: { home: string; project: string },
  result: ToolResult,
  runTools: string[],
): Promise<void> {
  const paths = [
    ...new Set([
      manifestPath(state.dir, pipeline.tool.id, pipeline.scope.name),
      ...manifest.steps.flatMap((s) => s.changes.filter((c) => c.kind !== 'dir').map((c) => c.path)),
    ]),
  ]
  const files: Stamp['files'] = []
  for (const path of paths) files.push([path, await statKey(fs, path)])
  const body: Stamp = {
    inputs,
    guards: await guardsOf(fs, pipeline, kit, base),
    files,
    dropped: result.dropped ?? [],
    warnings: result.log.filter((e) => e.level === 'warn').map((e) => e.text),
    companions: await companionsOf(fs, state, runTools),
    installed: { kit: manifest.kit.name, version: manifest.kit.version, installedAt: manifest.installedAt },
    created: createdPaths(manifest),
  }
  const mac = seal(state.key, sealParts(state, pipeline.tool.id, pipeline.scope.name, JSON.stringify(body)))
  await ensureStateDir(fs, join(state.dir, 'stamps'))
  await writeAtomic(
    fs,
    stampPath(state.dir, pipeline.tool.id, pipeline.scope.name),
    `${JSON.stringify({ ...body, mac })}\n`,
    STATE_FILE_MODE,
  )
}

/** Removes a tool's stamp (uninstall, a run that did not end cleanly), and the stamps folder once empty. */
export async function dropStamp(fs: Fs, state: ScopeState, tool: string, scope: string): Promise<void> {
  const path = stampPath(state.dir, tool, scope)
  try {
    await fs.unlink(path)
  } catch (error) {
    if (!isNotFound(error)) throw error
  }
  await fs.rmdir(join(state.dir, 'stamps')).catch(() => {})
}

/** The result of a tool whose install is proven unchanged: every step up to date, its warnings given again. */
export function unchangedResult(pipeline: Pipeline, stamp: Pick<Stamp, 'dropped' | 'warnings'>): ToolResult {
  const { dropped, warnings } = stamp
  return {
    tool: pipeline.tool.id,
    name: pipeline.tool.name,
    scope: pipeline.scope.name,
    status: 'unchanged',
    steps: pipeline.steps.map((s) => ({ name: s.name, status: 'unchanged', changes: 0 })),
    rollbackErrors: [],
    kept: [],
    ...(dropped.length > 0 ? { dropped } : {}),
    log: [
      {
        level: 'step',
        text: 'up to date: the kit, the target and every installed file are as the last install left them',
      },
      ...warnings.map((text) => ({ level: 'warn' as const, text })),
    ],
    written: 0,
  }
}

// --- internal ---

async function companionsOf(fs: Fs, state: ScopeState, runTools: string[]): Promise<string[]> {
  let names: string[] = []
  try {
    names = (await fs.readdir(join(state.dir, 'manifests'))) as string[]
  } catch (error) {
    if (!isNotFound(error)) throw error
  }
  return [...new Set([...runTools, ...names])].sort()
}

/**
 * The tool's stamp if it is sealed for this user, scope and tool; undefined for any other text. The seal is checked over
 * the text as written (sealedPrefix): a large kit's stamps are megabytes, which were parsed whole and serialised again
 * to be checked. Read failures (no stamp) are the caller's.
 */
async function readStamp(fs: Fs, state: ScopeState, tool: string, scope: string): Promise<Stamp | undefined> {
  const compact = sealedPrefix(await fs.readFile(stampPath(state.dir, tool, scope), 'utf8'))
  if (!compact || !verifySeal(state.key, sealParts(state, tool, scope, compact.sealed), compact.mac))
    return undefined
  return JSON.parse(compact.sealed) as Stamp
}

function sealParts(state: ScopeState, tool: string, scope: string, body: string): string[] {
  return ['stamp', state.id, tool, scope, body]
}

async function statKey(fs: Fs, path: string): Promise<string | null> {
  try {
    const st = await fs.lstat(path, { bigint: true })
    return `${st.size}:${st.mtimeNs}:${st.ctimeNs}:${st.ino}:${st.mode}`
  } catch (error) {
    if (isNotFound(error)) return null
    throw error
  }
}

/** The paths the steps' `when` guards test, rendered as run-all renders them, and whether each exists. */
async function guardsOf(
  fs: Fs,
  pipeline: Pipeline,
  kit: Kit,
  base: { home: string; project: string },
): Promise<[string, boolean][]> {
  const lookup = runVariables(pipeline, kit, base)
  const out: [string, boolean][] = []
  for (const step of pipeline.steps) {
    for (const template of [step.when?.exists, step.when?.missing]) {
      if (template === undefined) continue
      const path = interpolate(template, lookup)
      out.push([path, (await statKey(fs, path)) !== null])
    }
  }
  return out
}

// Whether a tool is on this machine. A detect path that outfit itself created (installing into ~/.claude makes
// ~/.claude) proves nothing about the tool: it counts only once it holds something outfit did not put there, which is
// what the tool does when it runs (Claude Code adds projects/, history; Codex adds sessions/, auth.json). Outfit's
// manifests say what it created; a path that existed before outfit, or a command on PATH, counts as before.
import { delimiter, join } from 'node:path'
import { exists, type Fs } from '../fs/fs.js'
import { manifestNames, readManifest, type ManifestMemo } from '../state/manifest-file.js'
import { defaultStateHome, openScopeState, type ScopeState } from '../state/scope-state.js'
import { createdPaths, vouchingStamp, type VouchingStamp } from '../run/fast-path.js'
import type { LoadedTarget } from '../types.js'
import { interpolate, recordLookup } from '../vars/interpolate.js'

export interface DetectVars {
  home: string
  project: string
  /** outfit's state home (default: the one for `home`), where its manifests say what it created. */
  stateHome?: string
}

/** Whether the tool looks installed: a detect path it made (not only outfit), or a detect command on PATH. */
export async function detectTool(
  fs: Fs,
  target: LoadedTarget,
  vars: DetectVars,
  path = process.env.PATH ?? '',
  created?: ReadonlySet<string>,
): Promise<boolean> {
  const lookup = recordLookup({ home: vars.home, project: vars.project, 'target.id': target.spec.id })
  let outfits = created
  for (const template of target.spec.detect?.paths ?? []) {
    const p = interpolate(template, lookup)
    if (!(await exists(fs, p))) continue
    outfits ??= await createdByOutfit(fs, vars)
    if (!outfits.has(p) || (await holdsOthers(fs, p, outfits))) return true
  }
  for (const command of target.spec.detect?.commands ?? []) {
    for (const dir of path.split(delimiter).filter(Boolean)) {
      if (await exists(fs, join(dir, command))) return true
    }
  }
  return false
}

/**
 * Every path outfit created in the home and the project, by its manifests (folders it made, files and configs that
 * did not exist before it). Best effort: state outfit cannot read (damaged, another user's) adds nothing here; the
 * commands that change files report it.
 */
export async function createdByOutfit(
  fs: Fs,
  vars: DetectVars,
  memo?: ManifestMemo,
  stamps?: StampCache,
): Promise<Set<string>> {
  const out = new Set<string>()
  const stateHome = vars.stateHome ?? defaultStateHome(vars.home, process.env.XDG_STATE_HOME)
  for (const root of new Set([vars.home, vars.project])) {
    try {
      const state = await openScopeState(fs, stateHome, root, { create: false })
      if (!state) continue
      for (const [tool, scope] of await manifestNames(fs, state)) {
        // A stamp that vouches for the manifest lists what it created: the manifest (megabytes for a large kit) is
        // then not read, parsed and unsealed just to learn it.
        const stamp = await cachedStamp(fs, state, tool, scope, stamps)
        const created =
          stamp?.created ??
          createdPaths((await readManifest(fs, state, tool, scope, undefined, memo)) ?? EMPTY)
        for (const path of created) out.add(path)
      }
    } catch {
      continue
    }
  }
  return out
}

/** Stamps read in one command, by state folder, tool and scope (status and detection both ask). */
export type StampCache = Map<string, Promise<VouchingStamp | undefined>>

export function cachedStamp(
  fs: Fs,
  state: ScopeState,
  tool: string,
  scope: string,
  cache?: StampCache,
): Promise<VouchingStamp | undefined> {
  const key = `${state.dir}\0${tool}\0${scope}`
  const hit = cache?.get(key)
  if (hit) return hit
  const read = vouchingStamp(fs, state, tool, scope)
  cache?.set(key, read)
  return read
}

// --- internal ---

const EMPTY = { steps: [] } as unknown as Parameters<typeof createdPaths>[0]

/** A folder outfit created that now also holds something else: the tool has been at work in it. */
async function holdsOthers(fs: Fs, dir: string, created: ReadonlySet<string>): Promise<boolean> {
  const names = (await fs.readdir(dir).catch(() => [])) as string[]
  return names.some((name) => !created.has(join(dir, name)))
}

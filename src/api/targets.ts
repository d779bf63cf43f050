// Finding targets: the built-in ones plus any the user keeps in their own directories, and picking tools by name.
import { TargetInvalidError, UsageError } from '../errors.js'
import type { Fs } from '../fs/fs.js'
import { listTargetFiles, loadTargets, type LoadedTargets } from '../load/load-targets.js'
import { builtinTargetsDir } from '../package-root.js'
import { buildPipeline } from '../pipeline/build-pipeline.js'
import type { Diagnostic, LoadedTarget } from '../types.js'
import { closest } from '../did-you-mean.js'
export { createdByOutfit, detectTool, type DetectVars } from './detect.js'

export interface TargetSource {
  fs: Fs
  /** Extra directories of user targets (--targets, outfit.config.yaml). */
  targetDirs?: string[]
  /** Skip the built-in targets (tests). */
  builtin?: boolean
}

export async function discoverTargets(source: TargetSource): Promise<LoadedTargets> {
  const dirs = [...(source.builtin === false ? [] : [builtinTargetsDir]), ...(source.targetDirs ?? [])]
  // A folder the user named must exist: a typo would otherwise load nothing, silently.
  const missing = (
    await Promise.all(
      (source.targetDirs ?? []).map(async (d) =>
        (await isDirectory(source.fs, d)) ? [] : [missingFolder(d)],
      ),
    )
  ).flat()
  const files = (await Promise.all(dirs.map((d) => listTargetFiles(source.fs, d)))).flat()
  const loaded = await loadTargets(source.fs, files)
  return { ...loaded, diagnostics: [...missing, ...loaded.diagnostics] }
}

/** Loads targets and throws TargetInvalidError if any is broken: installing with a broken target is never safe. */
export async function requireTargets(source: TargetSource): Promise<LoadedTarget[]> {
  const loaded = await discoverTargets(source)
  if (loaded.diagnostics.length > 0) throw new TargetInvalidError(loaded.diagnostics)
  return loaded.targets
}

export function pickTargets(all: LoadedTarget[], names: string[]): LoadedTarget[] {
  const byId = new Map(all.map((t) => [t.spec.id, t]))
  const unknown = names.filter((n) => !byId.has(n))
  if (unknown.length > 0) {
    throw new UsageError(`unknown tool${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`, {
      hint: `known tools: ${[...byId.keys()].join(', ')}${suggest(unknown[0] ?? '', [...byId.keys()])}`,
    })
  }
  return [...new Set(names)].map((n) => byId.get(n) as LoadedTarget)
}

/** The folders a scope stands for across these tools (global: the home; project: the project), without duplicates. */
export function scopeRoots(
  targets: LoadedTarget[],
  scope: string,
  base: { home: string; project: string; sysroot?: string },
): string[] {
  const roots = targets
    .filter((t) => Object.hasOwn(t.spec.scopes, scope))
    .map((t) => buildPipeline(t.spec, scope, base).scope.root)
  return [...new Set(roots)]
}

// --- internal ---

async function isDirectory(fs: Fs, dir: string): Promise<boolean> {
  return fs.stat(dir).then(
    (st) => st.isDirectory(),
    () => false,
  )
}

function missingFolder(dir: string): Diagnostic {
  return {
    file: dir,
    line: 1,
    column: 1,
    pointer: '',
    message: 'targets folder not found (or not a folder)',
    severity: 'error',
  }
}

function suggest(name: string, known: string[]): string {
  const close = closest(name, known) ?? known.find((k) => k.startsWith(name.slice(0, 3)) || k.includes(name))
  return close ? ` (did you mean '${close}'?)` : ''
}

// A use case across a monorepo: the root as today, then each subproject's own kit into the nested places its tools
// read (the targets' `subproject` scope, with {{project}} standing for the subproject's folder). Each subproject is a
// run of its own — its own config, outfit.lock, lock, journal and scope state (keyed by its folder) — so uninstalling
// one leaves the others. Run from inside a subproject, a use case acts on that subproject alone unless asked for the
// whole repository; --subproject names one from anywhere.
import { relative, resolve } from 'node:path'
import { findConfig, unknownConfigTools } from '../config/load-config.js'
import { findMonorepo, type Monorepo, type Subproject } from '../config/subprojects.js'
import { didYouMean } from '../did-you-mean.js'
import { TargetInvalidError, UsageError } from '../errors.js'
import type { LoadedTarget, RunReport } from '../types.js'
import { requireTargets } from './targets.js'
import { targetDirs, type WorkspaceRequest } from './workspace.js'

/** The scope name a target declares for a subproject's nested places. */
export const SUBPROJECT_SCOPE = 'subproject'

export interface SubprojectChoice {
  /** Act on this subproject only (its folder, relative to the current one or to the root). */
  subproject?: string
  /** Run from inside a subproject: act on the whole repository (the root and every subproject) instead. */
  allSubprojects?: boolean
}

/** One subproject's part of a use case: its result, or why nothing was done there. */
export interface SubprojectOutcome<R> {
  /** The folder, relative to the root (apps/web). */
  path: string
  result?: R
  skipped?: string
}

/**
 * The root's result (or, acting on one subproject alone, that subproject's, named by `subproject`), then the other
 * subprojects' in order.
 */
export type WithSubprojects<R> = R & { subproject?: string; subprojects?: SubprojectOutcome<R>[] }

type Request = WorkspaceRequest &
  SubprojectChoice & { onStart?: (tools: LoadedTarget[]) => void } & {
    tools?: string[]
    all?: boolean
    detected?: boolean
    askTools?: unknown
    kit?: string
  }

export async function acrossSubprojects<Q extends Request, R>(
  request: Q,
  runOne: (request: Q) => Promise<R>,
): Promise<WithSubprojects<R>> {
  const found = await monorepoOf(request)
  if (!found) return (await runOne(request)) as WithSubprojects<R>
  const { mono, selected, includeRoot } = found
  const note = (text: string) => request.onNote?.({ text, about: 'tools' })
  for (const text of mono.notes) note(text)
  // Every subproject's config is checked before anything is installed anywhere.
  const dirs = [...mono.root.targets, ...targetDirs(request, undefined)]
  const all = await requireTargets({ fs: request.fs, targetDirs: dirs })
  const unknown = selected.flatMap((s) =>
    unknownConfigTools(
      s.config,
      all.map((t) => t.spec.id),
    ),
  )
  if (unknown.length > 0) throw new TargetInvalidError(unknown)
  // Tools a person picked for the root (asked in a terminal) are the ones meant for the subprojects too.
  let picked: string[] | undefined
  const root = includeRoot
    ? await runOne({
        ...request,
        config: mono.root.file,
        loadedTargets: { dirs, targets: all },
        onStart: (tools: LoadedTarget[]) => {
          picked = tools.map((t) => t.spec.id)
          request.onStart?.(tools)
        },
      })
    : undefined
  const outcomes: SubprojectOutcome<R>[] = []
  for (const sub of selected) {
    // Fail-fast, like the tools of one run: after an interrupt or a failed part, the rest is not started.
    const stopped = request.signal?.aborted
      ? 'not started: the run was interrupted'
      : [root, ...outcomes.map((o) => o.result)].some(failed)
        ? 'not started: an earlier part failed (fix it and run again)'
        : undefined
    if (stopped) {
      outcomes.push({ path: sub.path, skipped: stopped })
      continue
    }
    const tools = nestedTools(sub, all, request, mono, picked)
    if (typeof tools === 'string') {
      if (!includeRoot) throw new UsageError(`${sub.path}: ${tools}`)
      note(`note: ${sub.path}: ${tools}`)
      outcomes.push({ path: sub.path, skipped: tools })
      continue
    }
    // Between the root's tool blocks and this subproject's, as they stream.
    if (includeRoot) note(`── subproject ${sub.path} (its tools' nested places)`)
    for (const text of tools.notes) note(`note: ${sub.path}: ${text}`)
    // --kit names the root's kit when the root is part of the run, else the one subproject's.
    const { kit, subproject: _named, ...rest } = request
    const result = await runOne({
      ...rest,
      config: sub.config.file,
      project: sub.dir,
      scope: SUBPROJECT_SCOPE,
      targets: dirs,
      loadedTargets: { dirs, targets: all },
      // The root's block: a subproject's files are listed in a block of its own .gitignore (git reads every
      // folder's). .git/info/exclude is the repository's, whose block lists the root's files only. The root config
      // decides for the repository, so a subproject never asks the question the root's config answers.
      ...(mono.root.gitignore !== undefined
        ? { gitignore: mono.root.gitignore === 'block' ? ('block' as const) : ('none' as const) }
        : {}),
      // Without a gitignore: in either config, the answer to the question, asked and remembered once for the
      // repository at its root (run/git-ignore-choice.ts).
      gitRoot: mono.root.dir,
      all: tools.all,
      detected: false,
      askTools: undefined,
      ...(tools.ids ? { tools: tools.ids } : { tools: [] }),
      ...(!includeRoot && kit !== undefined ? { kit } : {}),
    } as Q)
    outcomes.push({ path: sub.path, result })
  }
  if (root !== undefined) return { ...root, subprojects: outcomes }
  const only = outcomes[0]
  if (!only?.result) throw new UsageError('no subproject to act on')
  return { ...only.result, subproject: only.path }
}

/**
 * The folders whose records a use case that reads or drops outfit's state (recover, forget) acts on, chosen as
 * install and uninstall choose them: the root's and every subproject's at the root (or with --all-subprojects), one
 * subproject's from inside it or with --subproject. Undefined outside a monorepo (or not in the project scope).
 */
export async function monorepoFolders(
  request: WorkspaceRequest & SubprojectChoice,
): Promise<{ root?: string; subprojects: { path: string; dir: string }[] } | undefined> {
  const found = await monorepoOf(request)
  if (!found) return undefined
  return {
    ...(found.includeRoot ? { root: found.mono.root.dir } : {}),
    subprojects: found.selected.map((s) => ({ path: s.path, dir: s.dir })),
  }
}

// --- internal ---

/** The monorepo around the request and which of its parts to act on; undefined outside one (or not in its scope). */
async function monorepoOf(
  request: WorkspaceRequest & SubprojectChoice,
): Promise<{ mono: Monorepo; selected: Subproject[]; includeRoot: boolean } | undefined> {
  const file =
    request.config !== undefined
      ? resolve(request.cwd, request.config)
      : await findConfig(request.fs, request.cwd)
  const mono =
    file === undefined || request.project !== undefined ? undefined : await findMonorepo(request.fs, file)
  const scope = request.scope ?? mono?.root.scope ?? 'project'
  if (request.subproject !== undefined && (!mono || scope !== 'project'))
    throw new UsageError(
      `--subproject '${request.subproject}': ${!mono ? 'no subprojects here' : 'only in the project scope'}`,
      {
        hint: mono
          ? `leave out --scope ${scope}`
          : 'list them in the root outfit.config.yaml (subprojects: [apps/*]) and give each its own outfit.config.yaml',
      },
    )
  if (!mono || scope !== 'project' || mono.subprojects.length === 0) return undefined
  if (request.subproject !== undefined) return { mono, selected: [named(mono, request)], includeRoot: false }
  if (mono.current && !request.allSubprojects) return { mono, selected: [mono.current], includeRoot: false }
  return { mono, selected: mono.subprojects, includeRoot: true }
}

/** A part whose run report says a tool failed or the run was cancelled (results without a report never fail). */
function failed(result: unknown): boolean {
  const report = (result as { report?: RunReport } | undefined)?.report
  return (
    report !== undefined &&
    (report.cancelled || report.results.some((r) => r.status === 'failed' || r.status === 'cancelled'))
  )
}

function named(mono: Monorepo, request: Request): Subproject {
  const wanted = request.subproject as string
  const dir = resolve(request.cwd, wanted)
  const found =
    mono.subprojects.find((s) => s.dir === dir) ??
    mono.subprojects.find((s) => s.path === wanted.replace(/\/+$/, ''))
  if (found) return found
  const paths = mono.subprojects.map((s) => s.path)
  throw new UsageError(`no subproject '${wanted}'${didYouMean(relative(mono.root.dir, dir), paths)}`, {
    hint: `the subprojects of ${mono.root.file}: ${paths.join(', ')}`,
  })
}

/**
 * The tools a subproject's kit goes to: its config's, else those named for the run, else the root config's, else the
 * ones a person picked for the root (else, with none of these, whatever chooseTools finds installed there). Only
 * tools whose target has a subproject scope; the others are said with their reason. A string: nothing to do, why.
 */
function nestedTools(
  sub: Subproject,
  all: LoadedTarget[],
  request: Request,
  mono: Monorepo,
  picked: string[] | undefined,
): { ids?: string[]; all: boolean; notes: string[] } | string {
  const nested = all.filter((t) => Object.hasOwn(t.spec.scopes, SUBPROJECT_SCOPE))
  if (request.all && sub.config.tools === undefined) return { all: true, notes: [] }
  const named =
    sub.config.tools ??
    (request.tools && request.tools.length > 0 ? request.tools : undefined) ??
    mono.root.tools ??
    picked
  if (named === undefined) return { all: false, notes: [] }
  const ids = named.filter((id) => nested.some((t) => t.spec.id === id))
  const flat = named.filter((id) => !ids.includes(id) && all.some((t) => t.spec.id === id))
  const notes = flat.map(
    (id) => `${id} reads no nested folders (its target has no subproject scope): not installed here`,
  )
  if (ids.length > 0) return { ids, all: false, notes }
  return `none of its tools (${named.join(', ')}) reads nested folders; the tools that do: ${nested.map((t) => t.spec.id).join(', ')}`
}

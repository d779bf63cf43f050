// `outfit plan` / `install --dry-run`: runs each tool's real install against a copy-on-write overlay and reports every
// file it would create, change or remove, with unified diffs. Nothing is written.
import {
  baseVars,
  installTools,
  provenUnchanged,
  scopeStates,
  stateHomeOf,
  type RunRequest,
} from '../run/run-tools.js'
import { buildPipeline } from '../pipeline/build-pipeline.js'
import { recover } from '../safety/guard-run.js'
import { isInside } from '../fs/contain.js'
import type { createTwoFilesPatch as CreatePatchFn } from 'diff'
import type { Dropped, Kit, ToolResult } from '../types.js'
import { OverlayFs } from './overlay-fs.js'
import { itemsFor } from '../transforms/targeting.js'

export interface PlannedChange {
  path: string
  kind: 'create' | 'change' | 'remove'
  /** Unified diff for text files. */
  diff?: string
}

export interface ToolPlan {
  tool: string
  name: string
  status: ToolResult['status']
  failure?: string
  dropped: Dropped[]
  changes: PlannedChange[]
  /** When the kit's items pick their tools: the items this tool gets, and those not for it. */
  items?: { gets: string[]; skips: string[] }
}

export async function plan(request: RunRequest & { kit: Kit }): Promise<ToolPlan[]> {
  const out: ToolPlan[] = []
  const stateHome = stateHomeOf(request)
  // Loaded here, not at startup: only plan needs it.
  const { createTwoFilesPatch } = await import('diff')
  // A run that was interrupted is rolled back before any install (guard-run.ts): do that first, in an overlay of its
  // own, so that no tool's plan shows the rollback as its own removals. The CLI says that a run was interrupted.
  const recovered = new OverlayFs(request.fs)
  const base = baseVars(request)
  const pipelines = request.targets
    .filter((t) => Object.hasOwn(t.spec.scopes, request.scope))
    .map((t) => buildPipeline(t.spec, request.scope, base))
  const states = await scopeStates({ ...request, fs: recovered.fs }, pipelines)
  await recover(recovered.fs, [...states.values()], request.safety ?? {})
  // A tool that install would skip as unchanged (its stamp vouches for the inputs and every installed path's stat) is
  // planned as unchanged without running its steps: the fast path's proof reads the real files' stats, which the
  // overlay does not have. Only when no interrupted run was rolled back first (that would change the tree).
  const unchanged =
    (await recovered.changes()).length === 0 ? await provenUnchanged(request) : new Map<string, ToolResult>()
  // One overlay per tool, so each tool's plan reads as if it were installed alone.
  for (const target of request.targets) {
    const skipped = unchanged.get(target.spec.id)
    const items = itemsFor(request.kit, target.spec.id)
    if (skipped) {
      out.push({
        tool: target.spec.id,
        name: target.spec.name,
        status: skipped.status,
        dropped: skipped.dropped ?? [],
        changes: [],
        ...(items ? { items } : {}),
      })
      continue
    }
    const overlay = new OverlayFs(recovered.fs)
    const { onToolDone: _done, ...quiet } = request
    const report = await installTools({ ...quiet, targets: [target], fs: overlay.fs })
    const result = report.results[0]
    const changes = (await overlay.changes())
      // outfit's own state (manifest, backups, journal, lock) is bookkeeping, not part of what the tool reads.
      .filter((c) => !isInside(stateHome, c.path))
      .map((c): PlannedChange => {
        const diff = textDiff(createTwoFilesPatch, c.path, c.before, c.after)
        return diff === undefined ? { path: c.path, kind: c.kind } : { path: c.path, kind: c.kind, diff }
      })
    out.push({
      tool: target.spec.id,
      name: target.spec.name,
      status: result?.status ?? 'failed',
      ...(result?.failure ? { failure: result.failure.error.message } : {}),
      dropped: result?.dropped ?? [],
      changes: result?.status === 'failed' ? [] : changes,
      ...(items ? { items } : {}),
    })
  }
  return out
}

// --- internal ---

const decoder = new TextDecoder('utf-8', { fatal: true })

function textDiff(
  createTwoFilesPatch: typeof CreatePatchFn,
  path: string,
  before?: Uint8Array,
  after?: Uint8Array,
): string | undefined {
  try {
    const a = before ? decoder.decode(before) : ''
    const b = after ? decoder.decode(after) : ''
    return createTwoFilesPatch(
      before ? path : '/dev/null',
      after ? path : '/dev/null',
      a,
      b,
      undefined,
      undefined,
      { context: 3 },
    )
      .split('\n')
      .slice(1) // the "Index:"/"====" header adds nothing here
      .filter((line) => !/^={10,}$/.test(line))
      .join('\n')
  } catch {
    return undefined
  }
}

// Uninstall of one tool and scope: replays the inverses recorded in its manifest, newest step first, then removes the
// manifest. Every inverse is idempotent, so an interrupted uninstall is finished by running it again.
import { getInverse } from '../actions/index.js'
import type { ActionContext } from '../actions/types.js'
import { CancelledError, StepFailedError, describeCause } from '../errors.js'
import { removeIfExists, writeAtomic } from '../fs/files.js'
import type { Pipeline } from '../pipeline/types.js'
import { backupsOf, collectGarbage } from '../state/collect-garbage.js'
import { manifestPath, serializeManifest, type ManifestFile } from '../state/manifest-file.js'
import { STATE_FILE_MODE } from '../state/scope-state.js'
import type { Kept, StepOutcome, ToolResult } from '../types.js'

export async function uninstallTool(pipeline: Pipeline, ctx: ActionContext): Promise<ToolResult> {
  const base = {
    tool: pipeline.tool.id,
    name: pipeline.tool.name,
    scope: pipeline.scope.name,
    rollbackErrors: [],
    log: ctx.log.entries,
  }
  const manifest = ctx.previous
  if (!manifest) {
    ctx.log.info(
      `nothing to uninstall: outfit has not installed anything for ${pipeline.tool.name} (${pipeline.scope.name})`,
    )
    return { ...base, status: 'skipped', steps: [], kept: [], written: 0 }
  }
  const kept: Kept[] = []
  const steps: StepOutcome[] = []
  let removed = 0
  for (const step of [...manifest.steps].reverse()) {
    if (ctx.signal.aborted) {
      return {
        ...base,
        status: 'cancelled',
        steps,
        kept,
        written: removed,
        failure: { step: step.step, error: new CancelledError(`cancelled before '${step.step}'`) },
      }
    }
    const inverse = getInverse(step.inverse)
    try {
      if (!inverse) throw new Error(`the manifest names an unknown inverse action '${step.inverse}'`)
      const result = await inverse.undo(step.changes, ctx, 'uninstall')
      kept.push(...result.kept)
      removed += step.changes.filter((c) => c.kind !== 'dir').length
      steps.push({ name: step.step, status: 'rolled-back', changes: step.changes.length })
      ctx.log.step(`${step.step}: removed`)
    } catch (error) {
      ctx.log.error(`${step.step}: ${describeCause(error)}`)
      steps.push({ name: step.step, status: 'failed', changes: 0 })
      return {
        ...base,
        status: 'failed',
        steps,
        kept,
        written: removed,
        failure: {
          step: step.step,
          error: new StepFailedError(pipeline.tool.name, step.step, 'rollback', error),
        },
      }
    }
  }
  for (const k of kept)
    ctx.log.warn(
      `kept ${k.path}: ${k.reason} (\`outfit uninstall ${pipeline.tool.id} --scope ${pipeline.scope.name} --force\` removes it)`,
    )
  const path = manifestPath(ctx.stateDir, pipeline.tool.id, pipeline.scope.name)
  await ctx.lock.with(ctx.stateDir, async () => {
    // What was kept stays on record, so that the hint above works when followed; everything else is forgotten.
    if (kept.length > 0)
      await writeAtomic(
        ctx.fs,
        path,
        await serializeManifest(ctx.fs, ctx.state, keptOnly(manifest, kept)),
        STATE_FILE_MODE,
      )
    else await removeIfExists(ctx.fs, path)
    await collectGarbage(ctx.fs, ctx.state, backupsOf(manifest))
  })
  return { ...base, status: 'uninstalled', steps, kept, written: removed }
}

// --- internal ---

/** The manifest reduced to the files (and shared files) that uninstall kept, plus the folders that hold them. */
function keptOnly(manifest: ManifestFile, kept: Kept[]): ManifestFile {
  const files = new Set(kept.map((k) => k.path.split(' › ')[0]))
  return {
    ...manifest,
    steps: manifest.steps
      .map((step) => ({
        ...step,
        changes: step.changes.filter((c) => c.kind === 'dir' || files.has(c.path)),
      }))
      .filter((step) => step.changes.some((c) => c.kind !== 'dir')),
  }
}

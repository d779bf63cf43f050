// manifest: the last step of every target. Records what this install owns (with what each path held before outfit),
// prunes what the previous kit version installed and this one no longer does, and writes nothing when nothing changed.
// Inverse: unmanifest.
import { dirname } from 'node:path'
import { hashOnly, readSnapshot, snapshotOf, writeAtomic, restoreSnapshot, decodeUtf8 } from '../fs/files.js'
import { deepEqual } from '../formats/deep-equal.js'
import { exists } from '../fs/fs.js'
import { ensureStateDir, STATE_FILE_MODE } from '../state/scope-state.js'
import {
  manifestPath,
  serializeManifest,
  MANIFEST_VERSION,
  type ManifestFile,
  type ManifestStep,
} from '../state/manifest-file.js'
import type { Change, OwnedKey, Snapshot } from '../types.js'
import { unblock } from './block.js'
import { jsonUnmerge, unmergeJson } from './json-unmerge.js'
import { tomlUnmerge } from './toml-merge.js'
import { yamlUnmerge } from './yaml-unmerge.js'
import { undoFileChange } from './undo-files.js'
import type { Action, ActionContext, InverseAction } from './types.js'

export const manifest: Action = {
  name: 'manifest',
  description:
    'Record what was installed, and remove what a previous version installed that this one does not.',
  inverse: 'unmanifest',
  async run(_params, ctx) {
    const steps = ctx.completed.map((s) => ({ ...s, changes: [...s.changes] }))
    const pruned = await prune(
      ctx,
      steps.flatMap((s) => s.changes),
    )
    // A new kit version is a change even when no file differs: the manifest (and status) must say which is installed.
    const bumped =
      ctx.previous !== null &&
      (ctx.previous.kit.version !== ctx.kit.version || ctx.previous.kit.name !== ctx.kit.name)
    const changed = bumped || pruned > 0 || steps.some((s) => s.changes.some(isRealChange))
    carryOwnership(ctx, steps)
    const path = manifestPath(ctx.stateDir, ctx.tool.id, ctx.scope.name)
    if (!changed && ctx.previous) {
      ctx.run.manifests.set(path, ctx.previous)
      return
    }
    const next: ManifestFile = {
      version: MANIFEST_VERSION,
      tool: ctx.tool.id,
      scope: ctx.scope.name,
      kit: { name: ctx.kit.name, version: ctx.kit.version },
      installedAt: new Date().toISOString(),
      steps,
    }
    const text = await serializeManifest(ctx.fs, ctx.state, next)
    await ctx.lock.with(path, async () => {
      const before = await readSnapshot(ctx.fs, path)
      if (!(await exists(ctx.fs, dirname(path)))) {
        await ensureStateDir(ctx.fs, dirname(path))
        ctx.record({ kind: 'dir', path: dirname(path) })
      }
      const written = snapshotOf(text)
      await writeAtomic(ctx.fs, path, written.data ?? text, STATE_FILE_MODE)
      ctx.record({ kind: 'file', path, before, after: hashOnly(written) })
    })
    ctx.run.manifests.set(path, next)
  },
}

export const unmanifest: InverseAction = {
  name: 'unmanifest',
  description: 'Put back the previous manifest and anything pruned.',
  async undo(changes, ctx, how) {
    const kept = []
    for (const change of [...changes].reverse()) {
      if (change.kind === 'edit') {
        // A pruned JSON key: put the file back as it was before the prune.
        await ctx.lock.with(change.path, () => restoreSnapshot(ctx.fs, change.path, change.before))
        continue
      }
      kept.push(...(await undoFileChange(change, ctx, how === 'uninstall' ? 'rollback' : how)))
    }
    return { kept }
  },
}

export function isRealChange(change: Change): boolean {
  if (change.kind === 'dir') return true
  if (change.kind === 'link') return change.before === null || change.before.mode !== -1
  return change.before?.hash !== change.after?.hash
}

// --- internal ---

/**
 * The inverses of the shared-file edits that a prune takes out semantically (JSON edits are unmerged directly): named
 * here rather than looked up in the action registry, which itself lists this module's actions.
 */
const EDIT_INVERSES: Record<string, InverseAction> = {
  unblock,
  'json-unmerge': jsonUnmerge,
  'toml-unmerge': tomlUnmerge,
  'yaml-unmerge': yamlUnmerge,
}

/**
 * A re-install does not re-create directories or JSON containers that already exist, yet they are still outfit's:
 * carry the previous install's claims forward so that uninstall can remove them once empty.
 */
function carryOwnership(ctx: ActionContext, steps: { step: string; changes: Change[] }[]): void {
  for (const prevStep of ctx.previous?.steps ?? []) {
    const step = steps.find((s) => s.step === prevStep.step)
    if (!step) continue
    // Outermost first, ahead of the step's files, so that undo (newest first) empties a directory before removing it.
    const dirs = prevStep.changes.filter(
      (old) => old.kind === 'dir' && !step.changes.some((c) => c.kind === 'dir' && c.path === old.path),
    )
    step.changes.unshift(...dirs)
    for (const old of prevStep.changes) {
      if (old.kind !== 'edit') continue
      const fresh = step.changes.find(
        (c): c is Extract<Change, { kind: 'edit' }> => c.kind === 'edit' && c.path === old.path,
      )
      if (!fresh) continue
      const missing = old.owned.filter(
        (k) => k.container && !fresh.owned.some((n) => n.container && deepEqual(n.path, k.path)),
      )
      if (missing.length > 0)
        step.changes[step.changes.indexOf(fresh)] = { ...fresh, owned: [...missing, ...fresh.owned] }
    }
  }
}

/** What the previous install owned and this one does not: files are removed (unless changed), JSON keys unmerged. */
async function prune(ctx: ActionContext, current: Change[]): Promise<number> {
  if (!ctx.previous) return 0
  let count = 0
  const nowOwned = new Set(current.filter((c) => c.kind === 'file' || c.kind === 'link').map((c) => c.path))
  const previous = ctx.previous.steps.flatMap((s) => s.changes)
  // Tools installing the same kit in this run drop the same content: their older manifests' claims on it do not keep
  // it (each kept it for the other, and a skill left a shared .agents/skills folder behind).
  const inRun = new Set(ctx.run.tools)
  const pruning: ActionContext = {
    ...ctx,
    others: async () => (await ctx.others()).filter((m) => !inRun.has(m.tool)),
  }
  const running = new Set(ctx.completed.map((s) => s.step))
  // A JSON edit of a step that no longer runs is undone whole below, containers and a file outfit created included.
  const dropped = new Set(ctx.previous.steps.filter((s) => !running.has(s.step)).flatMap((s) => s.changes))
  for (const old of previous) {
    if ((old.kind === 'file' || old.kind === 'link') && !nowOwned.has(old.path)) {
      const before = await readSnapshot(ctx.fs, old.path)
      const kept = await undoFileChange(old, pruning, 'uninstall')
      for (const k of kept) ctx.log.warn(`kept ${k.path}: ${k.reason} (no longer part of the kit)`)
      if (kept.length === 0 && before) {
        ctx.record({ kind: 'file', path: old.path, before, after: await readSnapshot(ctx.fs, old.path) })
        count++
      }
      if (kept.length === 0) ctx.log.info(`removed ${old.path} (no longer part of the kit)`)
    }
    if (old.kind === 'edit' && old.format === 'json' && !dropped.has(old)) {
      // Several steps may edit one file (Gemini's settings.json holds MCP servers and hooks): compare with all of them.
      const freshOwned = current.flatMap((c) => (c.kind === 'edit' && c.path === old.path ? c.owned : []))
      const stale = old.owned.filter(
        (k: OwnedKey) =>
          !k.container &&
          !freshOwned.some(
            (n) =>
              deepEqual(n.path, k.path) &&
              !!n.append === !!k.append &&
              (!k.append || deepEqual(n.value, k.value)),
          ),
      )
      if (stale.length === 0) continue
      await ctx.lock.with(old.path, async () => {
        const before = await readSnapshot(ctx.fs, old.path)
        if (!before?.data) return
        const result = unmergeJson(old.path, decodeUtf8(before.data, old.path), stale, () => false, ctx.force)
        if (result.text === decodeUtf8(before.data, old.path)) return
        await writeAtomic(ctx.fs, old.path, result.text, before.mode)
        ctx.record({
          kind: 'edit',
          format: 'json',
          path: old.path,
          before,
          after: snapshotOf(result.text),
          owned: [],
        })
        count++
      })
    }
  }
  count += await pruneStaleEdits(
    pruning,
    ctx.previous.steps.filter((s) => !running.has(s.step)),
  )
  // Directories created by steps that no longer run (the kit dropped that kind of content) go too, once empty.
  const orphanDirs = ctx.previous.steps
    .filter((s) => !running.has(s.step))
    .flatMap((s) => s.changes.filter((c) => c.kind === 'dir'))
  for (const dir of orphanDirs.reverse()) await undoFileChange(dir, ctx, 'uninstall')
  return count
}

/**
 * Entries a step that no longer runs left in shared JSON, TOML, YAML or Markdown files (the kit dropped all its MCP
 * servers, so the MCP step is skipped): that step's own inverse takes them out, with the containers it created and a
 * file it created that is left empty — a kit without MCP servers leaves no `{ "mcpServers": {} }` behind. Each file's
 * prior bytes are recorded, so a rollback of this step puts them back.
 */
async function pruneStaleEdits(ctx: ActionContext, steps: ManifestStep[]): Promise<number> {
  let count = 0
  for (const step of steps) {
    const edits = step.changes.filter(
      (c): c is Extract<Change, { kind: 'edit' }> => c.kind === 'edit' && c.owned.length > 0,
    )
    const inverse = Object.hasOwn(EDIT_INVERSES, step.inverse) ? EDIT_INVERSES[step.inverse] : undefined
    if (edits.length === 0 || !inverse) continue
    const before = new Map<string, Snapshot | null>()
    for (const edit of edits) before.set(edit.path, await readSnapshot(ctx.fs, edit.path))
    const { kept } = await inverse.undo(edits, ctx, 'uninstall')
    for (const k of kept) ctx.log.warn(`kept ${k.path}: ${k.reason} (no longer part of the kit)`)
    for (const edit of edits) {
      const was = before.get(edit.path) ?? null
      const now = await readSnapshot(ctx.fs, edit.path)
      if ((was?.hash ?? null) === (now?.hash ?? null)) continue
      ctx.record({ kind: 'edit', format: edit.format, path: edit.path, before: was, after: now, owned: [] })
      ctx.log.info(`removed the kit's entries from ${edit.path} (no longer part of the kit)`)
      count++
    }
  }
  return count
}

// The steps install, update and plan share before anything is written: where (config, scope, folders), which tools,
// and the kits fetched (or taken from the cache) under the lock policy, loaded and checked.
import type { PreparedKits } from './kits.js'
import { checkScopes, type RunRequest } from '../run/run-tools.js'
import type { Diagnostic, LoadedTarget, RunReport } from '../types.js'
import { chooseTools, type ToolChoice } from './choose-tools.js'
import { checkKitSources, kitSources, prepare, type KitChoice } from './kit-sources.js'
import { openWorkspace, type Workspace, type WorkspaceRequest } from './workspace.js'

/** What a run tells as it goes: the tools chosen, each step, each tool's result as soon as it is final. */
export interface RunEvents {
  /** The tools are chosen and are about to run, in this order. */
  onStart?: (tools: LoadedTarget[]) => void
  onStep?: RunRequest['onStep']
  onToolDone?: RunRequest['onToolDone']
}

/** Everything a run of a kit needs: where, which tools, which kit, and how it may ask. */
export interface KitRunRequest extends WorkspaceRequest, ToolChoice, KitChoice {
  /** Replace files and entries the user changed or that outfit did not write (they are backed up). */
  force?: boolean
  /** What loading the kits skipped and says so (links, pipes inside a kit), before anything else happens. */
  onKitWarnings?: (warnings: Diagnostic[]) => void
}

/** Every tool installed (or was already up to date): what must hold before outfit.lock is written. */
export function succeeded(report: RunReport): boolean {
  return !report.cancelled && report.results.every((r) => r.status !== 'failed' && r.status !== 'cancelled')
}

export async function prepareRun(
  request: KitRunRequest,
  how: {
    mode: 'install' | 'frozen' | 'update'
    verb: string
    remember: boolean
    /** Run the content audit with the checks (what install and update then trust by). */
    audit?: boolean
    only?: string[]
  },
): Promise<{ ctx: Workspace; targets: LoadedTarget[]; kits: PreparedKits }> {
  const ctx = await openWorkspace(request)
  const targets = await chooseTools(ctx, request, how.verb)
  checkScopes({ targets, scope: ctx.scope })
  const sources = await kitSources(ctx, request)
  // A local kit folder without kit.yaml gets its own error (KIT_NOT_FOUND) and a hint, before anything is fetched.
  await checkKitSources(ctx, sources)
  const kits = await prepare(ctx, sources, {
    ...request,
    mode: how.mode,
    remember: how.remember,
    ...(how.audit ? { audit: true } : {}),
    ...(how.only ? { only: how.only } : {}),
  })
  if (kits.warnings.length > 0) request.onKitWarnings?.(kits.warnings)
  return { ctx, targets, kits }
}

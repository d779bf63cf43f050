// `uninstall`: remove exactly what outfit installed into the chosen tools, from their manifests alone (no kit).
import { uninstallTools } from '../run/run-tools.js'
import type { RunReport } from '../types.js'
import { chooseTools, type ToolChoice } from './choose-tools.js'
import type { RunEvents } from './prepare-run.js'
import { acrossSubprojects, type SubprojectChoice, type WithSubprojects } from './subprojects.js'
import { openWorkspace, type WorkspaceRequest } from './workspace.js'

export interface UninstallRequest
  extends WorkspaceRequest, Omit<ToolChoice, 'detected'>, RunEvents, SubprojectChoice {
  /** Also remove files the user changed since outfit installed them. */
  force?: boolean
}

export interface UninstallResult {
  scope: string
  report: RunReport
}

export async function uninstall(request: UninstallRequest): Promise<WithSubprojects<UninstallResult>> {
  return acrossSubprojects(request, uninstallOne)
}

// --- internal ---

async function uninstallOne(request: UninstallRequest): Promise<UninstallResult> {
  const ctx = await openWorkspace(request)
  const targets = await chooseTools(ctx, request, 'Uninstall from')
  request.onStart?.(targets)
  const report = await uninstallTools({
    ...ctx,
    targets,
    force: request.force ?? false,
    ...(request.onStep ? { onStep: request.onStep } : {}),
    ...(request.onToolDone ? { onToolDone: request.onToolDone } : {}),
  })
  return { scope: ctx.scope, report }
}

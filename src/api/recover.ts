// `recover`: roll back what an interrupted run (crash, kill) left half-done, in the home and the project.
import { recover as recoverStates } from '../safety/guard-run.js'
import type { Recovered } from '../safety/journal.js'
import { openScopeState } from '../state/scope-state.js'
import { openWorkspace, type WorkspaceRequest } from './workspace.js'

export async function recover(request: WorkspaceRequest): Promise<{ recovered: Recovered[] }> {
  const ctx = await openWorkspace(request)
  const states = await Promise.all(
    [ctx.home, ctx.project].map((root) => openScopeState(ctx.fs, ctx.stateHome, root, { create: false })),
  )
  return {
    recovered: await recoverStates(
      ctx.fs,
      states.filter((s) => s !== null),
    ),
  }
}

// `recover`: roll back what an interrupted run (crash, kill) left half-done, in the home and the project — and in a
// monorepo, in each subproject install and uninstall would act on (each keeps its own journal: subprojects.ts).
import { recover as recoverStates } from '../safety/guard-run.js'
import type { Recovered } from '../safety/journal.js'
import { openScopeState } from '../state/scope-state.js'
import { monorepoFolders, type SubprojectChoice } from './subprojects.js'
import { openWorkspace, type WorkspaceRequest } from './workspace.js'

export interface RecoverRequest extends WorkspaceRequest, SubprojectChoice {}

export async function recover(request: RecoverRequest): Promise<{ recovered: Recovered[] }> {
  const ctx = await openWorkspace(request)
  const mono = await monorepoFolders(request)
  const folders = mono
    ? [...(mono.root !== undefined ? [mono.root] : []), ...mono.subprojects.map((s) => s.dir)]
    : [ctx.project]
  const states = await Promise.all(
    [...new Set([ctx.home, ...folders])].map((root) =>
      openScopeState(ctx.fs, ctx.stateHome, root, { create: false }),
    ),
  )
  return {
    recovered: await recoverStates(
      ctx.fs,
      states.filter((s) => s !== null),
    ),
  }
}

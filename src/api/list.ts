// `list`: the known tools (built-in and the user's own targets), their scopes, and whether each is on this machine.
import type { TargetSpec } from '../types.js'
import { createdByOutfit, detectTool } from './detect.js'
import { openWorkspace, type WorkspaceRequest } from './workspace.js'

export interface ListedTool {
  id: string
  name: string
  scopes: string[]
  detected: boolean
  /** The target file it was loaded from. */
  file: string
  endOfLife?: NonNullable<TargetSpec['endOfLife']>
}

export async function list(request: WorkspaceRequest): Promise<{ tools: ListedTool[] }> {
  const ctx = await openWorkspace(request)
  const created = await createdByOutfit(ctx.fs, ctx)
  const tools = await Promise.all(
    ctx.all.map(async (t): Promise<ListedTool> => ({
      id: t.spec.id,
      name: t.spec.name,
      scopes: Object.keys(t.spec.scopes),
      detected: await detectTool(ctx.fs, t, ctx, ctx.env.PATH ?? '', created),
      file: t.file,
      ...(t.spec.endOfLife ? { endOfLife: t.spec.endOfLife } : {}),
    })),
  )
  return { tools }
}

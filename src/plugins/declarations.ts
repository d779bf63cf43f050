// The built-in targets' own steps, read as declarations of each vendor's plugin format: the Claude Code target's
// plugin scope writes exactly a Claude plugin's commands/, agents/, .mcp.json and hooks/hooks.json; the Gemini CLI
// target's steps write the TOML commands, agents, hooks and server entries an extension holds; the Cursor target's the
// .mdc rules and ${env:VAR} references. Reading a plugin runs those declarations backwards, so there is no second copy
// of any format here. The targets are outfit's own package files, read from the package, never from the user.
import { join } from 'node:path'
import { InternalError } from '../errors.js'
import { realFs } from '../fs/fs.js'
import type { Entries, Transform } from '../generated/target.js'
import { loadTarget } from '../load/load-target.js'
import { builtinTargetsDir } from '../package-root.js'
import type { StepSpec } from '../types.js'

/** A copy step's declaration: which kit files, renamed how, transformed how. */
export interface CopyDeclaration {
  from: string
  rename?: string | null
  transform: Transform[]
}

const loaded = new Map<string, Promise<StepSpec[]>>()

/** One step of a built-in target, by its name (as `outfit targets show` lists them). */
export async function declaredStep(target: string, step: string): Promise<StepSpec> {
  let steps = loaded.get(target)
  if (!steps) {
    steps = loadSteps(target)
    loaded.set(target, steps)
  }
  const found = (await steps).find((s) => s.name === step)
  if (!found) throw new InternalError(`the built-in target '${target}' has no step '${step}'`)
  return found
}

export async function copyDeclaration(target: string, step: string): Promise<CopyDeclaration> {
  const params = withParams(await declaredStep(target, step))
  return {
    from: String(params.from ?? ''),
    ...(params.rename !== undefined ? { rename: params.rename as string | null } : {}),
    transform: (params.transform ?? []) as Transform[],
  }
}

export async function entriesDeclaration(target: string, step: string): Promise<Entries> {
  const entries = withParams(await declaredStep(target, step)).entries
  if (!entries) throw new InternalError(`step '${step}' of '${target}' declares no entries`)
  return entries as Entries
}

// --- internal ---

async function loadSteps(target: string): Promise<StepSpec[]> {
  const result = await loadTarget(realFs, join(builtinTargetsDir, `${target}.yaml`))
  if (!result.ok) throw new InternalError(`the built-in target '${target}' does not load`)
  return result.value.spec.steps
}

function withParams(step: StepSpec): Record<string, unknown> {
  return ('with' in step.run ? (step.run.with ?? {}) : {}) as Record<string, unknown>
}

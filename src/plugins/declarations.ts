// The built-in targets' own steps, read as declarations of each vendor's plugin format: the Claude Code target's
// plugin scope writes exactly a Claude plugin's commands/, agents/, .mcp.json and hooks/hooks.json; the Gemini CLI
// target's steps write the TOML commands, agents, hooks and server entries an extension holds; the Cursor target's the
// .mdc rules and ${env:VAR} references. Which step reads which part of which format is data
// (plugin-formats/formats.yaml): the code names formats, never a tool. Reading a plugin runs those declarations
// backwards, so there is no second copy of any format here. Targets and formats are outfit's own package files.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { InternalError } from '../errors.js'
import { realFs } from '../fs/fs.js'
import type { Entries, Transform } from '../generated/target.js'
import { loadTarget } from '../load/load-target.js'
import { builtinTargetsDir, packageRoot } from '../package-root.js'
import type { StepSpec } from '../types.js'
import type { PluginFormat } from './draft.js'

/** A copy step's declaration: which kit files, renamed how, transformed how. */
export interface CopyDeclaration {
  from: string
  rename?: string | null
  transform: Transform[]
}

/** A part of a plugin that a target step reads back. */
export type Part = 'commands' | 'agents' | 'rules' | 'servers' | 'hooks'

interface FormatInfo {
  name: string
  target?: string
  steps?: Partial<Record<Part, string>>
  /** The server entries of a format no target writes (the Agent Plugin's mcp.json), in a target's `entries` form. */
  servers?: Entries
}

let formats: Record<string, FormatInfo> | undefined

/** How a format is named to people. */
export function formatName(format: PluginFormat): string {
  return formatInfo(format).name
}

export async function copyDeclaration(format: PluginFormat, part: Part): Promise<CopyDeclaration> {
  const params = withParams(await partStep(format, part))
  return {
    from: String(params.from ?? ''),
    ...(params.rename !== undefined ? { rename: params.rename as string | null } : {}),
    transform: (params.transform ?? []) as Transform[],
  }
}

export async function entriesDeclaration(format: PluginFormat, part: Part): Promise<Entries> {
  const own = formatInfo(format).servers
  if (part === 'servers' && own) return own
  const entries = withParams(await partStep(format, part)).entries
  if (!entries) throw new InternalError(`the step that reads ${part} of a ${format} declares no entries`)
  return entries as Entries
}

// --- internal ---

const loaded = new Map<string, Promise<StepSpec[]>>()

function formatInfo(format: PluginFormat): FormatInfo {
  formats ??= parse(readFileSync(join(packageRoot, 'plugin-formats', 'formats.yaml'), 'utf8')) as Record<
    string,
    FormatInfo
  >
  const info = formats[format]
  if (!info || typeof info.name !== 'string')
    throw new InternalError(`plugin-formats/formats.yaml has no ${format}`)
  return info
}

async function partStep(format: PluginFormat, part: Part): Promise<StepSpec> {
  const info = formatInfo(format)
  const step = info.steps?.[part]
  if (!info.target || !step)
    throw new InternalError(`plugin-formats/formats.yaml names no step for ${part} of ${format}`)
  return declaredStep(info.target, step)
}

/** One step of a built-in target, by its name (as `outfit targets show` lists them). */
async function declaredStep(target: string, step: string): Promise<StepSpec> {
  let steps = loaded.get(target)
  if (!steps) {
    steps = loadSteps(target)
    loaded.set(target, steps)
  }
  const found = (await steps).find((s) => s.name === step)
  if (!found) throw new InternalError(`the built-in target '${target}' has no step '${step}'`)
  return found
}

async function loadSteps(target: string): Promise<StepSpec[]> {
  const result = await loadTarget(realFs, join(builtinTargetsDir, `${target}.yaml`))
  if (!result.ok) throw new InternalError(`the built-in target '${target}' does not load`)
  return result.value.spec.steps
}

function withParams(step: StepSpec): Record<string, unknown> {
  return ('with' in step.run ? (step.run.with ?? {}) : {}) as Record<string, unknown>
}

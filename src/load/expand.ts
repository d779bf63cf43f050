// Layer 2½: the target as written → the pipeline the engine runs. The conventions an author leaves out are filled in
// here, so every later layer (rules, build, run) sees full steps only:
//  - a `- preset: <name>` step becomes the preset's step (presets/<name>.yaml) with the target's parameters;
//  - the manifest step, which every target needs last, is appended when the target does not write one.
// Each preset step remembers where its parameters sat in the target, so that a problem found later in the expanded
// step is reported at the parameter's line (see `sourcePointer`).
import { didYouMean } from '../did-you-mean.js'
import type { PresetUse, StepSpec, TargetSource, TargetSpec } from '../types.js'
import { builtinPresets, type Preset, type Presets } from './presets.js'

/** The step every pipeline ends with: it records what was installed, for uninstall. */
const MANIFEST_STEP: StepSpec = { name: 'manifest', run: { action: 'manifest' } }

/** Keys of a preset use that are not parameters: they override the preset's own. */
const STEP_KEYS = new Set(['preset', 'name', 'description', 'when'])

/** A problem found while expanding, at a place in the target as written (at its key, with `key`). */
export interface ExpandProblem {
  segments: (string | number)[]
  key?: string
  message: string
}

/** For a step that came from a preset: which parameter of the target put a value where in the expanded step. */
export interface PresetOrigin {
  preset: string
  /** JSON pointer inside the expanded step → the parameter's name. */
  places: { pointer: string; param: string }[]
}

export interface Expanded {
  spec: TargetSpec
  problems: ExpandProblem[]
  /** By step index: the preset it came from. */
  origins: Map<number, PresetOrigin>
}

export function expandTarget(source: TargetSource, presets: Presets = builtinPresets()): Expanded {
  const problems: ExpandProblem[] = []
  const origins = new Map<number, PresetOrigin>()
  const steps = source.steps.map((step, i): StepSpec => {
    if (!isPresetUse(step)) return step
    const preset = presets.byName.get(step.preset)
    if (!preset) {
      problems.push(unknownPreset(step.preset, i, presets))
      return { name: step.name ?? step.preset, run: { action: 'manifest' } } // placeholder; the target is refused
    }
    const { step: expanded, places } = expandUse(step, preset, i, problems)
    origins.set(i, { preset: preset.name, places })
    return expanded
  })
  // An explicit manifest step stays legal (targets written before it was implicit); the rules check it is last.
  if (!steps.some((step) => step.run.action === 'manifest')) steps.push(MANIFEST_STEP)
  return { spec: { ...source, steps }, problems, origins }
}

/** Where in the target as written a pointer into the expanded target is: a preset step's parameter, else its use. */
export function sourcePointer(
  expanded: Expanded,
  pointer: string,
  existsInSource: (pointer: string) => boolean,
): string {
  const match = /^\/steps\/(\d+)(\/.*)?$/.exec(pointer)
  const origin = match ? expanded.origins.get(Number(match[1])) : undefined
  if (!match || !origin || existsInSource(pointer)) return pointer
  const inner = match[2] ?? ''
  const place = origin.places
    .filter((p) => inner === p.pointer || inner.startsWith(`${p.pointer}/`))
    .sort((a, b) => b.pointer.length - a.pointer.length)[0]
  return `/steps/${match[1]}/${place ? escape(place.param) : 'preset'}`
}

// --- internal ---

function isPresetUse(step: StepSpec | PresetUse): step is PresetUse {
  return typeof (step as { preset?: unknown }).preset === 'string'
}

function unknownPreset(name: string, i: number, presets: Presets): ExpandProblem {
  const broken = presets.broken.get(name)
  if (broken) {
    const first = broken[0]
    const where = first ? ` (${first.file}:${first.line}:${first.column}: ${first.message})` : ''
    return { segments: ['steps', i, 'preset'], message: `preset '${name}' is broken${where}` }
  }
  const known = [...presets.byName.keys()]
  return {
    segments: ['steps', i, 'preset'],
    message: `unknown preset '${name}'${didYouMean(name, known)} (presets: ${known.join(', ')})`,
  }
}

function expandUse(
  use: PresetUse,
  preset: Preset,
  i: number,
  problems: ExpandProblem[],
): { step: StepSpec; places: PresetOrigin['places'] } {
  const given = Object.fromEntries(Object.entries(use).filter(([key]) => !STEP_KEYS.has(key)))
  const names = Object.keys(preset.params)
  for (const key of Object.keys(given)) {
    if (!Object.hasOwn(preset.params, key))
      problems.push({
        segments: ['steps', i, key],
        key,
        message: `unknown parameter '${key}' of preset '${preset.name}'${didYouMean(key, names)} (it takes: ${names.join(', ') || 'none'})`,
      })
  }
  for (const [name, param] of Object.entries(preset.params)) {
    if (param.required && (given[name] === undefined || given[name] === null))
      problems.push({
        segments: ['steps', i, 'preset'],
        message: `preset '${preset.name}' needs '${name}': ${param.description}`,
      })
  }
  const places: PresetOrigin['places'] = []
  const fill = (node: unknown, path: string): unknown => {
    const param = paramName(node)
    if (param !== undefined) {
      if (Object.hasOwn(given, param)) {
        if (given[param] === null) return undefined
        places.push({ pointer: path, param })
        return structuredClone(given[param])
      }
      const fallback = preset.params[param]?.default
      return fallback === undefined ? undefined : fill(fallback, path)
    }
    if (Array.isArray(node)) {
      const out: unknown[] = []
      for (const item of node) {
        const value = fill(item, `${path}/${out.length}`)
        if (value !== undefined) out.push(value)
      }
      return node.length > 0 && out.length === 0 ? undefined : out
    }
    if (node !== null && typeof node === 'object') {
      const out: Record<string, unknown> = {}
      for (const [key, item] of Object.entries(node)) {
        const value = fill(item, `${path}/${escape(key)}`)
        if (value !== undefined) out[key] = value
      }
      return Object.keys(node).length > 0 && Object.keys(out).length === 0 ? undefined : out
    }
    return node
  }
  const step = (fill(preset.step, '') ?? {}) as StepSpec
  if (use.name !== undefined) step.name = use.name
  if (use.description !== undefined) step.description = use.description
  // The target's conditions add to the preset's (`when: { scope: project }` beside the preset's `kit`).
  if (use.when !== undefined) step.when = { ...step.when, ...use.when }
  return { step, places }
}

/** `{ $param: name }` → name. */
function paramName(node: unknown): string | undefined {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined
  const keys = Object.keys(node)
  const name = (node as { $param?: unknown }).$param
  return keys.length === 1 && typeof name === 'string' ? name : undefined
}

function escape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1')
}

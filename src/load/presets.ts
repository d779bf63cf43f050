// The step presets shipped in presets/<name>.yaml: named, parameterised steps that targets use with `- preset: name`.
// They are package data like the schemas, read once with the platform's fs (not the injected one, which holds the
// user's files) and checked against schemas/preset.schema.json; a broken one is reported where a target uses it.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { builtinPresetsDir } from '../package-root.js'
import { validateShape } from '../schema/validate-shape.js'
import type { Diagnostic } from '../types.js'
import { parseYaml } from './read-yaml.js'

export interface PresetParam {
  description: string
  required?: boolean
  default?: unknown
}

export interface Preset {
  name: string
  file: string
  description: string
  params: Record<string, PresetParam>
  /** The step, with `{ $param: name }` where a parameter goes. */
  step: Record<string, unknown>
}

export interface Presets {
  byName: Map<string, Preset>
  /** Problems of the preset files themselves, by preset name. */
  broken: Map<string, Diagnostic[]>
}

let cached: Presets | undefined

/** Every built-in preset (read on first use). */
export function builtinPresets(): Presets {
  cached ??= readPresets(builtinPresetsDir)
  return cached
}

export function readPresets(dir: string): Presets {
  const out: Presets = { byName: new Map(), broken: new Map() }
  let names: string[]
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.yaml'))
  } catch {
    return out // a package without presets/: every `preset:` is then reported as unknown
  }
  for (const name of names.map((n) => n.slice(0, -'.yaml'.length)).sort()) {
    const fileName = `${name}.yaml`
    const file = join(dir, fileName)
    const result = parseYaml(file, readFileSync(file, 'utf8'))
    const problems = result.ok ? validateShape('preset.schema.json', result.parsed) : result.diagnostics
    if (!result.ok || problems.length > 0) {
      out.broken.set(name, problems)
      continue
    }
    const data = result.parsed.data as Omit<Preset, 'name' | 'file' | 'params'> & {
      params?: Record<string, PresetParam>
    }
    out.byName.set(name, {
      name,
      file,
      description: data.description,
      params: data.params ?? {},
      step: data.step,
    })
  }
  return out
}

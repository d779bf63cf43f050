// The folders and files a target can write to in one scope: its scope folder, its scope variables, and the
// destinations its steps name. Paths read back from outfit's state must lie inside one of them, so that even a
// manifest outfit itself signed cannot steer a tool's uninstall into another tool's (or the user's) files.
import { dirname, resolve } from 'node:path'
import type { TargetSpec } from '../types.js'
import { appliesIn } from './conditions.js'
import { findVariables, interpolate, type Lookup } from '../vars/interpolate.js'

/** Parameters of the built-in actions that name a destination. */
const DESTINATIONS = ['file', 'to', 'path', 'dir', 'link'] as const

export function declaredAreas(
  spec: TargetSpec,
  scopeName: string,
  scope: { dir: string; vars: Record<string, string> },
  lookup: Lookup,
): string[] {
  const areas = new Set<string>([scope.dir, ...Object.values(scope.vars).filter((v) => v.startsWith('/'))])
  for (const step of spec.steps) {
    if (!appliesIn(step.when, scopeName)) continue
    const params = ('with' in step.run ? step.run.with : undefined) as Record<string, unknown> | undefined
    for (const key of DESTINATIONS) {
      const template = params?.[key]
      if (typeof template === 'string') areas.add(staticPrefix(template, scope.dir, lookup))
    }
  }
  return [...areas]
}

// --- internal ---

/** The part of a destination known before the run: cut at the first per-item or per-kit variable. */
function staticPrefix(template: string, dir: string, lookup: Lookup): string {
  const unknown = findVariables(template).find((v) => lookup(v.name) === undefined)
  if (unknown === undefined) return resolve(dir, interpolate(template, lookup))
  const known = template.slice(0, unknown.offset)
  if (known === '') return dir
  const full = resolve(dir, interpolate(known, lookup))
  // A cut inside a name ("{{x}}-foo" style) keeps only the whole folders before it.
  return known.endsWith('/') ? full : dirname(full)
}

// TargetSpec + scope → Pipeline: binds each step's run and rollback actions to its parameters. Pure; the loader has
// already checked that every action exists and every variable is known.
import { getAction, getInverse } from '../actions/index.js'
import { InternalError, UsageError } from '../errors.js'
import type { TargetSpec } from '../types.js'
import { interpolate, recordLookup } from '../vars/interpolate.js'
import { forPlatform, systemRoot, targetPlatform } from '../vars/platform.js'
import { appliesIn } from './conditions.js'
import { declaredAreas } from './declared-areas.js'
import type { Pipeline, Step } from './types.js'

export interface BaseVars {
  home: string
  project: string
  /** The operating system whose per-OS scope variables apply (default: this one); injectable for tests. */
  platform?: string
  /** `--root`: the folder every `{{sysroot}}` path of a system scope goes under (default: the real root). */
  sysroot?: string
}

export function buildPipeline(spec: TargetSpec, scopeName: string, base: BaseVars): Pipeline {
  const scope = spec.scopes[scopeName]
  if (!scope) {
    throw new UsageError(`${spec.name} has no '${scopeName}' scope`, {
      hint: `it supports: ${Object.keys(spec.scopes).join(', ')}`,
    })
  }
  const platform = targetPlatform(base.platform)
  const sysroot = systemRoot(base.sysroot, platform)
  const baseLookup = recordLookup({
    home: base.home,
    project: base.project,
    sysroot,
    scope: scopeName,
    'target.id': spec.id,
    'target.name': spec.name,
  })
  const root = interpolate(forPlatform(scope.root, platform), baseLookup)
  const dir = interpolate(forPlatform(scope.dir, platform), baseLookup)
  const scopeVars: Record<string, string> = {}
  for (const [name, template] of Object.entries(scope.vars ?? {})) {
    scopeVars[name] = interpolate(
      forPlatform(template, platform),
      recordLookup(
        scopeVars,
        { root, dir },
        { home: base.home, project: base.project, sysroot, scope: scopeName },
      ),
    )
  }
  const steps = spec.steps
    .filter((s) => appliesIn(s.when, scopeName))
    .map((s): Step => {
      const action = getAction(s.run.action)
      const inverse = action && getInverse(s.rollback?.action ?? action.inverse)
      if (!action || !inverse)
        throw new InternalError(`${spec.id} › ${s.name}: unknown action (the loader should have rejected it)`)
      const params = 'with' in s.run ? (s.run.with ?? {}) : {}
      return {
        name: s.name,
        action: action.name,
        inverse: inverse.name,
        ...(s.when ? { when: s.when } : {}),
        run: (ctx) => action.run(params, ctx),
        undo: (changes, ctx, how) => inverse.undo(changes, ctx, how),
      }
    })
  const areas = declaredAreas(
    spec,
    scopeName,
    { dir, vars: scopeVars },
    recordLookup(scopeVars, {
      home: base.home,
      project: base.project,
      sysroot,
      scope: scopeName,
      root,
      dir,
      'target.id': spec.id,
      'target.name': spec.name,
    }),
  )
  const unsupported = (spec.unsupported ?? []).filter((u) => appliesIn(u, scopeName))
  const alsoReads = (spec.alsoReads ?? []).filter((u) => appliesIn(u, scopeName))
  return {
    tool: { id: spec.id, name: spec.name },
    scope: { name: scopeName, root, dir },
    sysroot,
    scopeVars,
    areas,
    steps,
    ...(unsupported.length > 0 ? { unsupported } : {}),
    ...(spec.endOfLife ? { endOfLife: spec.endOfLife } : {}),
    ...(alsoReads.length > 0 ? { alsoReads } : {}),
  }
}

// The variables a step sees at run time: the pipeline's scope variables, then the base ones. One definition, so that
// what the fast path renders to decide a tool is unchanged is exactly what the install would render.
import type { Pipeline } from '../pipeline/types.js'
import type { Kit } from '../types.js'
import { recordLookup, type Lookup } from '../vars/interpolate.js'

export function runVariables(pipeline: Pipeline, kit: Kit, base: { home: string; project: string }): Lookup {
  return recordLookup(pipeline.scopeVars, {
    home: base.home,
    project: base.project,
    sysroot: pipeline.sysroot ?? '',
    scope: pipeline.scope.name,
    root: pipeline.scope.root,
    dir: pipeline.scope.dir,
    'kit.name': kit.name,
    'kit.version': kit.version,
    'kit.description': kit.description ?? '',
    'kit.prefix': kit.prefix ?? '',
    'kit.dir': kit.dir,
    'target.id': pipeline.tool.id,
    'target.name': pipeline.tool.name,
  })
}

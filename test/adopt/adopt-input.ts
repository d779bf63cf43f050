// The input an adopt reader gets for one built-in target and scope, as the use case builds it: the expanded target,
// the scope's root, dir and variables rendered for a home and a project (Linux paths).
import { requireTargets } from '../../src/api/targets.js'
import type { AdoptToolInput } from '../../src/adopt/types.js'
import { realFs, type Fs } from '../../src/fs/fs.js'
import type { TargetSpec } from '../../src/types.js'
import { forPlatform } from '../../src/vars/platform.js'
import { interpolate, recordLookup } from '../../src/vars/interpolate.js'

export const HOME = '/home/u'
export const PROJECT = '/home/u/work/app'

export const builtins: TargetSpec[] = (await requireTargets({ fs: realFs })).map((t) => t.spec)

export function target(id: string): TargetSpec {
  const spec = builtins.find((t) => t.id === id)
  if (!spec) throw new Error(`no built-in target ${id}`)
  return spec
}

export function adoptInput(fs: Fs, id: string, scope = 'project'): AdoptToolInput {
  const spec = target(id)
  const s = spec.scopes[scope]
  if (!s) throw new Error(`${id} has no ${scope} scope`)
  const base = { home: HOME, project: PROJECT, scope, 'target.id': spec.id, 'target.name': spec.name }
  const root = interpolate(forPlatform(s.root, 'linux'), recordLookup({ ...base, sysroot: '' }))
  const dir = interpolate(forPlatform(s.dir, 'linux'), recordLookup({ ...base, sysroot: '' }))
  const vars: Record<string, string> = { ...base, root, dir, 'kit.name': 'kit', 'kit.version': '0.0.0' }
  for (const [name, template] of Object.entries(s.vars ?? {}))
    vars[name] = interpolate(forPlatform(template, 'linux'), recordLookup(vars))
  return { fs, target: spec, scope, vars }
}

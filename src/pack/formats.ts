// The package formats `outfit pack` writes: the Agent Plugin, and one per target with a `plugin` scope, named by that
// scope's `packFormat` variable (the format knowledge itself — paths, manifests, entry shapes — is in those targets,
// as it is for install, and no tool is named here: adding a format is YAML only).
import type { LoadedTarget } from '../types.js'

export const AGENT_PLUGIN = 'agent-plugin'
export const PLUGIN_SCOPE = 'plugin'

/** A format: the Agent Plugin (no target), or the target whose plugin scope makes it. */
export interface FormatSpec {
  name: string
  target?: LoadedTarget
}

/** Every format the loaded targets offer, the Agent Plugin first, then by target order. */
export function availableFormats(targets: readonly LoadedTarget[]): FormatSpec[] {
  const out: FormatSpec[] = [{ name: AGENT_PLUGIN }]
  for (const target of targets) {
    const scope = target.spec.scopes[PLUGIN_SCOPE]
    if (!scope) continue
    const name = scope.vars?.packFormat
    out.push({ name: typeof name === 'string' ? name : target.spec.id, target })
  }
  return out
}

// Layer 2½: the target as written → the pipeline the engine runs. The conventions an author leaves out are filled in
// here, so every later layer (rules, build, run) sees full steps: the manifest step, which every target needs last,
// is appended when the target does not write one.
import type { TargetSource, TargetSpec } from '../types.js'

/** The step every pipeline ends with: it records what was installed, for uninstall. */
const MANIFEST_STEP = { name: 'manifest', run: { action: 'manifest' as const } }

export function expandTarget(source: TargetSource): TargetSpec {
  const steps = [...source.steps]
  // An explicit manifest step stays legal (targets written before it was implicit); the rules check it is last.
  if (!steps.some((step) => step.run.action === 'manifest')) steps.push(MANIFEST_STEP)
  return { ...source, steps } as TargetSpec
}

// The `scope` key of a `when` condition: which of a target's scopes a step (or a declaration) applies in. The other
// keys are checked when the step runs (run-pipeline.ts); this one decides whether the step is in the pipeline at all.

/** The scopes a `when.scope` names; undefined for every scope. */
export function scopesOf(when: { scope?: string | string[] } | undefined): string[] | undefined {
  const scope = when?.scope
  if (scope === undefined) return undefined
  return typeof scope === 'string' ? [scope] : scope
}

export function appliesIn(when: { scope?: string | string[] } | undefined, scopeName: string): boolean {
  const scopes = scopesOf(when)
  return scopes === undefined || scopes.includes(scopeName)
}

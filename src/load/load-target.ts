// Loads one target: YAML syntax → JSON Schema → conventions filled in (expand.ts) → semantic rules. Returns every problem as data; never throws for user
// mistakes. A YAML syntax error stops the later layers, whose errors would only mislead.
import type { Fs } from '../fs/fs.js'
import type { Diagnostic, LoadResult, LoadedTarget, TargetSource } from '../types.js'
import { expandTarget } from './expand.js'
import { prevalidated } from './prevalidated.js'
import { MAX_YAML_BYTES, readValidated } from './read-validated.js'
import { rules } from './rules.js'

export async function loadTarget(fs: Fs, file: string): Promise<LoadResult<LoadedTarget>> {
  const known = await readPrevalidated(fs, file)
  if (known) return known
  const { parsed, diagnostics } = await readValidated(fs, file, 'target.schema.json')
  if (!parsed || diagnostics.length > 0) return { ok: false, diagnostics }
  const spec = expandTarget(parsed.data as TargetSource)
  const found: Diagnostic[] = rules.flatMap((rule) => rule(spec, parsed))
  const errors = found.filter((d) => d.severity === 'error')
  const warnings = found.filter((d) => d.severity === 'warning')
  if (errors.length > 0) return { ok: false, diagnostics: found }
  return { ok: true, value: { file, spec }, warnings }
}

// --- internal ---

/** A built-in target exactly as the build checked it (see prevalidated.ts); undefined to load it the long way. */
async function readPrevalidated(fs: Fs, file: string): Promise<LoadResult<LoadedTarget> | undefined> {
  try {
    const st = await fs.stat(file)
    if (!st.isFile() || Number(st.size) > MAX_YAML_BYTES) return undefined
    return prevalidated(file, new Uint8Array(await fs.readFile(file)))
  } catch {
    return undefined // readValidated reports what is wrong with the file
  }
}

// Loads every target in the given directories (built-in first, then the user's), checking ids are unique.
import { join } from 'node:path'
import { isNotFound, type Fs } from '../fs/fs.js'
import type { Diagnostic, LoadedTarget } from '../types.js'
import { loadTarget } from './load-target.js'

export interface LoadedTargets {
  targets: LoadedTarget[]
  diagnostics: Diagnostic[]
  warnings: Diagnostic[]
}

export async function listTargetFiles(fs: Fs, dir: string): Promise<string[]> {
  try {
    const names = (await fs.readdir(dir)) as string[]
    return names
      .filter((n) => /\.ya?ml$/.test(n))
      .sort()
      .map((n) => join(dir, n))
  } catch (error) {
    if (isNotFound(error)) return []
    throw error
  }
}

export async function loadTargets(fs: Fs, files: string[]): Promise<LoadedTargets> {
  const results = await Promise.all(files.map((file) => loadTarget(fs, file)))
  const out: LoadedTargets = { targets: [], diagnostics: [], warnings: [] }
  const byId = new Map<string, string>()
  for (const result of results) {
    if (!result.ok) {
      out.diagnostics.push(...result.diagnostics)
      continue
    }
    out.warnings.push(...result.warnings)
    const { spec, file } = result.value
    const first = byId.get(spec.id)
    if (first) {
      out.diagnostics.push({
        file,
        line: 1,
        column: 1,
        pointer: '/id',
        message: `target id '${spec.id}' is already defined by ${first}`,
        severity: 'error',
      })
      continue
    }
    byId.set(spec.id, file)
    out.targets.push(result.value)
  }
  return out
}

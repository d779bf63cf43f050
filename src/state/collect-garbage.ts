// After an uninstall, drops backups no remaining manifest refers to, and the state folders once empty, so that
// install → uninstall leaves the tree exactly as it was.
import { join } from 'node:path'
import { isNotFound, type Fs } from '../fs/fs.js'
import type { ScopeState } from './scope-state.js'

export async function collectGarbage(fs: Fs, state: ScopeState): Promise<void> {
  const stateDir = state.dir
  const referenced = new Set<string>()
  for (const name of await list(fs, join(stateDir, 'manifests'))) {
    const text = await fs.readFile(join(stateDir, 'manifests', name), 'utf8')
    for (const m of text.matchAll(/"hash": "([0-9a-f]{64})"/g)) referenced.add(m[1] ?? '')
  }
  for (const name of await list(fs, join(stateDir, 'backups'))) {
    if (!referenced.has(name)) await fs.unlink(join(stateDir, 'backups', name))
  }
  for (const dir of [join(stateDir, 'backups'), join(stateDir, 'manifests'), stateDir]) {
    try {
      await fs.rmdir(dir)
    } catch {
      // Not empty (other tools are still installed) or already gone: either way it stays as it is.
    }
  }
}

async function list(fs: Fs, dir: string): Promise<string[]> {
  try {
    return (await fs.readdir(dir)) as string[]
  } catch (error) {
    if (isNotFound(error)) return []
    throw error
  }
}

// Fault injection: an Fs over the real one that fails the Nth mutating call with a chosen error code.
import type { Fs } from '../../src/fs/fs.js'
import { realFs } from '../../src/fs/fs.js'

const MUTATING = ['writeFile', 'rename', 'unlink', 'mkdir', 'rmdir', 'symlink', 'chmod'] as const

export function faultyFs(failAt: number, code = 'ENOSPC'): { fs: Fs; calls: () => number } {
  let count = 0
  const fs = { ...realFs } as Record<string, unknown>
  for (const name of MUTATING) {
    const original = realFs[name] as (...args: unknown[]) => Promise<unknown>
    fs[name] = async (...args: unknown[]) => {
      count++
      if (count === failAt) {
        throw Object.assign(new Error(`${code}: injected failure, ${name} '${String(args[0])}'`), { code })
      }
      return original(...args)
    }
  }
  return { fs: fs as unknown as Fs, calls: () => count }
}

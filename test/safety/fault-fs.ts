// Fault injection: an Fs over another (the real one unless given) that fails the Nth mutating call with a chosen
// error code.
import type { Fs } from '../../src/fs/fs.js'
import { realFs } from '../../src/fs/fs.js'

const MUTATING = ['writeFile', 'rename', 'unlink', 'mkdir', 'rmdir', 'symlink', 'chmod'] as const
const READING = ['readFile', 'readdir', 'stat', 'lstat', 'readlink', 'realpath', 'open'] as const

export function faultyFs(
  failAt: number,
  code = 'ENOSPC',
  base: Fs = realFs,
): { fs: Fs; calls: () => number } {
  let count = 0
  // Fs's methods bound, not only spread: memfs's live on a prototype and need their object.
  const fs: Record<string, unknown> = { ...base }
  for (const name of READING) fs[name] = (base[name] as (...args: unknown[]) => unknown).bind(base)
  for (const name of MUTATING) {
    const original = (base[name] as (...args: unknown[]) => Promise<unknown>).bind(base)
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

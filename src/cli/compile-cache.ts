// Loads the bundled CLI (dist/cli/outfit.cjs, see scripts/bundle-cli.mjs) with V8's code cache. Node 20 has no
// module compile cache (module.enableCompileCache() is Node 22), so outfit keeps its own, the way v8-compile-cache
// does: the bundle is compiled as a script with the bytecode V8 produced for it last time, which spares parsing and
// compiling it again (about 30–40 ms of every command). The cache is the user's own, like ~/.cache/outfit's fetched
// kits: a folder only this user can write, one file per Node version, bundle content and command. Anything odd about
// it (a folder with other permissions or owner, a file V8 rejects, any error) only means compiling without it.
import { isAscii } from 'node:buffer'
import { createHash } from 'node:crypto'
import {
  closeSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import { Script } from 'node:vm'

export interface LoadedBundle<T> {
  exports: T
  /** What became of the code cache: none found (or none allowed), used, or refused by V8 (another V8, damaged). */
  cache: 'off' | 'none' | 'used' | 'rejected'
  /** Writes the code cache if there was none for this bundle (or V8 refused it); best effort, never throws. */
  saveCache(): void
}

/** `$XDG_CACHE_HOME/outfit/compile/<node version>-<arch>`, else under ~/.cache; undefined when turned off. */
export function compileCacheDir(env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (env.OUTFIT_COMPILE_CACHE === '0') return undefined
  const xdg = env.XDG_CACHE_HOME
  const base = xdg && xdg.startsWith('/') ? join(xdg, 'outfit') : join(homedir(), '.cache', 'outfit')
  return join(base, 'compile', `${process.version}-${process.arch}`)
}

/**
 * Runs a CommonJS bundle the way Node's loader would, with the code cache from `cacheDir` when it has one. `command`
 * names the cache: it holds the bytecode of the functions the run that made it used, and a cache made by `outfit list`
 * leaves most of what `install` runs to be compiled (10-file install: 0.19 s with it, 0.16 s with install's own).
 */
export function loadBundle<T>(file: string, cacheDir: string | undefined, command = 'any'): LoadedBundle<T> {
  const bytes = readFileSync(file)
  // The build makes the bundle ASCII only (scripts/bundle-cli.mjs): decoded as Latin-1 it is then the same text as a
  // one-byte string, which V8 hashes and compiles faster than the two-byte string a UTF-8 decode of a file with even one
  // non-ASCII character makes (measured: 17 ms → 4 ms to read and hash the bundle at every start).
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8')
  // V8 checks a cache against the source's length, not its content: the file is named by a hash of the content, so
  // a cache made for another build of the same length is never offered.
  const name = `${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}-${/^[a-z]{1,20}$/.test(command) ? command : 'any'}.bin`
  const cacheFile = cacheDir && join(cacheDir, name)
  const cachedData = cacheFile ? readPrivate(cacheFile) : undefined
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  })
  const module = { exports: {} as T }
  ;(script.runInThisContext() as (...args: unknown[]) => void)(
    module.exports,
    createRequire(file),
    module,
    file,
    dirname(file),
  )
  const cache =
    cacheFile === undefined
      ? 'off'
      : cachedData === undefined
        ? 'none'
        : script.cachedDataRejected === true
          ? 'rejected'
          : 'used'
  return {
    exports: module.exports,
    cache,
    saveCache() {
      // After the command ran: the cache then holds the bytecode of every function it used, not just the top level.
      if ((cache === 'none' || cache === 'rejected') && cacheDir && cacheFile)
        writePrivate(cacheDir, cacheFile, script.createCachedData())
    },
  }
}

// --- internal ---

const KEEP_BUILDS = 4
const KEEP_FILES = 24

/** The file's bytes, if it and its folder belong to this user and nobody else can write them. */
function readPrivate(file: string): Buffer | undefined {
  try {
    if (!isPrivate(dirname(file), true) || !isPrivate(file, false)) return undefined
    return readFileSync(file)
  } catch {
    return undefined
  }
}

// On Windows, where these mode bits say nothing about who may write, every file looks group- and world-writable:
// no cache is used there, which is the safe answer.
function isPrivate(path: string, directory: boolean): boolean {
  const st = lstatSync(path)
  const mine = typeof process.getuid !== 'function' || st.uid === process.getuid()
  return mine && (directory ? st.isDirectory() : st.isFile()) && (st.mode & 0o022) === 0
}

function writePrivate(dir: string, file: string, data: Buffer): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 })
    if (!isPrivate(dir, true)) return
    const tmp = `${file}.${process.pid}.tmp`
    const fd = openSync(tmp, 'wx', 0o600)
    try {
      writeSync(fd, data)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(tmp, file)
    // The caches of a few builds are kept, every command's (two installed versions of outfit must not evict each
    // other at every run); those of older builds go, and never more than a few dozen files, whatever was typed.
    const files = readdirSync(dir)
      .filter((name) => name.endsWith('.bin'))
      .map((name) => ({ name, build: name.split('-')[0] ?? name, mtime: lstatSync(join(dir, name)).mtimeMs }))
      .sort((a, b) => b.mtime - a.mtime)
    const recent = [...new Set(files.map((f) => f.build))].slice(0, KEEP_BUILDS)
    for (const [i, f] of files.entries())
      if (i >= KEEP_FILES || !recent.includes(f.build)) rmSync(join(dir, f.name), { force: true })
  } catch {
    // A cache that cannot be written only means compiling again next time.
  }
}

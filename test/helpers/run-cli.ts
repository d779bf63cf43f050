// Drives the CLI in-process through main(argv, deps) with captured output: no terminal unless a test says so.
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { main, type CliDeps } from '../../src/cli/index.js'
import { realFs } from '../../src/fs/fs.js'
import { loadTarget } from '../../src/load/load-target.js'
import { setPrevalidatedRecord, textHash, type Prevalidated } from '../../src/load/prevalidated.js'
import { builtinTargetsDir } from '../../src/package-root.js'

export interface CliRun {
  code: number
  /** stdout lines, joined. */
  out: string
  /** stderr lines, joined. */
  err: string
  /** Both, in the order they were written (what a person sees). */
  all: string
  /** Raw terminal writes (live progress). */
  tty: string
}

export async function runCli(argv: string[], deps: Partial<CliDeps> & { cwd: string }): Promise<CliRun> {
  const out: string[] = []
  const err: string[] = []
  const all: string[] = []
  const tty: string[] = []
  const code = await asBuilt(() =>
    main(argv, {
      fs: realFs,
      env: {},
      out: (l) => (out.push(l), all.push(l)),
      err: (l) => (err.push(l), all.push(l)),
      color: false,
      isTTY: false,
      tty: (t) => tty.push(t),
      ...deps,
    }),
  )
  return { code, out: out.join('\n'), err: err.join('\n'), all: all.join('\n'), tty: tty.join('') }
}

/**
 * Runs `run` (a CLI run) as the built CLI runs: with the build's record of the built-in targets (src/load/
 * prevalidated.ts), made here the way scripts/build-validators.mjs makes it, once per worker. Without it every
 * in-process run parsed and checked all built-in targets again (~70 ms, most of a small run's time); the long way
 * stays tested by the loading tests and API runs, which never see the record, and by any target text the build did
 * not check (a user's target, an edited copy), which the CLI still loads the long way.
 */
export async function asBuilt<T>(run: () => Promise<T>): Promise<T> {
  record ??= buildRecord()
  setPrevalidatedRecord(await record)
  active++
  try {
    return await run()
  } finally {
    // Runs that overlap (tests of concurrent CLI runs) keep the record until the last ends.
    if (--active === 0) setPrevalidatedRecord(undefined)
  }
}

// --- internal ---

let record: Promise<Record<string, Prevalidated>> | undefined
let active = 0

async function buildRecord(): Promise<Record<string, Prevalidated>> {
  const out: Record<string, Prevalidated> = {}
  for (const name of (await readdir(builtinTargetsDir)).filter((n) => /\.ya?ml$/.test(n)).sort()) {
    const file = join(builtinTargetsDir, name)
    const result = await loadTarget(realFs, file)
    if (!result.ok) continue // a broken target is reported at run time, by the full pipeline
    out[textHash(await readFile(file))] = {
      spec: result.value.spec,
      warnings: result.warnings.map(({ file: _file, ...w }) => w),
    }
  }
  // Through JSON, as the build writes it to dist/: a run gets exactly what the built CLI would.
  return JSON.parse(JSON.stringify(out)) as Record<string, Prevalidated>
}

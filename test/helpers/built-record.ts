// The build's record of the built-in targets (src/load/prevalidated.ts), for tests run from src/, where no build wrote
// one. The built CLI and library take a built-in target from that record instead of parsing and checking its YAML
// again; from src/, without it, every install, plan or CLI run in a test loaded all 38 the long way (~70 ms, most of a
// small run's time, and a third of the whole suite's). test/helpers/setup.ts gives every test file the record, made
// here the way scripts/build-validators.mjs makes it, once per worker. The long way stays tested: by the loading tests
// (theLongWay) and by every target text the build did not check (fixtures, users' targets, edited copies).
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { realFs } from '../../src/fs/fs.js'
import { loadTarget } from '../../src/load/load-target.js'
import {
  parseRecord,
  recordEntry,
  recordText,
  setPrevalidatedRecord,
  textHash,
  type Prevalidated,
} from '../../src/load/prevalidated.js'
import { builtinTargetsDir } from '../../src/package-root.js'

/** From now on in this worker, built-in targets come from the build's record, as in the built package. */
export async function useBuiltRecord(): Promise<void> {
  record ??= buildRecord()
  setPrevalidatedRecord(await record)
}

/** Runs `run` with every target loaded the long way (YAML → schema → rules), as a build would check it. */
export async function theLongWay<T>(run: () => Promise<T>): Promise<T> {
  setPrevalidatedRecord({})
  try {
    return await run()
  } finally {
    await useBuiltRecord()
  }
}

// --- internal ---

let record: Promise<Record<string, Prevalidated>> | undefined

async function buildRecord(): Promise<Record<string, Prevalidated>> {
  const out: Record<string, Prevalidated> = {}
  const names = (await readdir(builtinTargetsDir)).filter((n) => /\.ya?ml$/.test(n)).sort()
  for (const name of names) {
    const file = join(builtinTargetsDir, name)
    // Loaded before any record is set (the setup runs this first): the long way.
    const result = await loadTarget(realFs, file)
    if (!result.ok) continue // a broken target is reported at run time, by the full pipeline
    out[textHash(await readFile(file))] = recordEntry(result.value.spec, result.warnings)
  }
  // Through the text the build writes to dist/: a test gets exactly what the built package would.
  return parseRecord(recordText(out))
}

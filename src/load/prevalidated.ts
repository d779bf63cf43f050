// Targets checked at build time. `npm run build` loads every built-in target through the full pipeline (YAML →
// schema → rules) and records each valid one under the hash of its text (scripts/build-validators.mjs); at run time a
// target file whose text has that hash is taken from the record instead of being parsed and checked again — the same
// code on the same text gives the same answer. Any other text (a user's target, an edited or newer file, tests run
// from src/) goes through the full pipeline.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { buildOutput } from '../package-root.js'
import type { Diagnostic, LoadResult, LoadedTarget, TargetSpec } from '../types.js'

export interface Prevalidated {
  spec: TargetSpec
  /** Warnings, without their file (filled in with the path the target is loaded from). */
  warnings: Omit<Diagnostic, 'file'>[]
}

/** Where the build writes the record (dist/load/prevalidated-targets.json). */
export const prevalidatedFile = buildOutput('load/prevalidated-targets.json')

export function textHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

let record: Record<string, Prevalidated> | undefined

/** The loaded target for this text, if the build checked exactly this text. */
export function prevalidated(file: string, bytes: Uint8Array): LoadResult<LoadedTarget> | undefined {
  record ??= readRecord()
  const hit = record[textHash(bytes)]
  if (!hit) return undefined
  return {
    ok: true,
    value: { file, spec: structuredClone(hit.spec) },
    warnings: hit.warnings.map((w) => ({ ...w, file })),
  }
}

/**
 * Test seam: tests run from src/, where no build wrote a record; test/helpers/built-record.ts gives them the record the
 * build would write (made the build's way), as the built package has it. undefined: read the file again.
 */
export function setPrevalidatedRecord(given: Record<string, Prevalidated> | undefined): void {
  record = given
}

// --- internal ---

function readRecord(): Record<string, Prevalidated> {
  try {
    return JSON.parse(readFileSync(prevalidatedFile, 'utf8')) as Record<string, Prevalidated>
  } catch {
    return {}
  }
}

// Targets checked at build time. `npm run build` loads every built-in target through the full pipeline (YAML →
// schema → rules) and records each valid one under the hash of its text (scripts/build-validators.mjs); at run time a
// target file whose text has that hash is taken from the record instead of being parsed and checked again — the same
// code on the same text gives the same answer. Any other text (a user's target, an edited or newer file, tests run
// from src/) goes through the full pipeline.
//
// The record keeps each spec as JSON text, parsed for each load that finds it: every load then hands out objects of its
// own (a caller that changes one cannot change the next load's), without a deep copy of all 38 specs at every start.
// On disk the record is one line of JSON, the index (hash → warnings and where its spec's text is), then the specs'
// texts one after the other: reading it parses the small index only, not 150 kB of escaped JSON strings. Before, the
// whole record was parsed into objects and each hit deep-copied (structuredClone): ~8 ms of every command's start.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { buildOutput } from '../package-root.js'
import type { Diagnostic, LoadResult, LoadedTarget, TargetSpec } from '../types.js'

export interface Prevalidated {
  /** The spec as JSON text (see the top). */
  spec: string
  /** Warnings, without their file (filled in with the path the target is loaded from). */
  warnings: Omit<Diagnostic, 'file'>[]
}

/** Where the build writes the record (dist/load/prevalidated-targets.json). */
export const prevalidatedFile = buildOutput('load/prevalidated-targets.json')

export function textHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** The record as the build writes it (see the top). */
export function recordText(record: Record<string, Prevalidated>): string {
  const index: Record<string, RecordIndexEntry> = {}
  let specs = ''
  for (const [hash, entry] of Object.entries(record)) {
    index[hash] = { warnings: entry.warnings, at: specs.length, length: entry.spec.length }
    specs += entry.spec
  }
  return `${JSON.stringify(index)}\n${specs}`
}

/** The record from recordText's text: the index parsed, each spec's text cut out of the rest (not parsed yet). */
export function parseRecord(text: string): Record<string, Prevalidated> {
  const newline = text.indexOf('\n')
  const index = JSON.parse(text.slice(0, newline)) as Record<string, RecordIndexEntry>
  const specs = text.slice(newline + 1)
  const out: Record<string, Prevalidated> = {}
  for (const [hash, { warnings, at, length }] of Object.entries(index))
    out[hash] = { warnings, spec: specs.slice(at, at + length) }
  return out
}

let record: Record<string, Prevalidated> | undefined

/** The loaded target for this text, if the build checked exactly this text. */
export function prevalidated(file: string, bytes: Uint8Array): LoadResult<LoadedTarget> | undefined {
  record ??= readRecord()
  const hit = record[textHash(bytes)]
  if (!hit) return undefined
  let spec: TargetSpec
  try {
    spec = JSON.parse(hit.spec) as TargetSpec
  } catch {
    return undefined // a damaged record: the target is loaded and checked the long way
  }
  return { ok: true, value: { file, spec }, warnings: hit.warnings.map((w) => ({ ...w, file })) }
}

/** The record's entry for a target that loaded cleanly the long way (the build's, and the tests' copy of it). */
export function recordEntry(spec: TargetSpec, warnings: readonly Diagnostic[]): Prevalidated {
  return { spec: JSON.stringify(spec), warnings: warnings.map(({ file: _file, ...w }) => w) }
}

/**
 * Test seam: tests run from src/, where no build wrote a record; test/helpers/built-record.ts gives them the record the
 * build would write (made the build's way), as the built package has it. undefined: read the file again.
 */
export function setPrevalidatedRecord(given: Record<string, Prevalidated> | undefined): void {
  record = given
}

// --- internal ---

interface RecordIndexEntry {
  warnings: Omit<Diagnostic, 'file'>[]
  /** Where the spec's JSON text starts in the text after the index line, and its length. */
  at: number
  length: number
}

function readRecord(): Record<string, Prevalidated> {
  try {
    // Offsets count the UTF-16 units of the text written (recordText), which decoding the UTF-8 file gives back.
    return parseRecord(readFileSync(prevalidatedFile, 'utf8'))
  } catch {
    return {}
  }
}

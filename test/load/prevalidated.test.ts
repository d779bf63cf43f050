// A built-in target taken from the build's record is the target the long way gives, and each load hands out objects
// of its own: what one caller changes in a spec never reaches the next load (the record keeps each spec as text).
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { realFs } from '../../src/fs/fs.js'
import { loadTarget } from '../../src/load/load-target.js'
import {
  parseRecord,
  prevalidated,
  recordText,
  setPrevalidatedRecord,
  textHash,
} from '../../src/load/prevalidated.js'
import { readFileSync } from 'node:fs'
import { builtinTargetsDir } from '../../src/package-root.js'
import type { LoadedTarget } from '../../src/types.js'
import { theLongWay, useBuiltRecord } from '../helpers/built-record.js'

const cursor = join(builtinTargetsDir, 'cursor.yaml')

async function loaded(): Promise<LoadedTarget> {
  const result = await loadTarget(realFs, cursor)
  if (!result.ok) throw new Error('expected the built-in target to load')
  return result.value
}

describe('targets from the build record', () => {
  it('gives the spec and warnings that loading the YAML the long way gives', async () => {
    const fromRecord = await loadTarget(realFs, cursor)
    const longWay = await theLongWay(() => loadTarget(realFs, cursor))
    expect(fromRecord).toEqual(longWay)
  })

  it('hands out a spec that no change by one caller carries into the next load', async () => {
    const first = await loaded()
    const pristine = structuredClone(first.spec)
    first.spec.name = 'changed'
    first.spec.steps.splice(0, first.spec.steps.length)
    ;(first.spec.scopes as Record<string, unknown>).extra = { root: '/elsewhere' }
    const second = await loaded()
    expect(second.spec).toEqual(pristine)
    expect(second.spec).not.toBe(first.spec)
  })
})

describe('the record as the build writes it', () => {
  it('reads back every entry, text outside ASCII included, without parsing the specs', () => {
    const record = {
      a: { spec: JSON.stringify({ id: 'a', name: 'Ä — “quoted”\n' }), warnings: [] },
      b: {
        spec: JSON.stringify({ id: 'b', steps: [{ name: '😀' }] }),
        warnings: [{ line: 2, column: 3, pointer: '/x', message: 'w', severity: 'warning' as const }],
      },
    }
    const text = recordText(record)
    expect(parseRecord(Buffer.from(text, 'utf8').toString('utf8'))).toEqual(record)
    // The specs follow the one line of index as they are: nothing re-escaped, nothing to parse until a load uses one.
    expect(text.split('\n')[0]).not.toContain('steps')
  })
})

describe('a damaged record', () => {
  afterEach(useBuiltRecord)

  it('is no answer: a spec whose text does not parse sends the target the long way, which still loads it', async () => {
    const bytes = readFileSync(cursor)
    setPrevalidatedRecord({ [textHash(bytes)]: { spec: '{"id":"cursor","na', warnings: [] } })
    expect(prevalidated(cursor, bytes)).toBeUndefined()
    expect((await loadTarget(realFs, cursor)).ok).toBe(true)
  })
})

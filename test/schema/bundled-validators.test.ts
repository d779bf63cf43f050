// The CLI bundle carries the prebuilt validators (scripts/bundle-cli.mjs fills src/schema/bundled-validators.ts): they
// are taken from there before any file, and, like a file, only when stamped with the hash of the schema on disk.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { schemasDir } from '../../src/package-root.js'
import { prebuiltValidator, schemaHash } from '../../src/schema/precompile.js'

const text = (schema: string) => readFileSync(join(schemasDir, schema), 'utf8')
const validator = (stampedWith: string) => Object.assign(() => true, { schemaHash: schemaHash(stampedWith) })

describe('validators bundled with the CLI', () => {
  it('are used when stamped with the schema on disk, and loaded only when asked for', () => {
    const asked: string[] = []
    const kit = validator(text('kit.schema.json'))
    const bundled = {
      'kit.schema.json': () => (asked.push('kit'), kit),
      'mcp.schema.json': () => (asked.push('mcp'), validator(text('mcp.schema.json'))),
    }
    expect(prebuiltValidator('kit.schema.json', text('kit.schema.json'), bundled)).toBe(kit)
    expect(asked).toEqual(['kit'])
  })

  it('are refused when stamped with another schema text (the schema is then compiled at run time)', () => {
    const bundled = { 'mcp.schema.json': () => validator('{"an": "older schema"}') }
    expect(prebuiltValidator('mcp.schema.json', text('mcp.schema.json'), bundled)).toBeUndefined()
  })

  it('leave the schemas the bundle does not carry to the files the build wrote', () => {
    const bundled = { 'kit.schema.json': () => validator(text('kit.schema.json')) }
    // From src/ no build wrote the files: nothing prebuilt, the caller compiles the schema.
    expect(prebuiltValidator('hooks.schema.json', text('hooks.schema.json'), bundled)).toBeUndefined()
  })
})

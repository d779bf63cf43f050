// The schemas are versioned artifacts: they compile, every property says what it is for, and the TypeScript types
// derived from the target schema are up to date.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import { generated, generateTypes } from '../scripts/gen-types.mjs'
import { schemasDir } from '../src/package-root.js'
import { repoRoot } from './integration/sandbox.js'

const schemaFiles = readdirSync(schemasDir).filter((f) => f.endsWith('.schema.json'))
const load = (file: string) =>
  JSON.parse(readFileSync(join(schemasDir, file), 'utf8')) as Record<string, unknown>

describe('schemas', () => {
  it.each(schemaFiles)('%s compiles', (file) => {
    const ajv = new Ajv2020({
      strict: true,
      strictRequired: false,
      discriminator: true,
      allowUnionTypes: true,
      validateFormats: false,
    })
    expect(() => ajv.compile(load(file))).not.toThrow()
  })

  it.each(schemaFiles)('%s describes every property', (file) => {
    const missing: string[] = []
    const walk = (node: unknown, path: string): void => {
      if (!node || typeof node !== 'object') return
      const record = node as Record<string, unknown>
      const props = record.properties as Record<string, Record<string, unknown>> | undefined
      for (const [name, prop] of Object.entries(props ?? {}))
        if (typeof prop.description !== 'string') missing.push(`${path}/properties/${name}`)
      for (const [key, value] of Object.entries(record)) walk(value, `${path}/${key}`)
    }
    walk(load(file), '#')
    expect(missing).toEqual([])
  })

  it.each(Object.entries(generated))(
    'src/generated types match schemas/%s (run `npm run gen:types`)',
    async (schemaFile, [file]) => {
      expect(readFileSync(join(repoRoot, 'src/generated', file), 'utf8')).toBe(
        await generateTypes(schemaFile),
      )
    },
  )

  it('every built-in target and example file points editors at its schema', () => {
    const targets = readdirSync(join(repoRoot, 'targets')).filter((f) => f.endsWith('.yaml'))
    for (const t of targets)
      expect(readFileSync(join(repoRoot, 'targets', t), 'utf8').split('\n')[0]).toBe(
        '# yaml-language-server: $schema=../schemas/target.schema.json',
      )
  })
})

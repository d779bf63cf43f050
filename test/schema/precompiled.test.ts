// `npm run build` precompiles each schema's ajv validator to standalone code (src/schema/precompile.ts). The
// precompiled validator must agree with the one compiled at run time from the schema: same verdict, same errors, on
// every built-in target, every target fixture, the example kits' YAML, and documents broken on purpose.
import { readFileSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import type { ValidateFunction } from 'ajv'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { builtinTargetsDir, packageRoot, schemasDir } from '../../src/package-root.js'
import { createAjv, standaloneValidator, VALIDATED_SCHEMAS } from '../../src/schema/precompile.js'

const require = createRequire(import.meta.url)

/** Loads standalone CommonJS code the way Node would, without writing it anywhere. */
function loadStandalone(code: string): ValidateFunction {
  const module = { exports: {} as ValidateFunction }
  new Function('require', 'module', 'exports', code)(require, module, module.exports)
  return module.exports
}

const yamlIn = (dir: string) =>
  readdirSync(dir)
    .filter((n) => /\.ya?ml$/.test(n))
    .map((n) => join(dir, n))
const documents = (schema: string): unknown[] => {
  const files =
    schema === 'target.schema.json'
      ? [
          ...yamlIn(builtinTargetsDir),
          ...yamlIn(join(packageRoot, 'test/fixtures/targets/valid')),
          ...yamlIn(join(packageRoot, 'test/fixtures/targets/invalid')),
        ]
      : yamlIn(join(packageRoot, 'examples/starter-kit')).filter((f) =>
          f.endsWith(schema.replace('.schema.json', '.yaml')),
        )
  const docs: unknown[] = []
  for (const file of files) {
    try {
      docs.push(parse(readFileSync(file, 'utf8')))
    } catch {
      // not YAML at all: the schema never sees it
    }
  }
  // Broken on purpose: wrong types, unknown keys, missing keys.
  return [
    ...docs,
    {},
    null,
    42,
    'text',
    [],
    { id: 7, name: [], scopes: 'x', steps: {} },
    { unknown: true },
    ...docs.map((d) => (d && typeof d === 'object' ? { ...d, extra: 1 } : d)),
  ]
}

describe('precompiled validators', () => {
  it.each(VALIDATED_SCHEMAS)(
    '%s: the standalone validator agrees with the schema compiled at run time',
    (schema) => {
      const text = readFileSync(join(schemasDir, schema), 'utf8')
      const runtime = createAjv().compile(JSON.parse(text) as Record<string, unknown>)
      const standalone = loadStandalone(standaloneValidator(text))
      const docs = documents(schema)
      expect(docs.length).toBeGreaterThanOrEqual(7)
      for (const doc of docs) {
        const a = runtime(doc)
        const b = standalone(doc)
        expect({ valid: b, errors: standalone.errors ?? null }).toEqual({
          valid: a,
          errors: runtime.errors ?? null,
        })
      }
    },
  )
})

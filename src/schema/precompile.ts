// ajv compiles a schema into a validation function at run time: ~35% of `outfit list` and `validate` went there.
// `npm run build` instead writes each schema's validator as standalone code (scripts/bundle-cli.mjs, through
// this module), stamped with the hash of the schema it came from; validate-shape.ts loads it when the stamp matches
// the schema on disk and compiles at run time otherwise (tests run from src/, where no build exists).
import { createHash } from 'node:crypto'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import type * as AjvMain from 'ajv'
import type { ValidateFunction } from 'ajv'
import type * as Ajv2020Module from 'ajv/dist/2020.js'
import type { Ajv2020 } from 'ajv/dist/2020.js'
import type * as Standalone from 'ajv/dist/standalone/index.js'
import { buildOutput } from '../package-root.js'
import { bundledValidators } from './bundled-validators.js'

// ajv itself is loaded only when something is compiled (a stale or missing build, the build script, tests).
const require = createRequire(import.meta.url)

/** The schemas validateShape is used with. */
export const VALIDATED_SCHEMAS = [
  'target.schema.json',
  'kit.schema.json',
  'mcp.schema.json',
  'hooks.schema.json',
  'item-outfit.schema.json',
  'config.schema.json',
  'preset.schema.json',
]

/** One ajv for run time and build time alike, so that both validate the same way. */
export function createAjv(standalone = false): Ajv2020 {
  const { Ajv2020: Ajv } = require('ajv/dist/2020.js') as typeof Ajv2020Module
  const { _ } = require('ajv') as typeof AjvMain
  const ajv = new Ajv({
    allErrors: true,
    verbose: true,
    strict: true,
    strictRequired: false,
    discriminator: true,
    allowUnionTypes: true,
    // The schemas use one format, `uri`; the platform's URL parser decides it (ajv-formats cost ~60 ms of startup).
    ...(standalone ? { code: { source: true, formats: _`{ uri: (value) => URL.canParse(value) }` } } : {}),
  })
  ajv.addFormat('uri', (value: string) => URL.canParse(value))
  return ajv
}

export function schemaHash(schemaText: string): string {
  return createHash('sha256').update(schemaText).digest('hex')
}

/** Standalone CommonJS code of the validator of one schema, stamped with the schema's hash. */
export function standaloneValidator(schemaText: string): string {
  const standaloneCode = (require('ajv/dist/standalone/index.js') as typeof Standalone).default
  const ajv = createAjv(true)
  const validate = ajv.compile(JSON.parse(schemaText) as Record<string, unknown>)
  return `${standaloneCode(ajv, validate)}\nmodule.exports.schemaHash = ${JSON.stringify(schemaHash(schemaText))};\n`
}

/** Where the build puts the validator of each schema (dist/schema/validators/). */
export const validatorsDir = buildOutput('schema/validators')

/** The prebuilt validator of `schema`, if there is one built from exactly this schema text. */
export function prebuiltValidator(
  schema: string,
  schemaText: string,
  bundled = bundledValidators,
): ValidateFunction | undefined {
  try {
    // The CLI bundle's own copy if it has one (bundled-validators.ts), else the file the build wrote.
    const mod = (bundled?.[schema]?.() ??
      require(join(validatorsDir, schema.replace(/\.json$/, '.cjs')))) as ValidateFunction & {
      schemaHash?: string
    }
    return mod.schemaHash === schemaHash(schemaText) ? mod : undefined
  } catch {
    return undefined
  }
}

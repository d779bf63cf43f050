// Layer 2: structure. Compiles a JSON Schema once with ajv (allErrors) and turns its errors into located diagnostics.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ErrorObject, ValidateFunction } from 'ajv'
import { createAjv, prebuiltValidator } from './precompile.js'
import { schemasDir } from '../package-root.js'
import { locate } from '../load/locate.js'
import type { ParsedYaml } from '../load/read-yaml.js'
import { didYouMean } from '../did-you-mean.js'
import type { Diagnostic } from '../types.js'

const cache = new Map<string, ValidateFunction>()

export function loadSchema(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(schemasDir, name), 'utf8')) as Record<string, unknown>
}

function compiled(name: string): ValidateFunction {
  let validate = cache.get(name)
  if (!validate) {
    // Built at `npm run build` from this very schema text, or else compiled now (tests run from src/).
    const text = readFileSync(join(schemasDir, name), 'utf8')
    validate =
      prebuiltValidator(name, text) ?? createAjv().compile(JSON.parse(text) as Record<string, unknown>)
    cache.set(name, validate)
  }
  return validate
}

export function validateShape(schemaName: string, parsed: ParsedYaml): Diagnostic[] {
  return validateValue(schemaName, parsed.data).map((problem) => {
    const pos = locate(parsed, problem.pointer, problem.key)
    return {
      file: parsed.file,
      line: pos.line,
      column: pos.column,
      pointer: problem.pointer,
      message: problem.message,
      severity: 'error' as const,
    }
  })
}

/** A value's problems against a schema, by JSON pointer (`key`: the unknown key an error is about). */
export function validateValue(
  schemaName: string,
  value: unknown,
): { pointer: string; key?: string; message: string }[] {
  const validate = compiled(schemaName)
  if (validate(value)) return []
  return dedupe(validate.errors ?? []).map((error) => {
    const key = keyOf(error)
    return {
      pointer: error.instancePath,
      ...(key !== undefined ? { key } : {}),
      message: describe(error, validate.schema as Schema),
    }
  })
}

// --- internal ---

function keyOf(error: ErrorObject): string | undefined {
  if (error.keyword === 'additionalProperties') return String(error.params.additionalProperty)
  return undefined
}

/** Messages for people: name the key, list the allowed values. */
function describe(error: ErrorObject, root: Schema): string {
  const p = error.params as Record<string, unknown>
  switch (error.keyword) {
    case 'additionalProperties':
      return `unknown key '${String(p.additionalProperty)}'${didYouMean(String(p.additionalProperty), Object.keys((error.parentSchema?.properties ?? {}) as object))}`
    case 'required':
      return `missing required key '${String(p.missingProperty)}'`
    case 'enum': {
      const allowed = p.allowedValues as unknown[]
      const hint =
        typeof error.data === 'string'
          ? didYouMean(
              error.data,
              allowed.filter((v): v is string => typeof v === 'string'),
              '"',
            )
          : ''
      return `must be one of: ${allowed.map((v) => JSON.stringify(v)).join(', ')}${hint}`
    }
    case 'const':
      return `must be ${JSON.stringify(p.allowedValue)}`
    case 'discriminator':
      if (p.error === 'mapping')
        return `unknown action '${String(p.tagValue)}'${didYouMean(String(p.tagValue), discriminatorValues(error, root))}`
      return `missing required key '${String(p.tag)}'`
    case 'pattern':
      return `must match ${String(p.pattern)}`
    case 'uniqueItems':
      return `lists the same value twice (items ${Math.min(Number(p.i), Number(p.j))} and ${Math.max(Number(p.i), Number(p.j))})`
    default:
      return error.message ?? 'is invalid'
  }
}

type Schema = {
  properties?: Record<string, { const?: unknown }>
  $ref?: string
  oneOf?: Schema[]
  [key: string]: unknown
}

/** The values a discriminator accepts (the `const` of the tag in each oneOf branch), for "did you mean". */
function discriminatorValues(error: ErrorObject, root: Schema): string[] {
  const tag = String((error.params as { tag?: unknown }).tag)
  const resolve = (s: Schema): Schema => {
    if (!s.$ref?.startsWith('#/')) return s
    let node: unknown = root
    for (const part of s.$ref.slice(2).split('/'))
      node = (node as Record<string, unknown> | undefined)?.[part]
    return (node as Schema | undefined) ?? s
  }
  const branches = ((error.parentSchema as Schema | undefined)?.oneOf ?? []).map(resolve)
  return branches.flatMap((b) =>
    typeof b.properties?.[tag]?.const === 'string' ? [b.properties[tag].const as string] : [],
  )
}

/** ajv reports some problems twice (oneOf branches, parents of child errors); keep the most specific ones. */
function dedupe(errors: ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>()
  const out: ErrorObject[] = []
  for (const error of errors) {
    if (error.keyword === 'oneOf' || error.keyword === 'if') continue
    const id = `${error.instancePath}|${error.keyword}|${JSON.stringify(error.params)}`
    if (seen.has(id)) continue
    seen.add(id)
    out.push(error)
  }
  return out
}

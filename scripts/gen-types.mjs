// Derives src/generated/*.ts from the JSON Schemas in schemas/, so the types are never written twice.
// test/schema.test.ts fails when a checked-in file is stale: run `npm run gen:types` after editing a schema.
import { readFile, writeFile, mkdir } from 'node:fs/promises'
import { compile } from 'json-schema-to-typescript'

/** schema file → [generated file, root type name] */
export const generated = {
  'target.schema.json': ['target.ts', 'TargetSpec'],
  'config.schema.json': ['config.ts', 'OutfitConfig'],
  'output.schema.json': ['output.ts', 'JsonOutput'],
}

export async function generateTypes(schemaFile) {
  const [, typeName] = generated[schemaFile]
  const schema = JSON.parse(await readFile(new URL(`../schemas/${schemaFile}`, import.meta.url), 'utf8'))
  // A `description` beside a `$ref` is for editors; json-schema-to-typescript would emit a duplicate type for each.
  stripRefSiblings(schema)
  return compile(schema, typeName, {
    bannerComment: `/* Generated from schemas/${schemaFile} by \`npm run gen:types\`. Do not edit by hand. */`,
    additionalProperties: false,
    unreachableDefinitions: true,
    style: { semi: false, singleQuote: true },
  })
}

function stripRefSiblings(node) {
  if (Array.isArray(node)) return node.forEach(stripRefSiblings)
  if (!node || typeof node !== 'object') return
  if (typeof node.$ref === 'string') delete node.description
  for (const value of Object.values(node)) stripRefSiblings(value)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await mkdir(new URL('../src/generated/', import.meta.url), { recursive: true })
  for (const [schemaFile, [file]] of Object.entries(generated)) {
    await writeFile(new URL(`../src/generated/${file}`, import.meta.url), await generateTypes(schemaFile))
    console.log(`wrote src/generated/${file}`)
  }
}

// Derives src/generated/target.ts from schemas/target.schema.json, so the types are never written twice.
// test/schema.test.ts fails when the checked-in file is stale: run `npm run gen:types` after editing the schema.
import { readFile, writeFile, mkdir } from 'node:fs/promises'
import { compile } from 'json-schema-to-typescript'

export async function generateTargetTypes() {
  const schema = JSON.parse(await readFile(new URL('../schemas/target.schema.json', import.meta.url), 'utf8'))
  // A `description` beside a `$ref` is for editors; json-schema-to-typescript would emit a duplicate type for each.
  stripRefSiblings(schema)
  return compile(schema, 'TargetSpec', {
    bannerComment: '/* Generated from schemas/target.schema.json by `npm run gen:types`. Do not edit by hand. */',
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
  const ts = await generateTargetTypes()
  await mkdir(new URL('../src/generated/', import.meta.url), { recursive: true })
  await writeFile(new URL('../src/generated/target.ts', import.meta.url), ts)
  console.log('wrote src/generated/target.ts')
}

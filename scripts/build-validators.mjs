// Part of `npm run build`: writes dist/schema/validators/<schema>.cjs, the precompiled ajv validator of each schema
// (see src/schema/precompile.ts). Generated at every build from the schemas as they are; never committed.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { VALIDATED_SCHEMAS, standaloneValidator, validatorsDir } from '../dist/schema/precompile.js'
import { schemasDir } from '../dist/package-root.js'

mkdirSync(validatorsDir, { recursive: true })
for (const schema of VALIDATED_SCHEMAS) {
  const text = readFileSync(join(schemasDir, schema), 'utf8')
  writeFileSync(join(validatorsDir, schema.replace(/\.json$/, '.cjs')), standaloneValidator(text))
}

// Every built-in target that loads cleanly, by the hash of its text (see src/load/prevalidated.ts).
const { loadTarget } = await import('../dist/load/load-target.js')
const { prevalidatedFile, textHash } = await import('../dist/load/prevalidated.js')
const { builtinTargetsDir } = await import('../dist/package-root.js')
const { realFs } = await import('../dist/fs/fs.js')
const { readdirSync } = await import('node:fs')
const { rmSync } = await import('node:fs')
rmSync(prevalidatedFile, { force: true }) // never answer from the previous build's record
const record = {}
for (const name of readdirSync(builtinTargetsDir).filter((n) => /\.ya?ml$/.test(n)).sort()) {
  const file = join(builtinTargetsDir, name)
  const result = await loadTarget(realFs, file)
  if (!result.ok) continue // a broken target is reported at run time, by the full pipeline
  record[textHash(readFileSync(file))] = { spec: result.value.spec, warnings: result.warnings.map(({ file: _file, ...w }) => w) }
}
writeFileSync(prevalidatedFile, `${JSON.stringify(record)}\n`)

// Writes the README's per-target table from targets/*.yaml (see src/docs/target-table.ts). Run: npm run gen:readme
import { readFile, writeFile } from 'node:fs/promises'
import { requireTargets } from '../src/api/targets.js'
import { targetTable, withTable } from '../src/docs/target-table.js'
import { realFs } from '../src/fs/fs.js'

const readmeUrl = new URL('../README.md', import.meta.url)
const targets = await requireTargets({ fs: realFs })
await writeFile(
  readmeUrl,
  withTable(await readFile(readmeUrl, 'utf8'), targetTable(targets.map((t) => t.spec))),
)
console.log('wrote README.md')

import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { realFs } from '../src/fs/fs.js'
import { loadTarget } from '../src/load/load-target.js'
for (const f of readdirSync('targets').filter((n) => n.endsWith('.yaml'))) {
  const r = await loadTarget(realFs, join('targets', f))
  if (!r.ok)
    for (const d of r.diagnostics) console.log(`${d.file}:${d.line}:${d.column} ${d.pointer} ${d.message}`)
}

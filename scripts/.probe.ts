import { join } from 'node:path'
import { realFs } from '../src/fs/fs.js'
import { loadTarget } from '../src/load/load-target.js'
import { renderDiagnostics } from '../src/report/render.js'
const fixtures = join(process.cwd(), 'test/fixtures/targets')
for (const f of process.argv.slice(2)) {
  const r = await loadTarget(realFs, join(fixtures, f))
  console.log(f, r.ok ? 'OK' : renderDiagnostics(r.diagnostics, { color: false, cwd: fixtures }))
}

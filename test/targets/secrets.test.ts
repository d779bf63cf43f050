// The kit references secrets as ${VAR}; no target ever writes a variable's value into a file, whatever the tool's
// reference syntax, and outfit says which referenced variables are not set.
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useSandbox } from '../integration/sandbox.js'

const sb = useSandbox()

describe('secrets', () => {
  it.each(['global', 'project'])(
    'are never written, in any of the built-in tools (%s scope)',
    async (scope) => {
      // Every built-in target that has the scope: each writes the kit's ${VAR}s in its tool's own syntax (golden files
      // show which), and none ever writes a value.
      const { requireTargets } = await import('../../src/api/targets.js')
      const { realFs } = await import('../../src/fs/fs.js')
      const ids = (await requireTargets({ fs: realFs }))
        .filter((t) => Object.hasOwn(t.spec.scopes, scope))
        .map((t) => t.spec.id)
      expect(ids.length).toBeGreaterThanOrEqual(24)
      const env = { DOCS_TOKEN: 'docs-secret-4711', GITHUB_PERSONAL_ACCESS_TOKEN: 'ghp-secret-4712' }
      const report = await sb.install(ids, { scope, env })
      expect(report.results.map((r) => r.status)).toEqual(ids.map(() => 'installed'))
      const texts = await allFiles(sb.root)
      expect(texts.length).toBeGreaterThan(20)
      for (const [path, text] of texts) {
        expect(text, path).not.toContain('docs-secret-4711')
        expect(text, path).not.toContain('ghp-secret-4712')
      }
      expect(report.results.flatMap((r) => r.log).filter((l) => l.text.includes('is not set'))).toEqual([])
    },
  )

  it('warns once per server about each referenced variable that is not set', async () => {
    const report = await sb.install(['cursor'], { env: { DOCS_TOKEN: 'x' } })
    expect(
      report.results[0]?.log
        .filter((l) => l.level === 'warn' && l.text.includes('not set'))
        .map((l) => l.text),
    ).toEqual([
      "MCP server 'issues' uses ${GITHUB_PERSONAL_ACCESS_TOKEN}, which is not set in this environment: set it before Cursor starts the server",
    ])
  })
})

// --- internal ---

async function allFiles(dir: string): Promise<[string, string][]> {
  const out: [string, string][] = []
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...(await allFiles(full)))
    else if (entry.isFile()) out.push([full, await readFile(full, 'utf8').catch(() => '')])
  }
  return out
}

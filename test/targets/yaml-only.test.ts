// Adding a tool is YAML only: no TypeScript under src/ names a tool id, so the engine cannot grow a special case for
// one tool. Comments may mention tools as examples; code (identifiers and strings) may not.
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { requireTargets } from '../../src/api/targets.js'
import { realFs } from '../../src/fs/fs.js'
import { repoRoot } from '../integration/sandbox.js'

describe('the engine knows no tool', () => {
  it('no TypeScript file under src/ mentions any target id outside comments', async () => {
    const ids = (await requireTargets({ fs: realFs })).map((t) => t.spec.id)
    expect(ids.length).toBeGreaterThanOrEqual(15)
    const mention = new RegExp(`(?<![\\w-])(${ids.map((id) => id.replace(/-/g, '\\-')).join('|')})(?![\\w-])`, 'gi')
    const found: string[] = []
    for (const file of await tsFiles(join(repoRoot, 'src'))) {
      const code = withoutComments(await readFile(file, 'utf8'))
      for (const match of code.matchAll(mention)) found.push(`${file.slice(repoRoot.length)}: ${match[0]}`)
    }
    expect(found).toEqual([])
    expect(found.length).toBe(0)
  })
})

// --- internal ---

async function tsFiles(dir: string): Promise<string[]> {
  const out: string[] = []
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...(await tsFiles(full)))
    else if (entry.name.endsWith('.ts')) out.push(full)
  }
  return out
}

/** Drops block comments and whole-line or trailing `//` comments (not `//` inside strings such as URLs). */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1')
}

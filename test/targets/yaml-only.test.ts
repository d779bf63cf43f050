// Adding a tool is YAML only: no TypeScript under src/ names a tool id, so the engine cannot grow a special case for
// one tool (`if (tool.id === '…')`). Comments may mention tools as examples; string literals may not. (Identifiers are
// not checked: a tool id such as `continue` is also a keyword.)
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { requireTargets } from '../../src/api/targets.js'
import { realFs } from '../../src/fs/fs.js'
import { repoRoot } from '../integration/sandbox.js'

describe('the engine knows no tool', () => {
  it('no TypeScript file under src/ has a target id in a string', async () => {
    const ids = (await requireTargets({ fs: realFs })).map((t) => t.spec.id)
    expect(ids.length).toBeGreaterThanOrEqual(15)
    const mention = new RegExp(
      `(?<![\\w-])(${ids.map((id) => id.replace(/-/g, '\\-')).join('|')})(?![\\w-])`,
      'gi',
    )
    const found: string[] = []
    for (const file of await tsFiles(join(repoRoot, 'src'))) {
      for (const literal of strings(withoutComments(await readFile(file, 'utf8')))) {
        for (const match of literal.matchAll(mention))
          found.push(`${file.slice(repoRoot.length)}: ${match[0]} in ${JSON.stringify(literal)}`)
      }
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

/** The contents of the string and template literals in some code. */
function strings(code: string): string[] {
  return [...code.matchAll(/(['"`])((?:\\.|(?!\1)[^\\])*)\1/g)].map((m) => m[2] ?? '')
}

/** Drops block comments and whole-line or trailing `//` comments (not `//` inside strings such as URLs). */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1')
}

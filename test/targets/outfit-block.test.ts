// The `outfit:` block is outfit's own: whatever path a target takes a kit item through (frontmatter copied or edited,
// TOML or JSON output, commands as skills, rules in a block or joined files, skills copied as they are, MCP and hook
// entries), no tool's file ever holds it. Every built-in target, every scope, on memfs.
import { describe, expect, it } from 'vitest'
import { createMemSandbox } from '../helpers/mem-sandbox.js'
import { builtinTargets } from '../integration/sandbox.js'

const targets = await builtinTargets()
// The system scope writes under the system root, outside the sandbox's home and project (its own tests cover it).
const scopes = ['global', 'project']
const BLOCK = 'outfit:\n  tools: { not: [nobody] }\n  overrides:\n    nobody: { secret-key: leaked }\n'

describe.each(scopes)('every target with a %s scope', (scope) => {
  it('installs items that carry an outfit: block without writing it anywhere', async () => {
    const sb = await createMemSandbox()
    for (const file of [
      'agents/reviewer.md',
      'commands/changelog.md',
      'rules/general.md',
      'rules/typescript.md',
      'skills/code-review/SKILL.md',
    ]) {
      const text = await sb.read(`kit/${file}`)
      await sb.write(`kit/${file}`, text.replace(/^---\n/, `---\n${BLOCK}`))
    }
    await sb.write(
      'kit/mcp.yaml',
      'servers:\n  fs:\n    command: npx\n    args: [fs]\n    outfit: { tools: { not: [nobody] }, overrides: { nobody: { secret-key: leaked } } }\n',
    )
    await sb.write(
      'kit/hooks.yaml',
      'hooks:\n  - event: sessionStart\n    command: git status\n    outfit: { tools: { not: [nobody] } }\n',
    )
    const ids = targets.filter((t) => Object.hasOwn(t.spec.scopes, scope)).map((t) => t.spec.id)
    const report = await sb.install(ids, { scope })
    expect(report.results.filter((r) => r.status === 'failed').map((r) => r.failure?.error.message)).toEqual(
      [],
    )
    const tree = await sb.tree()
    const written = Object.entries(tree).filter(([, kind]) => kind !== 'dir' && !kind.startsWith('->'))
    expect(written.length).toBeGreaterThan(0)
    for (const [path] of written) {
      const text = await sb.read(path)
      expect(text, path).not.toMatch(/secret-key|\bnobody\b|^\s*"?outfit"?\s*[:=]|\[[^\]]*\.outfit\]/m)
    }
  })
})

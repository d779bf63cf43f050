// outfit plan / install --dry-run: shows every change with diffs and writes nothing; --check for CI drift checks.
import { describe, expect, it } from 'vitest'
import { runCli } from '../helpers/run-cli.js'
import { useSandbox } from '../integration/sandbox.js'

const sb = useSandbox()

async function cli(...argv: string[]) {
  const run = await runCli([...argv, '--kit', sb.kit, '--scope', 'global', '--home', sb.home], {
    cwd: sb.root,
  })
  return { code: run.code, out: run.all }
}

describe('plan', () => {
  it('lists creations and shows a diff of merged files, writing nothing', async () => {
    await sb.write('home/.codex/config.toml', '# mine\nmodel = "o3"\n')
    const before = await sb.tree()
    const { code, out } = await cli('plan', 'codex')
    expect(code).toBe(0)
    expect(out).toContain('Codex CLI  6 to create, 1 to change')
    expect(out).toContain('  ~ home/.codex/config.toml')
    expect(out).toContain('      +[mcp_servers.filesystem]')
    expect(out).toContain('  + home/.codex/skills/changelog/SKILL.md')
    expect(out).toContain("  ! MCP server 'events' not installed: Codex CLI has no SSE servers")
    expect(await sb.tree()).toEqual(before)
  })

  it('install --dry-run is the same plan', async () => {
    const before = await sb.tree()
    const { code, out } = await cli('install', 'cursor', '--dry-run')
    expect(code).toBe(0)
    expect(out).toMatch(/^Cursor {2}\d+ to create/)
    expect(await sb.tree()).toEqual(before)
  })

  it('--check exits 1 while an install would change something, 0 once up to date', async () => {
    expect((await cli('plan', 'cursor', '--check')).code).toBe(1)
    expect((await cli('install', 'cursor', '--yes')).code).toBe(0)
    const clean = await cli('plan', 'cursor', '--check')
    // Up to date, and still saying what it leaves out (global Cursor rules live in its settings).
    expect(clean.out.split('\n')[0]).toBe('Cursor  up to date')
    expect(clean.out).toContain(
      '  ! rules/general.md, rules/typescript.md not installed: Cursor keeps user rules in its settings',
    )
    expect(clean.code).toBe(0)
    // A new kit version with the same files is still a change: the install records which version is in place.
    await sb.write('kit/kit.yaml', 'name: starter-kit\nversion: 1.0.1\n')
    const bumped = await cli('plan', 'cursor', '--check')
    expect(bumped.out.split('\n')[0]).toBe('Cursor  the kit version changes')
    expect(bumped.code).toBe(1)
  })

  it('--json gives one document with per-tool changes', async () => {
    const { out } = await cli('plan', 'cursor', '--json')
    const doc = JSON.parse(out)
    expect(doc.command).toBe('plan')
    expect(doc.tools[0].tool).toBe('cursor')
    expect(doc.tools[0].changes.every((c: { kind: string }) => c.kind === 'create')).toBe(true)
  })
})

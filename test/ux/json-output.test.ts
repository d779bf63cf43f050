// Every --json document a script can get, from real runs, checked against schemas/output.schema.json.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/cli/index.js'
import { realFs } from '../../src/fs/fs.js'
import { useSandbox, repoRoot } from '../integration/sandbox.js'

const validate = new Ajv2020({ allErrors: true, strict: true }).compile(
  JSON.parse(readFileSync(join(repoRoot, 'schemas/output.schema.json'), 'utf8')),
)

const sb = useSandbox()

async function json(...argv: string[]): Promise<{ code: number; doc: Record<string, unknown> }> {
  const out: string[] = []
  const code = await main([...argv, '--json'], {
    fs: realFs,
    cwd: sb.project,
    env: { HOME: sb.home },
    out: (l) => out.push(l),
    err: () => {},
    color: false,
    isTTY: false,
  })
  // One document, nothing else on stdout: a script can JSON.parse the whole output.
  const doc = JSON.parse(out.join('\n')) as Record<string, unknown>
  expect(validate(doc), JSON.stringify(validate.errors, null, 2)).toBe(true)
  return { code, doc }
}

describe('--json output matches schemas/output.schema.json', () => {
  it('for every command, in success and failure', async () => {
    const kit = ['--kit', sb.kit, '--scope', 'global', '--home', sb.home]
    expect((await json('list')).doc.command).toBe('list')
    const packed = await json(
      'pack',
      '--kit',
      sb.kit,
      '--format',
      'agent-plugin',
      '--format',
      'codex',
      '--out',
      'pk',
    )
    expect(packed.doc).toMatchObject({
      command: 'pack',
      dir: join(sb.project, 'pk'),
      marketplace: false,
      packages: [{ format: 'agent-plugin' }, { format: 'codex' }],
      listings: [],
    })
    const planned = await json('plan', 'claude-code', 'cursor', ...kit)
    expect(planned.doc).toMatchObject({ command: 'plan', scope: 'global' })
    expect((await json('install', 'claude-code', ...kit, '--dry-run')).doc.command).toBe('plan')

    const installed = await json('install', 'claude-code', 'cursor', ...kit)
    expect(installed.code).toBe(0)
    expect(installed.doc).toMatchObject({
      command: 'install',
      cancelled: false,
      tools: [
        { tool: 'claude-code', status: 'installed' },
        { tool: 'cursor', status: 'installed' },
      ],
    })
    const again = await json('install', 'claude-code', 'cursor', ...kit)
    expect((again.doc.tools as { status: string }[]).map((t) => t.status)).toEqual(['unchanged', 'unchanged'])

    await sb.write('home/.cursor/agents/reviewer.md', 'my edit\n')
    const status = await json('status', '--scope', 'global', '--home', sb.home)
    expect(status.doc.tools).toContainEqual(
      expect.objectContaining({
        tool: 'cursor',
        drift: [{ path: join(sb.home, '.cursor/agents/reviewer.md'), problem: 'changed' }],
      }),
    )

    const removed = await json('uninstall', 'claude-code', 'cursor', '--scope', 'global', '--home', sb.home)
    expect(removed.doc).toMatchObject({
      command: 'uninstall',
      tools: [
        { status: 'uninstalled' },
        { status: 'uninstalled', kept: [{ path: join(sb.home, '.cursor/agents/reviewer.md') }] },
      ],
    })

    expect((await json('recover', '--home', sb.home)).doc).toEqual({ command: 'recover', recovered: [] })
    expect((await json('forget', '--home', sb.home, '--scope', 'global', '--dry-run')).doc).toMatchObject({
      command: 'forget',
      scope: 'global',
      forgotten: false,
      roots: [{ root: sb.home, installs: [{ tool: 'cursor' }], journals: [] }],
    })
    expect((await json('validate')).doc).toMatchObject({ command: 'validate', valid: true })
    const invalid = await json('validate', join(repoRoot, 'test/fixtures/targets/invalid/wrong-types.yaml'))
    expect(invalid.code).toBe(1)
    expect(invalid.doc).toMatchObject({
      valid: false,
      diagnostics: expect.arrayContaining([
        expect.objectContaining({ pointer: '/name', line: expect.any(Number) }),
      ]),
    })

    const init = await json('init', 'kit', 'new-kit')
    expect(init.doc).toMatchObject({
      command: 'init',
      kind: 'kit',
      created: expect.arrayContaining([join(sb.project, 'new-kit/kit.yaml')]),
    })
  })

  it('names, per tool, what in the kit the tool cannot take (plan and install)', async () => {
    const kit = ['--kit', sb.kit, '--scope', 'global', '--home', sb.home]
    const sse = { what: "MCP server 'events'", reason: 'Codex CLI has no SSE servers' }
    const planned = await json('plan', 'codex', 'windsurf', ...kit)
    expect(planned.doc.tools).toMatchObject([
      { tool: 'codex', dropped: [sse] },
      {
        tool: 'windsurf',
        dropped: expect.arrayContaining([
          { what: 'agents/reviewer.md', reason: 'Windsurf has no subagents' },
        ]),
      },
    ])
    const installed = await json('install', 'codex', ...kit)
    const [codex] = installed.doc.tools as { dropped: unknown[]; log: { level: string; text: string }[] }[]
    expect(codex?.dropped).toEqual([sse])
    expect(codex?.log).toContainEqual({
      level: 'warn',
      text: "MCP server 'events' not installed: Codex CLI has no SSE servers",
    })
  })

  it('expected failures print an error document and keep their exit code', async () => {
    const usage = await json('install', 'nosuchtool', '--yes')
    expect(usage.code).toBe(2)
    expect(usage.doc).toMatchObject({
      command: 'install',
      error: { code: 'USAGE', message: 'unknown tool: nosuchtool' },
    })
    await sb.write('kit/kit.yaml', 'name: Bad Name\nversion: 1.0.0\n')
    const broken = await json('install', 'cursor', '--kit', sb.kit)
    expect(broken.code).toBe(1)
    expect(broken.doc).toMatchObject({ command: 'install' })
    const conflict = await json('init', 'kit', sb.kit)
    expect(conflict.code).toBe(1)
    expect(conflict.doc).toMatchObject({ error: { code: 'CONFLICT' } })
  })
})

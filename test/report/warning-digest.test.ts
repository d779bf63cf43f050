// One warning per cause across tools' blocks; long warnings cut; --verbose (no digest) shows everything.
import { describe, expect, it } from 'vitest'
import { WarningDigest } from '../../src/report/warning-digest.js'
import type { ToolResult } from '../../src/types.js'
import { runCli } from '../helpers/run-cli.js'
import { createSandbox } from '../integration/sandbox.js'

const result = (name: string, warnings: string[]): ToolResult => ({
  tool: name.toLowerCase(),
  name,
  scope: 'global',
  status: 'installed',
  steps: [],
  rollbackErrors: [],
  kept: [],
  log: [{ level: 'info', text: 'done' }, ...warnings.map((text) => ({ level: 'warn' as const, text }))],
  written: 0,
})

describe('WarningDigest', () => {
  it('says a cause once across tools, however each names itself, and counts what it left out', () => {
    const digest = new WarningDigest()
    const unset = (tool: string) =>
      `MCP server 'docs' uses \${DOCS_TOKEN}, which is not set: set it before ${tool} starts it`
    const first = digest.filter(result('Cursor', [unset('Cursor'), 'only Cursor']))
    const second = digest.filter(result('Codex CLI', [unset('Codex CLI'), 'only Codex']))
    expect(first.log.map((e) => e.text)).toEqual(['done', unset('Cursor'), 'only Cursor'])
    expect(second.log.map((e) => e.text)).toEqual(['done', 'only Codex'])
    expect(digest.hidden).toBe(1)
  })

  it('cuts a warning longer than the limit and says how much is left', () => {
    const digest = new WarningDigest(20)
    const [, warning] = digest.filter(result('T', ['x'.repeat(50)])).log
    expect(warning?.text).toBe(`${'x'.repeat(20)}… (30 more characters; --verbose shows all)`)
  })

  it('install into two tools prints an unset variable once, and --verbose prints it for each', async () => {
    const sb = await createSandbox()
    try {
      const args = [
        'install',
        'cursor',
        'gemini-cli',
        '--scope',
        'global',
        '--kit',
        sb.kit,
        '--home',
        sb.home,
      ]
      const quiet = await runCli(args, { cwd: sb.project })
      expect(quiet.code, quiet.all).toBe(0)
      expect(quiet.out.match(/uses \$\{DOCS_TOKEN\}, which is not set/g)).toHaveLength(1)
      expect(quiet.err).toMatch(/note: \d+ warnings? already shown for another tool/)
      await runCli(['uninstall', 'cursor', 'gemini-cli', '--scope', 'global', '--home', sb.home], {
        cwd: sb.project,
      })
      const verbose = await runCli([...args, '--verbose'], { cwd: sb.project })
      expect(verbose.out.match(/uses \$\{DOCS_TOKEN\}, which is not set/g)).toHaveLength(2)
    } finally {
      await sb.cleanup()
    }
  })
})

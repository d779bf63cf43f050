// Detection sees the tool, not outfit's own output: folders outfit created count only once the tool has put
// something of its own in them; folders that were there before outfit count as before.
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../helpers/run-cli.js'
import { useSandbox } from '../integration/sandbox.js'

const sb = useSandbox()

const cli = (...argv: string[]) =>
  runCli([...argv, '--scope', 'global', '--home', sb.home], {
    cwd: sb.project,
    env: { HOME: sb.home, PATH: '' },
  })

async function detected(): Promise<string[]> {
  const list = await cli('list', '--json')
  return (JSON.parse(list.out) as { tools: { id: string; detected: boolean }[] }).tools
    .filter((t) => t.detected)
    .map((t) => t.id)
}

describe('detection after outfit installed into every tool', () => {
  it('finds no tool that was not there before, and finds each one once it has files of its own', async () => {
    await mkdir(join(sb.home, '.codex'))
    await writeFile(join(sb.home, '.codex/auth.json'), '{}')
    expect(await detected()).toEqual(['codex'])
    const installed = await cli('install', '--all', '--yes', '--kit', sb.kit)
    expect(installed.code, installed.all).toBe(0)
    // Every tool's folder exists now, made by outfit: that is not the tool.
    expect(await detected()).toEqual(['codex'])
    expect((await cli('install', '--detected', '--yes', '--kit', sb.kit)).out).toMatch(/Codex CLI/)
    // Claude Code runs for the first time and writes its own files next to outfit's.
    await mkdir(join(sb.home, '.claude/projects'))
    expect(await detected()).toEqual(['claude-code', 'codex'])
    const status = await cli('status', 'cursor', 'claude-code', '--json')
    expect(
      (JSON.parse(status.out) as { tools: { tool: string; detected: boolean }[] }).tools.map((t) => [
        t.tool,
        t.detected,
      ]),
    ).toEqual([
      ['cursor', false],
      ['claude-code', true],
    ])
  })
})

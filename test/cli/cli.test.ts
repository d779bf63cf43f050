// The cac shell, driven in-process through main(argv, deps) with captured output.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { main } from '../../src/cli/index.js'
import { realFs } from '../../src/fs/fs.js'
import { createSandbox, repoRoot, type Sandbox } from '../integration/sandbox.js'

let sb: Sandbox
beforeEach(async () => {
  sb = await createSandbox()
})
afterEach(async () => {
  await sb.cleanup()
})

async function cli(...argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await main(argv, { fs: realFs, cwd: sb.project, env: { HOME: sb.home }, out: (l) => out.push(l), err: (l) => err.push(l), color: false, isTTY: false })
  return { code, out: out.join('\n'), err: err.join('\n') }
}

describe('cli', () => {
  it('--help and --version exit 0', async () => {
    const help = await cli('--help')
    expect(help.code).toBe(0)
    expect(help.out).toBe('')
    const version = await cli('--version')
    expect(version.code).toBe(0)
  })

  it.each([
    [['frobnicate'], "error: unknown command 'frobnicate'"],
    [['install', '--frobnicate', '--all'], 'error: unknown option: --frobnicate'],
    [['install', 'notatool', '--yes'], 'error: unknown tool: notatool'],
    [['install', '--yes'], 'error: which tools? name them, or pass --all or --detected'],
    [['install', 'claude-code', '--all'], 'error: name tools or use --all/--detected, not both'],
    [['install', 'copilot', '--scope', 'plugin'], "error: GitHub Copilot has no 'plugin' scope"],
  ])('%j is a usage error (exit 2) with a clear message', async (argv, message) => {
    const result = await cli(...argv)
    expect(result.code).toBe(2)
    expect(result.err.split('\n')[0]).toBe(message)
    expect(result.err).not.toMatch(/\n\s+at /)
  })

  it('validate reports every diagnostic and exits 1', async () => {
    const result = await cli('validate', join(repoRoot, 'test/fixtures/targets/invalid/wrong-types.yaml'))
    expect(result.code).toBe(1)
    expect(result.out.split('\n')).toHaveLength(4)
    expect(result.out).toContain('/name: must be string')
  })

  it('validate with no files checks the built-in targets', async () => {
    const result = await cli('validate')
    expect(result.code).toBe(0)
    expect(result.out).toMatch(/✓ \d+ targets valid/)
  })

  it('install, status, list and uninstall dispatch to the core', async () => {
    const installed = await cli('install', 'cursor', '--kit', sb.kit, '--scope', 'project')
    expect(installed.code).toBe(0)
    expect(installed.out).toMatch(/✓ Cursor\s+installed/)
    const status = await cli('status', 'cursor', '--json')
    expect(JSON.parse(status.out).tools[0]).toMatchObject({ tool: 'cursor', installed: { kit: 'starter-kit', version: '1.0.0' }, drift: [] })
    const list = await cli('list', '--json')
    expect(JSON.parse(list.out).tools.map((t: { id: string }) => t.id)).toContain('cursor')
    const removed = await cli('uninstall', 'cursor', '--json')
    expect(JSON.parse(removed.out).tools[0]).toMatchObject({ tool: 'cursor', status: 'uninstalled' })
  })

  it('a broken kit is reported with positions and changes nothing (exit 1)', async () => {
    await sb.write('kit/kit.yaml', 'name: Bad Name\nversion: 1\n')
    const result = await cli('install', 'cursor', '--kit', sb.kit)
    expect(result.code).toBe(1)
    expect(result.err).toContain('kit.yaml:1:7  /name: must match')
    expect(result.err).toContain('nothing was changed')
  })
})

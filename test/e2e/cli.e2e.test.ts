// The built CLI as a user runs it: a subprocess on real temp dirs.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useSandbox, repoRoot } from '../integration/sandbox.js'
import { builtCli } from '../helpers/built-cli.js'

const bin = builtCli
const sb = useSandbox()

const outfit = (...args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], {
    cwd: sb.project,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', CI: 'true' },
  })

describe('outfit (built, as a subprocess)', () => {
  it('is also a library: the package entry point exports the core', async () => {
    const api = (await import(join(repoRoot, 'dist/index.js'))) as Record<string, unknown>
    for (const name of [
      'install',
      'uninstall',
      'plan',
      'status',
      'discoverTargets',
      'loadKit',
      'loadConfig',
      'initKit',
      'recover',
    ])
      expect(typeof api[name], name).toBe('function')
  })

  it('scaffolds a kit and a target that install and uninstall cleanly', () => {
    expect(outfit('init', 'kit', 'kit').status).toBe(0)
    expect(outfit('init', 'target', 'my-tool').status).toBe(0)
    const installed = outfit('install', 'my-tool', '--kit', 'kit', '--targets', 'targets', '--yes')
    expect(installed.status, installed.stderr).toBe(0)
    // rules, commands, agents, skills, mcp: one file each from the scaffolded kit (presets, the manifest implicit)
    expect(installed.stdout).toMatch(/✓ My Tool\s+installed \(5 files\)/)
    expect(existsSync(join(sb.project, '.my-tool/rules/style.md'))).toBe(true)
    const removed = outfit('uninstall', 'my-tool', '--targets', 'targets', '--yes')
    expect(removed.status, removed.stderr).toBe(0)
    expect(existsSync(join(sb.project, '.my-tool'))).toBe(false)
  })

  it('prints help', () => {
    const help = outfit('--help')
    expect(help.status).toBe(0)
    expect(help.stdout).toContain('install [...tools]')
  })

  it('installs the example kit into every tool, is a no-op the second time, and uninstalls to the exact tree', async () => {
    // A real home has ~/.config. (Without it, the ~/.config that several tools' folders share can stay behind empty:
    // a block or JSON-merge step does not record an outfit-made folder above its file, as copy steps do.)
    await mkdir(join(sb.home, '.config'))
    const before = await sb.tree()
    const common = ['--yes', '--scope', 'global', '--home', sb.home]
    const first = outfit('install', '--all', '--kit', join(repoRoot, 'examples/starter-kit'), ...common)
    expect(first.status, first.stderr).toBe(0)
    expect(first.stdout).toMatch(/✓ Claude Code\s+installed/)
    expect(first.stdout).not.toContain('\u001b[')
    const second = outfit('install', '--all', '--kit', join(repoRoot, 'examples/starter-kit'), ...common)
    expect(second.stdout.match(/up to date\n/g)?.length).toBeGreaterThanOrEqual(7)
    const removed = outfit('uninstall', '--all', ...common)
    expect(removed.status, removed.stderr).toBe(0)
    expect(await sb.tree()).toEqual(before)
  })
})

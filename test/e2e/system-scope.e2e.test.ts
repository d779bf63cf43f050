// `outfit install --scope system` as an administrator's script runs it, on a real disk: into an image folder with
// --root and out again exactly, and refused, with nothing changed, for a user who may not write the system folders
// (a read-only folder; as root, whom modes do not stop, the CLI runs as `nobody` through setpriv).
import { spawnSync } from 'node:child_process'
import { chmod, mkdir, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { snapshotTree, useSandbox } from '../integration/sandbox.js'
import { builtCli } from '../helpers/built-cli.js'

const sb = useSandbox()
const asRoot = process.getuid?.() === 0

const outfit = (args: string[], options: { as?: 'nobody' } = {}) => {
  const argv = [process.execPath, builtCli, ...args]
  const [command, ...rest] =
    options.as === 'nobody' ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', ...argv] : argv
  return spawnSync(command as string, rest, {
    cwd: sb.project,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, HOME: sb.home, NO_COLOR: '1', CI: 'true' },
  })
}

describe('outfit install --scope system (built)', () => {
  it('writes the managed folders under --root, shows them, and uninstalls to the tree it found', async () => {
    const image = join(sb.root, 'image')
    await mkdir(join(image, 'etc'), { recursive: true })
    const before = await snapshotTree(sb.root, [image])
    const scope = ['--scope', 'system', '--root', image]
    const installed = outfit([
      'install',
      'claude-code',
      'codex',
      ...scope,
      '--kit',
      sb.kit,
      '--yes',
      '--trust',
    ])
    expect(installed.stdout).toMatch(/✓ Claude Code +installed/)
    expect(installed.status).toBe(0)
    expect((await readdir(join(image, 'etc/claude-code'))).sort()).toEqual([
      '.claude',
      'CLAUDE.md',
      'managed-mcp.json',
      'managed-settings.json',
    ])
    const shown = outfit(['status', ...scope, '--json'])
    const rows = JSON.parse(shown.stdout).tools as { tool: string; installed: { kit: string } | null }[]
    expect(rows.map((r) => [r.tool, r.installed?.kit ?? null])).toEqual([
      ['claude-code', 'starter-kit'],
      ['codex', 'starter-kit'],
      ['gemini-cli', null],
    ])
    expect(outfit(['uninstall', 'claude-code', 'codex', ...scope, '--yes']).status).toBe(0)
    // The records stay where they are (outfit forget drops them); every tool folder is gone, /etc stays.
    const after = await snapshotTree(sb.root, [image])
    const outside = (tree: Record<string, string>) =>
      Object.fromEntries(Object.entries(tree).filter(([p]) => !p.startsWith('image/var')))
    expect(outside(after)).toEqual(outside(before))
  })

  it('a user who may not write the system folders is refused before anything changes, with what to do', async () => {
    const image = join(sb.root, 'image')
    await mkdir(join(image, 'etc'), { recursive: true })
    // nobody must reach the kit and the folders (mkdtemp makes them 0700) and its home.
    for (const dir of [sb.root, sb.kit, sb.home, sb.project]) await chmod(dir, 0o755)
    await chmod(sb.home, 0o777)
    await chmod(image, 0o555)
    await chmod(join(image, 'etc'), 0o555)
    const before = await snapshotTree(sb.root, [image])
    const run = outfit(
      ['install', 'claude-code', '--scope', 'system', '--root', image, '--kit', sb.kit, '--yes', '--trust'],
      asRoot ? { as: 'nobody' } : {},
    )
    expect(run.stderr).toContain(
      `cannot write the system scope: ${image} is not writable by this user (EACCES)`,
    )
    expect(run.stderr).toContain('run outfit as root (sudo outfit install --scope system')
    expect(run.status).not.toBe(0)
    expect(await snapshotTree(sb.root, [image])).toEqual(before)
    await chmod(join(image, 'etc'), 0o755)
    await chmod(image, 0o755)
  })

  it('a tool without a managed location says so', () => {
    const run = outfit(['install', 'cursor', '--scope', 'system', '--kit', sb.kit, '--yes'])
    expect(run.status).toBe(2)
    expect(run.stderr).toContain("Cursor has no 'system' scope: no machine-wide, managed location")
  })
})

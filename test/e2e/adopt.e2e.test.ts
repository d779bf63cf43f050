// `outfit adopt` through the built CLI on a real disk: adopt, then `plan --check` exits 0 and `validate --kit` passes;
// a conflict between tools exits 1 with the --json document and writes nothing.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chmod, mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useSandbox } from '../integration/sandbox.js'
import { builtCli } from '../helpers/built-cli.js'

const sb = useSandbox()

const outfit = (...args: string[]) =>
  spawnSync(process.execPath, [builtCli, ...args], {
    cwd: sb.project,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, HOME: sb.home, NO_COLOR: '1', CI: 'true' },
  })

async function put(path: string, text: string, mode?: number): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  await writeFile(path, text)
  if (mode !== undefined) await chmod(path, mode)
}

describe('outfit adopt (built)', () => {
  it('adopts Claude Code into kit/: a valid kit, and plan --check finds nothing to change', async () => {
    const p = sb.project
    await put(
      join(p, '.claude/agents/reviewer.md'),
      "---\nname: reviewer\ndescription: 'Reviews: bugs first'\ntools: Read, Grep\n---\nReview.\n",
    )
    await put(join(p, '.claude/commands/fix.md'), '---\ndescription: Fix\n---\nFix $ARGUMENTS\n')
    await put(join(p, '.claude/skills/ship/SKILL.md'), '---\nname: ship\ndescription: Ships\n---\nRun it.\n')
    await put(join(p, '.claude/skills/ship/run.sh'), '#!/bin/sh\n', 0o755)
    const run = outfit('adopt', 'claude-code')
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(run.stdout).toContain('✓ wrote 5 files into')
    expect(outfit('validate', '--kit', join(p, 'kit')).status).toBe(0)
    const check = outfit('plan', 'claude-code', '--kit', join(p, 'kit'), '--check')
    expect(check.stderr + check.stdout).not.toContain('✗')
    expect(check.status).toBe(0)
  })

  it('two tools that disagree: exit 1, the versions in --json, nothing written', async () => {
    const p = sb.project
    await put(join(p, '.claude/commands/fix.md'), '---\ndescription: Fix\n---\nFix $ARGUMENTS\n')
    await put(join(p, '.cursor/commands/fix.md'), 'Fix it all.\n')
    const run = outfit('adopt', '--json')
    expect(run.status).toBe(1)
    const doc = JSON.parse(run.stdout)
    expect(doc.command).toBe('adopt')
    expect(doc.conflicts.map((c: { path: string }) => c.path)).toEqual(['commands/fix.md'])
    expect(doc.written).toBe(false)
    expect(existsSync(join(p, 'kit'))).toBe(false)
    expect(outfit('adopt', '--prefer', 'cursor').status).toBe(0)
    expect(existsSync(join(p, 'kit/commands/fix.md'))).toBe(true)
  })
})

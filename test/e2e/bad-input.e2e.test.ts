// The built CLI as a user runs it, on input that used to hang or crash: it answers at once, in one clear line.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useSandbox } from '../integration/sandbox.js'
import { builtCli } from '../helpers/built-cli.js'

const bin = builtCli
const sb = useSandbox()

const outfit = (...args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], {
    cwd: sb.project,
    encoding: 'utf8',
    timeout: 20_000,
    env: { ...process.env, HOME: sb.home, NO_COLOR: '1', CI: 'true' },
  })

describe('outfit (built) on bad input', () => {
  it('a FIFO as kit.yaml: refused at once (it used to block forever)', async () => {
    await rm(join(sb.kit, 'kit.yaml'))
    execFileSync('mkfifo', [join(sb.kit, 'kit.yaml')])
    const run = outfit('install', 'cursor', '--yes', '--kit', sb.kit)
    expect(run.error).toBeUndefined()
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('kit.yaml:1:1  is a named pipe (FIFO), not a regular file')
  })

  it('no kit: the hint says how to give one, and --json has its own code', () => {
    const run = outfit('install', 'cursor', '--yes')
    expect(run.status).toBe(1)
    expect(run.stderr).toContain(
      "→ pass --kit <folder>, set 'kit:' in outfit.config.yaml, or create one with 'outfit init kit'",
    )
    expect(JSON.parse(outfit('install', 'cursor', '--yes', '--json').stdout).error.code).toBe('KIT_NOT_FOUND')
  })

  it('--home=~/x is the home folder x, and a mistyped --home is refused, not created', async () => {
    await mkdir(join(sb.home, 'x'))
    expect(
      outfit('install', 'cursor', '--yes', '--scope', 'global', '--kit', sb.kit, '--home=~/x').status,
    ).toBe(0)
    expect(existsSync(join(sb.home, 'x/.cursor/mcp.json'))).toBe(true)
    expect(existsSync(join(sb.project, '~'))).toBe(false)
    const typo = outfit(
      'install',
      'cursor',
      '--yes',
      '--scope',
      'global',
      '--kit',
      sb.kit,
      '--home',
      join(sb.root, 'hmoe'),
    )
    expect(typo.status).toBe(2)
    expect(existsSync(join(sb.root, 'hmoe'))).toBe(false)
  })
})

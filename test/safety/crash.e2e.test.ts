// The built CLI as a subprocess, stopped at exact points: SIGKILL mid-install, then the next command recovers every
// file byte-for-byte; SIGINT mid-install rolls back, reports, and exits 130; two processes never interleave.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { watch } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useSandbox } from '../integration/sandbox.js'
import { builtCli } from '../helpers/built-cli.js'

const cli = builtCli
const sb = useSandbox(async (sb) => {
  await sb.write('home/.claude.json', '{\n  "numStartups": 9\n}\n')
  await sb.write('home/.codex/config.toml', '# mine\nmodel = "o3"\n')
  await sb.write('home/.config/opencode/AGENTS.md', '# Team rules\n')
})

const installArgs = () => [
  'install',
  'claude-code',
  'codex',
  'opencode',
  '--yes',
  '--scope',
  'global',
  '--kit',
  sb.kit,
  '--home',
  sb.home,
]

/** Starts the CLI paused after `changes` file-system changes; resolves once it is parked there. */
async function startPaused(changes: number) {
  const marker = join(sb.root, `paused-${changes}`)
  const child = spawn(process.execPath, [cli, ...installArgs()], {
    env: {
      ...process.env,
      NO_COLOR: '1',
      OUTFIT_TEST_PAUSE_AFTER_CHANGES: String(changes),
      OUTFIT_TEST_PAUSE_MARKER: marker,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr.on('data', (d: Buffer) => (out += d.toString()))
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))),
  )
  // Wait for the marker the paused process writes (an event, not a timer).
  const watcher = watch(sb.root)
  if (!existsSync(marker))
    for await (const event of watcher) if (event.filename === `paused-${changes}` || existsSync(marker)) break
  return { child, exited, output: () => out }
}

function outfit(args: string[]) {
  return spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  })
}

describe('crash safety (subprocess)', () => {
  it.each([1, 7, 25, 60])('recovers every file after SIGKILL at change %i', async (n) => {
    const before = await sb.tree()
    const { child, exited } = await startPaused(n)
    child.kill('SIGKILL')
    await exited
    const recovered = outfit(['recover', '--scope', 'global', '--home', sb.home])
    expect(recovered.status).toBe(0)
    expect(recovered.stdout).toMatch(/rolled it back|nothing to recover/)
    expect(await sb.tree()).toEqual(before)
  })

  it('plan after a crash says so, shows what install would do after the rollback, and changes nothing', async () => {
    const before = await sb.tree()
    const { child, exited } = await startPaused(30)
    child.kill('SIGKILL')
    await exited
    const crashed = await sb.tree()
    const planArgs = [
      'plan',
      'claude-code',
      'codex',
      'opencode',
      '--scope',
      'global',
      '--kit',
      sb.kit,
      '--home',
      sb.home,
    ]
    const planned = outfit(planArgs)
    expect(planned.status, planned.stderr).toBe(0)
    expect(planned.stderr).toMatch(/was interrupted and left changes half-done; install rolls it back first/)
    // From the rolled-back tree, installing creates the kit's files: nothing is shown as removed.
    expect(planned.stdout).not.toMatch(/^ {2}- /m)
    expect(planned.stdout).toContain('+ ')
    expect(await sb.tree()).toEqual(crashed)
    expect(outfit(['recover', '--scope', 'global', '--home', sb.home]).status).toBe(0)
    expect(await sb.tree()).toEqual(before)
  })

  it('rolls back an interrupted run automatically at the next install', async () => {
    const { child, exited } = await startPaused(30)
    child.kill('SIGKILL')
    await exited
    // status changes nothing (no lock, no recovery) but says plainly that what it shows may be half an install.
    const status = outfit(['status', '--scope', 'global', '--home', sb.home, '--json'])
    expect(status.stderr).toMatch(/was interrupted and left changes half-done; .*Run `outfit recover`/)
    expect(JSON.parse(status.stdout)).toMatchObject({ interrupted: [sb.home] })
    const next = outfit(installArgs())
    expect(next.status).toBe(0)
    expect(next.stderr).toContain('an earlier outfit run was interrupted; rolled it back')
    expect(
      outfit(['uninstall', 'claude-code', 'codex', 'opencode', '--scope', 'global', '--home', sb.home])
        .status,
    ).toBe(0)
  })

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    '%s mid-install rolls everything back, reports each tool and exits %i',
    async (signal, code) => {
      const before = await sb.tree()
      // Every change from the 5th on is held, and each tool needs more than 5 to finish: none can have finished (a
      // tool that had would rightly stay installed — the report says so — and the tree would not be as before). At 40,
      // which tool got there first depended on how the three interleaved.
      const { child, exited, output } = await startPaused(5)
      child.kill(signal)
      expect(await exited).toBe(code)
      expect(output()).toMatch(
        signal === 'SIGINT'
          ? /Interrupted: stopping at the next step/
          : /Terminated: stopping at the next step/,
      )
      expect(output()).toMatch(/cancelled at '.*'; rolled back/)
      expect(output()).toMatch(/Claude Code .*\n[\s\S]*Codex CLI[\s\S]*OpenCode/)
      expect(output()).not.toMatch(/already finished/)
      expect(await sb.tree()).toEqual(before)
    },
  )

  it('a second process waits for the lock, then says who holds it', async () => {
    const { child, exited } = await startPaused(5)
    const second = spawnSync(process.execPath, [cli, ...installArgs()], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 30_000,
    })
    expect(second.status).toBe(2)
    expect(second.stderr).toMatch(/another outfit \(pid \d+, since .*\) is changing/)
    child.kill('SIGKILL')
    await exited
    // The dead holder's lock is stale: the next command takes it over and recovers.
    expect(outfit(['recover', '--scope', 'global', '--home', sb.home]).status).toBe(0)
  }, 30_000)
})

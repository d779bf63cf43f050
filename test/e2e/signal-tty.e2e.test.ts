// A real terminal (util-linux `script`), the real clack picker, a real SIGTERM: outfit ends at once with 143.
import { spawn, spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { useSandbox } from '../integration/sandbox.js'
import { builtCli } from '../helpers/built-cli.js'

const bin = builtCli
const hasScript = spawnSync('script', ['--version']).status === 0
const sb = useSandbox()
let running: { kill(signal: NodeJS.Signals): boolean; exitCode: number | null } | undefined
afterEach(async () => {
  // A failing run must not leave the terminal and outfit waiting behind the test.
  if (running && running.exitCode === null) running.kill('SIGKILL')
})

/** The outfit process among the descendants of `pid` (script runs it through a shell). */
function findOutfit(pid: number): number | undefined {
  const children = (p: number): number[] =>
    readdirSync(`/proc/${p}/task`).flatMap((t) =>
      readFileSync(`/proc/${p}/task/${t}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
    )
  for (const child of children(pid)) {
    if (readFileSync(`/proc/${child}/cmdline`, 'utf8').includes(bin)) return child
    const deeper = findOutfit(child)
    if (deeper) return deeper
  }
  return undefined
}

describe.skipIf(!hasScript || process.platform !== 'linux')(
  'a signal while the tool picker is open (real terminal)',
  () => {
    it('SIGTERM ends outfit at once with exit 143, and nothing is changed', async () => {
      const before = await sb.tree()
      // A terminal of a real size: without one, the picker wraps after every character.
      const command = `stty cols 120 rows 40; exec '${process.execPath}' '${bin}' install --kit '${sb.kit}' --scope global --home '${sb.home}'`
      const child = spawn('script', ['-qefc', command, '/dev/null'], {
        cwd: sb.project,
        env: { ...process.env, CI: '', NO_COLOR: '1', TERM: 'xterm' },
      })
      running = child
      let out = ''
      // eslint-disable-next-line no-control-regex -- terminal escape codes are what is being removed
      const plain = () => out.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '')
      const asked = new Promise<void>((resolve) =>
        child.stdout.on(
          'data',
          (d: Buffer) => ((out += d.toString()), plain().includes('Install into which tools') && resolve()),
        ),
      )
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
      await asked
      const pid = findOutfit(child.pid as number)
      expect(pid).toBeDefined()
      const sent = Date.now()
      process.kill(pid as number, 'SIGTERM')
      expect(await exited).toBe(143)
      expect(Date.now() - sent).toBeLessThan(5_000)
      expect(plain()).toContain('interrupted while asking; nothing was changed')
      expect(await sb.tree()).toEqual(before)
    }, 30_000)
  },
)

// Discontinued tools keep their targets (their users' files exist), and outfit says so wherever the tool appears.
import { describe, expect, it } from 'vitest'
import { useSandbox } from '../integration/sandbox.js'
import { runCli } from '../helpers/run-cli.js'

const sb = useSandbox()

describe('end of life', () => {
  it('list names the discontinued tools, with since when and what happened', async () => {
    const run = await runCli(['list', '--home', sb.home], { cwd: sb.project })
    expect(run.out).toMatch(/roo-code +Roo Code .* — end of life since 2026-05-15: .*Zoo Code/)
    expect(run.out).toMatch(/continue +Continue .* — end of life since 2026-06-18: /)
    expect(run.out).not.toMatch(/claude-code .*end of life/)
    const json = await runCli(['list', '--home', sb.home, '--json'], { cwd: sb.project })
    const tools = JSON.parse(json.out).tools as { id: string; endOfLife?: { since: string } }[]
    expect(tools.find((t) => t.id === 'roo-code')?.endOfLife?.since).toBe('2026-05-15')
  })

  it('every install into one says so, and still installs', async () => {
    const report = await sb.install(['roo-code'])
    expect(report.results[0]?.status).toBe('installed')
    expect(report.results[0]?.log.map((e) => e.text)).toContain(
      "Roo Code reached end of life on 2026-05-15: its vendor shut it down and archived it; its notice points to Zoo Code (the community fork) and Cline (outfit's cline target)",
    )
  })
})

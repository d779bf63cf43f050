// For every N, a real multi-tool install whose Nth file-system change fails must leave every file exactly as it was
// (rolled back), or — when N is past the last change — be fully installed.
import { describe, expect, it } from 'vitest'
import { install } from '../../src/api/install.js'
import { requireTargets } from '../../src/api/targets.js'
import { realFs } from '../../src/fs/fs.js'
import { createSandbox, type Sandbox } from '../integration/sandbox.js'
import { faultyFs } from './fault-fs.js'

const tools = ['claude-code', 'codex', 'opencode']
const targets = (await requireTargets({ fs: realFs })).filter((t) => tools.includes(t.spec.id))

async function seed(sb: Sandbox): Promise<void> {
  await sb.write(
    'home/.claude.json',
    '{\n  // state Claude keeps\n  "numStartups": 4,\n  "mcpServers": { "mine": { "command": "x" } }\n}\n',
  )
  await sb.write(
    'home/.claude/settings.json',
    '{ "hooks": { "Stop": [{ "hooks": [{ "type": "command", "command": "say done" }] }] } }\n',
  )
  await sb.write('home/.codex/config.toml', '# mine\nmodel = "o3"\n')
  await sb.write('home/.config/opencode/AGENTS.md', '# My rules\n')
}

function run(sb: Sandbox, fs = realFs) {
  return install({
    fs,
    targets,
    scope: 'global',
    home: sb.home,
    project: sb.project,
    stateHome: sb.state,
    kitDir: sb.kit,
  })
}

describe('fault injection', () => {
  it('leaves every file as before, or fully installed, whichever change fails', async () => {
    // Count the changes of a clean run first.
    const probe = await createSandbox()
    await seed(probe)
    const counting = faultyFs(Number.POSITIVE_INFINITY)
    await run(probe, counting.fs)
    const total = counting.calls()
    const installed = await probe.tree()
    await probe.cleanup()
    expect(total).toBeGreaterThan(20)

    for (let n = 1; n <= total + 1; n++) {
      const sb = await createSandbox()
      try {
        await seed(sb)
        const before = await sb.tree()
        const { fs } = faultyFs(n)
        // The lock or the journal itself may fail to be written: then the run throws before changing any file.
        // Only that throw is caught; the assertion on the report stands outside it, so its failure is never swallowed.
        const report = await run(sb, fs).catch(() => undefined)
        const anyInstalled = report?.results.some((r) => r.status === 'installed') ?? false
        if (report)
          expect(
            report.results.every((r) => r.status === 'installed') ||
              report.results.some((r) => r.status === 'failed'),
            `N=${n}`,
          ).toBe(true)
        const after = await sb.tree()
        if (!anyInstalled) expect(after, `N=${n}: rolled back`).toEqual(before)
        else {
          // Tools that finished before the failure stay installed (each tool's result stands on its own): every path
          // is either exactly as before or exactly as in a complete install.
          const paths = new Set([...Object.keys(before), ...Object.keys(after)])
          for (const path of paths)
            expect([before[path], installed[path]], `N=${n}: ${path}`).toContain(after[path])
        }
      } finally {
        await sb.cleanup()
      }
    }
  }, 120_000)
})

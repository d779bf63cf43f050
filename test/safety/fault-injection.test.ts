// For every N, a real multi-tool install whose Nth file-system change fails must leave every file exactly as it was
// (rolled back), or — when N is past the last change — be fully installed. Rollback is logic, not a property of the
// disk: this runs on memfs (a crash on a real disk, with a killed process, is test/safety/crash.e2e.test.ts).
import { describe, expect, it } from 'vitest'
import type { Fs } from '../../src/fs/fs.js'
import { createMemSandbox, type MemSandbox } from '../helpers/mem-sandbox.js'
import { faultyFs } from './fault-fs.js'

const tools = ['claude-code', 'codex', 'opencode']

async function seed(sb: MemSandbox): Promise<void> {
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

function run(sb: MemSandbox, fs: Fs = sb.fs) {
  return sb.install(tools, { fs })
}

/** The failure faultyFs injected, possibly wrapped (as a cause) by the run that met it. */
function injected(error: unknown): boolean {
  for (let e = error; e instanceof Error; e = e.cause) if (e.message.includes('injected failure')) return true
  return false
}

describe('fault injection', () => {
  it('leaves every file as before, or fully installed, whichever change fails', async () => {
    // Count the changes of a clean run first.
    const probe = await createMemSandbox()
    await seed(probe)
    const counting = faultyFs(Number.POSITIVE_INFINITY, 'ENOSPC', probe.fs)
    await run(probe, counting.fs)
    const total = counting.calls()
    const installed = await probe.tree()
    expect(total).toBeGreaterThan(20)

    for (let n = 1; n <= total + 1; n++) {
      const sb = await createMemSandbox()
      await seed(sb)
      const before = await sb.tree()
      const { fs } = faultyFs(n, 'ENOSPC', sb.fs)
      // The lock or the journal itself may fail to be written: then the run throws before changing any file.
      // Only that throw is caught (any other error fails the test); the assertion on the report stands outside it, so
      // its failure is never swallowed.
      const report = await run(sb, fs).catch((error: unknown) => {
        if (!injected(error)) throw error
        return undefined
      })
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
    }
  }, 120_000)
})

// `unsupported` and `alsoReads`: reported per tool before any step runs, only for content the kit has.
import { describe, expect, it } from 'vitest'
import { RunState } from '../../src/actions/run-state.js'
import { reportOverlaps, reportUnsupported } from '../../src/pipeline/report-unsupported.js'
import type { Kit } from '../../src/types.js'
import { testContext } from '../helpers/context.js'
import { createTestFs } from '../helpers/test-fs.js'

const kit: Kit = {
  dir: '/kit',
  name: 'kit',
  version: '1.0.0',
  mcp: [{ name: 'docs', url: 'https://x' }],
  hooks: [],
  files: ['agents/a.md', 'skills/s/SKILL.md'],
}

describe('reportUnsupported', () => {
  it('drops each matching piece of the kit, and says nothing about content the kit does not have', () => {
    const ctx = testContext(createTestFs().fs, { kit })
    reportUnsupported(
      [
        { kit: 'agents/*.md', reason: 'no subagents' },
        { kit: 'mcp', reason: 'no MCP' },
        { kit: 'hooks', reason: 'no hooks' },
      ],
      ctx,
    )
    expect(ctx.log.dropped).toEqual([
      { what: 'agents/a.md', reason: 'no subagents' },
      { what: "MCP server 'docs'", reason: 'no MCP' },
    ])
  })
})

describe('reportOverlaps', () => {
  const overlap = { target: 'codex', kit: 'skills/*/SKILL.md', reason: 'it also reads .agents/skills' }

  it('warns when the other target is installed in the same run', async () => {
    const ctx = testContext(createTestFs().fs, { kit, run: new RunState(['codex', 'tool']) })
    await reportOverlaps([overlap], ctx)
    expect(ctx.log.entries).toEqual([
      { level: 'warn', text: 'Tool will see skills/s/SKILL.md twice: it also reads .agents/skills' },
    ])
  })

  it("warns, whenever it installs that content, about a duplicate between two of the tool's own files", async () => {
    const ctx = testContext(createTestFs().fs, { kit, run: new RunState(['tool']) })
    await reportOverlaps([{ target: ctx.tool.id, kit: 'mcp', reason: 'it reads both files' }], ctx)
    expect(ctx.log.entries).toEqual([
      { level: 'warn', text: "Tool will see MCP server 'docs' twice: it reads both files" },
    ])
  })

  it('is silent when the other target is not installed in this scope', async () => {
    const ctx = testContext(createTestFs().fs, { kit, run: new RunState(['tool']) })
    await reportOverlaps([overlap], ctx)
    expect(ctx.log.entries).toEqual([])
  })
})

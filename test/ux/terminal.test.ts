// Terminal behaviour through injected streams and a scripted prompter: asks only in a terminal, never in CI, and
// draws live progress lines only when there is a terminal to draw them on.
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { CliDeps } from '../../src/cli/index.js'
import type { Prompter } from '../../src/cli/prompts.js'
import { runCli } from '../helpers/run-cli.js'
import { useSandbox } from '../integration/sandbox.js'

const sb = useSandbox(async (sb) => {
  await mkdir(join(sb.home, '.codex'))
})

function scripted(answers: { tools: string[] | null; confirm: boolean }): Prompter & { asked: unknown[] } {
  const asked: unknown[] = []
  return {
    asked,
    async selectTools(options, initial) {
      asked.push({ options: options.map((o) => o.value), initial })
      return answers.tools
    },
    async confirm(message) {
      asked.push(message)
      return answers.confirm
    },
    async selectOne(message) {
      asked.push(message)
      return null
    },
  }
}

async function cli(argv: string[], deps: Partial<CliDeps>) {
  const run = await runCli([...argv, '--kit', sb.kit, '--scope', 'global', '--home', sb.home], {
    cwd: sb.root,
    isTTY: true,
    ...deps,
  })
  return { code: run.code, out: run.all, tty: run.tty }
}

describe('in a terminal', () => {
  it('offers every tool with the detected ones selected, confirms, then installs the chosen set', async () => {
    const prompter = scripted({ tools: ['codex', 'cursor'], confirm: true })
    const { code, out, tty } = await cli(['install'], { prompter })
    expect(code).toBe(0)
    expect(prompter.asked[0]).toMatchObject({ initial: ['codex'] })
    expect((prompter.asked[0] as { options: string[] }).options).toContain('claude-code')
    expect(prompter.asked[1]).toBe('Install into Codex CLI, Cursor (global scope)?')
    expect(out).toMatch(/✓ Codex CLI\s+installed/)
    expect(out).toMatch(/✓ Cursor\s+installed/)
    // Live lines: one per tool, redrawn with cursor movement, cleared at the end.
    expect(tty).toContain('step 1 of')
    expect(tty).toContain('\u001b[2K')
  })

  it('changes nothing when the person cancels or does not confirm (exit 130)', async () => {
    const before = await sb.tree()
    expect((await cli(['install'], { prompter: scripted({ tools: null, confirm: true }) })).code).toBe(130)
    expect((await cli(['install'], { prompter: scripted({ tools: ['codex'], confirm: false }) })).code).toBe(
      130,
    )
    expect(await sb.tree()).toEqual(before)
  })

  it('never asks with --yes, and says what it needs instead', async () => {
    const prompter = scripted({ tools: ['codex'], confirm: true })
    const { code, out } = await cli(['install', '--yes'], { prompter })
    expect(code).toBe(2)
    expect(prompter.asked).toEqual([])
    expect(out).toContain('which tools? name them, or pass --all or --detected')
  })
})

describe('without a terminal (CI)', () => {
  it('never asks and never writes control codes', async () => {
    const prompter = scripted({ tools: ['codex'], confirm: true })
    const asked = await cli(['install'], { prompter, isTTY: false, env: { CI: 'true' } })
    expect(asked.code).toBe(2)
    expect(prompter.asked).toEqual([])
    const { code, out, tty } = await cli(['install', 'codex'], { isTTY: false, env: { CI: 'true' } })
    expect(code).toBe(0)
    expect(tty).toBe('')
    expect(out).not.toContain('\u001b')
    expect(out).toMatchInlineSnapshot(`
      "Codex CLI (global)
        • rules: 1 change
        • commands as skills: 1 change
        • skills: 2 changes
        • agents: 1 change
        ! MCP server 'issues' uses \${GITHUB_PERSONAL_ACCESS_TOKEN}, which is not set in this environment: set it before Codex CLI starts the server
        ! MCP server 'docs' uses \${DOCS_TOKEN}, which is not set in this environment: set it before Codex CLI starts the server
        ! MCP server 'events' not installed: Codex CLI has no SSE servers
        • mcp servers: 1 change
        • hooks: 1 change
        • manifest: recorded

      ✓ Codex CLI  installed (7 files)"
    `)
  })
})

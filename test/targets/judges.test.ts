// Opt-in: the tools themselves judge what outfit wrote. Installs the real CLIs from npm (Claude Code, Codex, Gemini)
// and asks each to read its configuration from a sandbox home. Run with
//   OUTFIT_JUDGES=1 npx vitest run test/targets/judges.test.ts
// (OUTFIT_JUDGES_DIR=<dir> reuses an existing install of the CLIs). Needs only the npm registry.
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSandbox, type Sandbox } from '../integration/sandbox.js'

const run = promisify(execFile)
const enabled = process.env.OUTFIT_JUDGES === '1'
let bin = ''
let sb: Sandbox

async function judge(command: string, args: string[], cwd: string): Promise<string> {
  const env = { ...process.env, HOME: sb.home, CODEX_HOME: join(sb.home, '.codex'), DOCS_TOKEN: 'test', NO_COLOR: '1' }
  const { stdout, stderr } = await run(join(bin, command), args, { cwd, env, timeout: 90_000 })
  return `${stdout}${stderr}`
}

describe.runIf(enabled)('the tools read what outfit installed', () => {
  beforeAll(async () => {
    const dir = process.env.OUTFIT_JUDGES_DIR ?? (await mkdtemp(join(tmpdir(), 'outfit-judges-')))
    bin = join(dir, 'node_modules/.bin')
    if (!existsSync(join(bin, 'claude')) || !existsSync(join(bin, 'codex')) || !existsSync(join(bin, 'gemini'))) {
      await mkdir(dir, { recursive: true })
      await run('npm', ['init', '-y'], { cwd: dir })
      await run('npm', ['install', '--no-audit', '--no-fund', '@anthropic-ai/claude-code', '@openai/codex', '@google/gemini-cli'], { cwd: dir, timeout: 300_000 })
    }
    sb = await createSandbox()
    for (const [tool, scope] of [['claude-code', 'global'], ['claude-code', 'plugin'], ['codex', 'global'], ['gemini-cli', 'global']] as const) {
      const report = await sb.install([tool], { scope })
      expect(report.results[0]?.status).toBe('installed')
    }
  }, 400_000)
  afterAll(async () => {
    await sb?.cleanup()
  })

  it('claude plugin validate accepts the plugin and the marketplace', async () => {
    expect(await judge('claude', ['plugin', 'validate', join(sb.project, 'plugins/starter-kit')], sb.project)).toContain('Validation passed')
    expect(await judge('claude', ['plugin', 'validate', sb.project], sb.project)).toContain('Validation passed')
  })

  it('claude reads the user-scope MCP servers from ~/.claude.json', async () => {
    const out = await judge('claude', ['mcp', 'get', 'filesystem'], sb.home)
    expect(out).toContain('Scope: User config')
    expect(out).toContain('Type: stdio')
  })

  it('codex mcp list shows both servers from config.toml', async () => {
    const out = await judge('codex', ['mcp', 'list'], sb.home)
    expect(out).toMatch(/filesystem\s+npx\s+-y @modelcontextprotocol\/server-filesystem \./)
    expect(out).toMatch(/docs\s+https:\/\/example\.com\/mcp/)
  })

  it('gemini mcp list shows the stdio and http servers from settings.json', async () => {
    const out = await judge('gemini', ['mcp', 'list'], sb.home)
    expect(out).toContain('filesystem: npx -y @modelcontextprotocol/server-filesystem . (stdio)')
    expect(out).toContain('docs: https://example.com/mcp (http)')
  })
})

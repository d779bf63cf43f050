// Opt-in: the tools themselves judge what outfit wrote. Installs the real CLIs from npm, at pinned versions (the ones
// the targets' comments cite), and asks each to read its configuration from a sandbox home. Run with
//   OUTFIT_JUDGES=1 npx vitest run test/targets/judges.test.ts
// (OUTFIT_JUDGES_DIR=<dir> reuses an install of the pinned CLIs). Needs only the npm registry; no tool logs in.
// Two small MCP servers on 127.0.0.1 record what a client really sends: the headers of a remote server and the
// environment of a local one, so `${VAR}` references are checked end to end, with the values only in the environment.
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSandbox, repoRoot, type Sandbox } from '../integration/sandbox.js'
import { startRecorder, type Recorder } from './judges/mcp-recorder.js'

const run = promisify(execFile)
const enabled = process.env.OUTFIT_JUDGES === '1'
/** The versions the targets were checked against. */
const PINNED = [
  '@anthropic-ai/claude-code@2.1.332',
  '@openai/codex@0.171.0',
  '@google/gemini-cli@0.61.0',
  '@github/copilot@1.0.102',
  'opencode-ai@1.18.33',
]
const SECRETS = {
  DOCS_TOKEN: 'docs-token-1',
  GITHUB_PERSONAL_ACCESS_TOKEN: 'gh-token-2',
  JUDGE_TOKEN: 'judge-token-3',
  JUDGE_TEAM: 'team-4',
  JUDGE_KEY: 'judge-key-5',
}
let bin = ''
let sb: Sandbox
let recorded: Sandbox
let trusted: Sandbox
let recorder: Recorder

async function judge(command: string, args: string[], cwd: string, home = sb.home): Promise<string> {
  const env = {
    ...process.env,
    ...SECRETS,
    HOME: home,
    CODEX_HOME: join(home, '.codex'),
    COPILOT_PKG_CACHE_HOME: join(home, '.cache'),
    NO_COLOR: '1',
    // Bun-built CLIs (OpenCode) take their folder from PWD, which otherwise names the test runner's folder.
    PWD: cwd,
  }
  const { stdout, stderr } = await run(join(bin, command), args, { cwd, env, timeout: 120_000 })
  return `${stdout}${stderr}`
}

describe.runIf(enabled)('the tools read what outfit installed', { timeout: 180_000 }, () => {
  beforeAll(async () => {
    const dir = process.env.OUTFIT_JUDGES_DIR ?? (await mkdtemp(join(tmpdir(), 'outfit-judges-')))
    bin = join(dir, 'node_modules/.bin')
    if (!['claude', 'codex', 'gemini', 'copilot', 'opencode'].every((b) => existsSync(join(bin, b)))) {
      await mkdir(dir, { recursive: true })
      await run('npm', ['init', '-y'], { cwd: dir })
      await run('npm', ['install', '--no-audit', '--no-fund', ...PINNED], { cwd: dir, timeout: 600_000 })
    }
    sb = await createSandbox()
    for (const [tool, scope] of [
      ['claude-code', 'global'],
      ['claude-code', 'plugin'],
      ['codex', 'global'],
      ['gemini-cli', 'global'],
      ['opencode', 'global'],
      ['copilot', 'global'],
    ] as const) {
      const report = await sb.install([tool], { scope, env: SECRETS })
      expect(report.results[0]?.status).toBe('installed')
    }
    // Copilot CLI loads workspace MCP servers only from trusted folders.
    await writeFile(join(sb.home, '.copilot/config.json'), JSON.stringify({ trusted_folders: [sb.project] }))
    await sb.install(['copilot', 'claude-code'], { scope: 'project', env: SECRETS })

    trusted = await createSandbox()
    expect((await trusted.install(['codex'], { scope: 'project', env: SECRETS })).results[0]?.status).toBe(
      'installed',
    )

    recorder = await startRecorder()
    recorded = await createSandbox()
    await writeFile(
      join(recorded.kit, 'mcp.yaml'),
      recorderKit(recorder.url, join(recorded.root, 'stdio-env.json')),
    )
    for (const tool of ['claude-code', 'gemini-cli', 'opencode'])
      expect((await recorded.install([tool], { env: SECRETS })).results[0]?.status).toBe('installed')
    // Gemini CLI starts no MCP server in an untrusted folder.
    await writeFile(
      join(recorded.home, '.gemini/trustedFolders.json'),
      JSON.stringify({ [recorded.home]: 'TRUST_FOLDER' }),
    )
  }, 700_000)
  afterAll(async () => {
    await recorder?.close()
    await sb?.cleanup()
    await recorded?.cleanup()
    await trusted?.cleanup()
  })

  it('claude plugin validate accepts the plugin and the marketplace', async () => {
    expect(
      await judge('claude', ['plugin', 'validate', join(sb.project, 'plugins/starter-kit')], sb.project),
    ).toContain('Validation passed')
    expect(await judge('claude', ['plugin', 'validate', sb.project], sb.project)).toContain(
      'Validation passed',
    )
  })

  it('claude reads the user-scope MCP servers from ~/.claude.json, SSE included', async () => {
    const out = await judge('claude', ['mcp', 'get', 'filesystem'], sb.home)
    expect(out).toContain('Scope: User config')
    expect(out).toContain('Type: stdio')
    expect(await judge('claude', ['mcp', 'get', 'events'], sb.home)).toContain('Type: sse')
  })

  it('codex reads env_vars and bearer_token_env_var, and has no SSE server', async () => {
    const out = await judge('codex', ['mcp', 'list'], sb.home)
    expect(out).toMatch(/filesystem\s+npx\s+-y @modelcontextprotocol\/server-filesystem@2026\.8\.31 \./)
    expect(out).toMatch(
      /issues\s+npx\s+-y @modelcontextprotocol\/server-github@2025\.4\.8\s+GITHUB_PERSONAL_ACCESS_TOKEN=\*+/,
    )
    expect(out).toMatch(/docs\s+https:\/\/example\.com\/mcp\s+DOCS_TOKEN/)
    expect(out).not.toContain('events')
    expect(await judge('codex', ['mcp', 'get', 'docs'], sb.home)).toContain(
      'bearer_token_env_var: DOCS_TOKEN',
    )
  })

  it('codex puts the AGENTS.md rules, the skills, the commands-as-skills and the subagent into its prompt', async () => {
    const prompt = await judge('codex', ['debug', 'prompt-input'], sb.home)
    expect(prompt).toContain('For files matching `**/*.ts,**/*.tsx` only:')
    expect(prompt).toContain('changelog: Draft a changelog entry for the current branch')
    expect(prompt.match(/code-review: A checklist-driven code review\./g)).toHaveLength(1)
    expect(prompt.match(/changelog: Draft a changelog entry/g)).toHaveLength(1)
    expect(prompt).toContain('reviewer: {\\nReviews a diff for bugs')
  })

  it('codex reads the project scope once the project is trusted', async () => {
    await mkdir(join(trusted.home, '.codex'), { recursive: true })
    await writeFile(
      join(trusted.home, '.codex/config.toml'),
      `[projects."${trusted.project}"]\ntrust_level = "trusted"\n`,
    )
    const prompt = await judge('codex', ['debug', 'prompt-input'], trusted.project, trusted.home)
    expect(prompt).toContain('reviewer: {')
    expect(prompt).toContain('changelog: Draft a changelog entry')
    expect(await judge('codex', ['mcp', 'list'], trusted.project, trusted.home)).toMatch(
      /docs\s+https:\/\/example\.com\/mcp\s+DOCS_TOKEN/,
    )
  })

  it('gemini lists the stdio, streamable HTTP and SSE servers, and the skills once per name', async () => {
    const out = await judge('gemini', ['mcp', 'list'], sb.home)
    expect(out).toContain('filesystem: npx -y @modelcontextprotocol/server-filesystem@2026.8.31 . (stdio)')
    expect(out).toContain('docs: https://example.com/mcp (http)')
    expect(out).toContain('events: https://example.com/sse (sse)')
    // Codex, OpenCode and Copilot are installed beside Gemini: the skill is in the shared ~/.agents/skills once, with
    // no private ~/.gemini/skills copy to conflict with, and Codex's commands-as-skills stay in ~/.codex/skills.
    const skills = await judge('gemini', ['skills', 'list'], sb.home)
    expect(skills.match(/code-review \[Enabled\]/g)).toHaveLength(1)
    expect(skills).not.toContain('Skill conflict')
    expect(skills).not.toContain('changelog')
  })

  it('copilot reads ~/.copilot/mcp-config.json and the trusted project .mcp.json (co-owned with Claude Code)', async () => {
    type Listed = { mcpServers: Record<string, { type: string; source: string; sourcePath?: string }> }
    const user = JSON.parse(await judge('copilot', ['mcp', 'list', '--json'], sb.home)) as Listed
    expect(user.mcpServers.events).toMatchObject({ type: 'sse', source: 'user' })
    expect(user.mcpServers.docs).toMatchObject({ type: 'http', source: 'user' })
    // In the project the workspace file wins over the user file for the same names: .mcp.json, which Copilot CLI
    // reads instead of .github/mcp.json whenever it exists, co-owned with Claude Code (one entry per server).
    const project = JSON.parse(await judge('copilot', ['mcp', 'list', '--json'], sb.project)) as Listed
    for (const name of ['filesystem', 'issues', 'docs', 'events']) {
      expect(project.mcpServers[name]?.source).toBe('workspace')
      expect(project.mcpServers[name]?.sourcePath).toBe(join(sb.project, '.mcp.json'))
    }
  })

  it('copilot lists each skill once, from the shared .agents/skills, and each command once, as a skill of its own', async () => {
    for (const [where, at] of [
      [sb.project, 'Project skills'],
      [sb.home, 'Personal skills'],
    ] as const) {
      const out = await judge('copilot', ['skill', 'list'], where)
      expect(out, out).toContain(at)
      expect(out.match(/^\s+code-review - /gm), out).toHaveLength(1)
      expect(out.match(/^\s+changelog - /gm), out).toHaveLength(1)
    }
  })

  it('copilot loads the instructions, and also those Claude Code keeps (as the copilot target declares in alsoReads)', async () => {
    const out = await judge('copilot', ['instruction', 'list'], sb.project)
    expect(out).toContain('from .github/instructions/typescript.instructions.md')
    expect(out).toContain(`from ${join(sb.home, '.copilot/copilot-instructions.md')}`)
    expect(out).toContain('from CLAUDE.md')
    expect(out).toContain('from .claude/rules/typescript.md')
  })

  // OpenCode gets {env:VAR} from outfit (its own syntax), the others ${VAR}.
  it.each(['claude', 'gemini', 'opencode'])(
    '%s sends the ${VAR} headers and env it was given, expanded from its environment',
    async (tool) => {
      recorder.requests.length = 0
      const out = await judge(tool, ['mcp', 'list'], recorded.home, recorded.home)
      expect(out).toMatch(/recorder.*connected/i)
      expect(recorder.requests.length).toBeGreaterThan(0)
      for (const headers of recorder.requests) {
        expect(headers.authorization).toBe(`Bearer ${SECRETS.JUDGE_TOKEN}`)
        expect(headers['x-team']).toBe(SECRETS.JUDGE_TEAM)
      }
      expect(JSON.parse(await readFile(join(recorded.root, 'stdio-env.json'), 'utf8'))).toEqual({
        JUDGE_KEY: SECRETS.JUDGE_KEY,
      })
    },
  )
})

// --- internal ---

function recorderKit(url: string, recordFile: string): string {
  return `servers:
  recorder:
    url: ${url}
    headers:
      Authorization: "Bearer \${JUDGE_TOKEN}"
      X-Team: "\${JUDGE_TEAM}"
  local:
    command: node
    args: ["${join(repoRoot, 'test/targets/judges/stdio-recorder.mjs')}"]
    env:
      JUDGE_KEY: "\${JUDGE_KEY}"
      RECORD_VARS: JUDGE_KEY
      RECORD_FILE: "${recordFile}"
`
}

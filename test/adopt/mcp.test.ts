// MCP servers read back from each tool's own files, through the targets' declarations: hand-written, messy layouts
// (comments, unknown keys, old spellings, literal tokens), and every built-in target's shapes read back exactly.
import { describe, expect, it } from 'vitest'
import { adoptMcpServers, readServer } from '../../src/adopt/mcp.js'
import { serverFields } from '../../src/actions/mcp-entries.js'
import type { Entries } from '../../src/generated/target.js'
import { mapShape, unplacedFields } from '../../src/formats/map-entry.js'
import type { McpServer } from '../../src/types.js'
import { createTestFs } from '../helpers/test-fs.js'
import { adoptInput, builtins, HOME, PROJECT } from './adopt-input.js'

describe('adoptMcpServers', () => {
  it('reads Claude Code .mcp.json with comments, no "type", a literal token and a tool-only key', async () => {
    const { fs } = createTestFs({
      [`${PROJECT}/.mcp.json`]: `{
  // team servers
  "mcpServers": {
    "github": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-github"],
      "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "ghp_abcdefghijklmnopqrstuvwxyz0123456789" },
    },
    "docs": { "type": "http", "url": "https://docs.example.com/mcp", "headers": { "Authorization": "Bearer \${DOCS_TOKEN}" } },
    "events": { "type": "sse", "url": "https://events.example.com/sse", "alwaysAllow": ["read"] },
  },
}
`,
    })
    const part = await adoptMcpServers(adoptInput(fs, 'claude-code'))
    expect(part.value).toEqual({
      github: {
        command: 'npx',
        args: ['-y', '@modelcontextprotocol/server-github'],
        env: { GITHUB_PERSONAL_ACCESS_TOKEN: '${GITHUB_PERSONAL_ACCESS_TOKEN}' },
      },
      docs: { url: 'https://docs.example.com/mcp', headers: { Authorization: 'Bearer ${DOCS_TOKEN}' } },
      events: {
        url: 'https://events.example.com/sse',
        transport: 'sse',
        outfit: { overrides: { 'claude-code': { alwaysAllow: ['read'] } } },
      },
    })
    expect(part.secrets).toEqual([
      {
        tool: 'claude-code',
        where: `${PROJECT}/.mcp.json:7:49`,
        what: 'mcp server github env GITHUB_PERSONAL_ACCESS_TOKEN',
        reference: '${GITHUB_PERSONAL_ACCESS_TOKEN}',
      },
    ])
    expect(JSON.stringify(part.value)).not.toContain('ghp_')
    expect(part.sources).toEqual({
      github: [`${PROJECT}/.mcp.json`],
      docs: [`${PROJECT}/.mcp.json`],
      events: [`${PROJECT}/.mcp.json`],
    })
    expect(part.skipped).toEqual([])
  })

  it('reads the global scope from ~/.claude.json among the keys Claude Code keeps there', async () => {
    const { fs } = createTestFs({
      [`${HOME}/.claude.json`]: JSON.stringify({
        numStartups: 41,
        projects: { '/x': { allowedTools: [] } },
        mcpServers: { fetch: { type: 'stdio', command: 'uvx', args: ['mcp-server-fetch'], env: {} } },
      }),
    })
    const part = await adoptMcpServers(adoptInput(fs, 'claude-code', 'global'))
    expect(part.value).toEqual({ fetch: { command: 'uvx', args: ['mcp-server-fetch'] } })
  })

  it('turns a literal Authorization header into a reference named after the server, reported at its place', async () => {
    const { fs } = createTestFs({
      [`${PROJECT}/.cursor/mcp.json`]:
        '{\n  "mcpServers": {\n    "linear": {\n      "url": "https://mcp.linear.app/mcp",\n      "headers": { "Authorization": "Bearer lin_api_0123456789abcdef", "X-Api-Key": "k1" }\n    }\n  }\n}\n',
    })
    const part = await adoptMcpServers(adoptInput(fs, 'cursor'))
    expect(part.value.linear?.headers).toEqual({
      Authorization: 'Bearer ${LINEAR_TOKEN}',
      'X-Api-Key': '${LINEAR_X_API_KEY}',
    })
    expect(part.secrets.map((s) => [s.where, s.reference])).toEqual([
      [`${PROJECT}/.cursor/mcp.json:5:45`, 'Bearer ${LINEAR_TOKEN}'],
      [`${PROJECT}/.cursor/mcp.json:5:86`, '${LINEAR_X_API_KEY}'],
    ])
    expect(JSON.stringify(part.value)).not.toMatch(/lin_api|"k1"/)
  })

  it('reads Codex config.toml: env_vars, bearer_token_env_var and env_http_headers back into references', async () => {
    const { fs } = createTestFs({
      [`${PROJECT}/.codex/config.toml`]: `model = "gpt-5"

[mcp_servers.github]
command = "npx"
args = ["-y", "@modelcontextprotocol/server-github"]
env_vars = ["GITHUB_TOKEN"]
env = { LOG_LEVEL = "debug" }
startup_timeout_sec = 20

[mcp_servers.docs]
url = "https://docs.example.com/mcp"
bearer_token_env_var = "DOCS_TOKEN"
env_http_headers = { "X-Region" = "DOCS_REGION" }
http_headers = { "X-Team" = "core" }
`,
    })
    const part = await adoptMcpServers(adoptInput(fs, 'codex'))
    expect(part.value).toEqual({
      github: {
        command: 'npx',
        args: ['-y', '@modelcontextprotocol/server-github'],
        env: { LOG_LEVEL: 'debug', GITHUB_TOKEN: '${GITHUB_TOKEN}' },
        outfit: { overrides: { codex: { startup_timeout_sec: 20 } } },
      },
      docs: {
        url: 'https://docs.example.com/mcp',
        headers: { 'X-Team': 'core', 'X-Region': '${DOCS_REGION}', Authorization: 'Bearer ${DOCS_TOKEN}' },
      },
    })
  })

  it('skips invalid TOML with the parse error at file:line:col', async () => {
    const { fs } = createTestFs({ [`${PROJECT}/.codex/config.toml`]: '[mcp_servers.a]\ncommand = "x\n' })
    const part = await adoptMcpServers(adoptInput(fs, 'codex'))
    expect(part.value).toEqual({})
    expect(part.skipped).toHaveLength(1)
    expect(part.skipped[0]?.where).toMatch(new RegExp(`^${PROJECT}/.codex/config.toml:2:\\d+$`))
    expect(part.skipped[0]?.reason).toMatch(/not valid TOML/)
  })

  it("reads Continue's named YAML list with ${{ secrets.X }} references", async () => {
    const { fs } = createTestFs({
      [`${HOME}/.continue/config.yaml`]: `name: my config
models: []
mcpServers:
  - name: pg
    command: npx
    args: [-y, "@modelcontextprotocol/server-postgres", "\${{ secrets.PG_URL }}"]
  - name: docs
    type: streamable-http
    url: https://docs.example.com/mcp
    requestOptions:
      headers: { Authorization: "Bearer \${{ secrets.DOCS_TOKEN }}" }
`,
    })
    const part = await adoptMcpServers(adoptInput(fs, 'continue', 'global'))
    expect(part.value).toEqual({
      pg: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-postgres', '${PG_URL}'] },
      docs: { url: 'https://docs.example.com/mcp', headers: { Authorization: 'Bearer ${DOCS_TOKEN}' } },
    })
  })

  it("reads Goose extensions: env_keys become references, the tool's constants need not be written", async () => {
    const { fs } = createTestFs({
      [`${HOME}/.config/goose/config.yaml`]: `GOOSE_PROVIDER: openai
extensions:
  developer:
    type: builtin
    name: developer
    enabled: true
  github:
    type: stdio
    name: github
    enabled: true
    cmd: npx
    args: [-y, "@modelcontextprotocol/server-github"]
    envs: {}
    env_keys: [GITHUB_TOKEN]
    timeout: 300
  docs:
    type: streamable_http
    name: docs
    uri: https://docs.example.com/mcp
    headers: { Authorization: "Bearer \${DOCS_TOKEN}" }
    env_keys: [DOCS_TOKEN]
`,
    })
    const part = await adoptMcpServers(adoptInput(fs, 'goose', 'global'))
    expect(part.value).toEqual({
      github: {
        command: 'npx',
        args: ['-y', '@modelcontextprotocol/server-github'],
        env: { GITHUB_TOKEN: '${GITHUB_TOKEN}' },
      },
      docs: { url: 'https://docs.example.com/mcp', headers: { Authorization: 'Bearer ${DOCS_TOKEN}' } },
    })
    // A built-in extension is no MCP server the kit can describe: said, not dropped.
    expect(part.skipped.map((s) => [s.what, s.reason])).toEqual([
      ['mcp server developer', expect.stringMatching(/fits none of goose's server entries/)],
    ])
  })

  it("reads OpenCode's command arrays and {env:VAR} references", async () => {
    const { fs } = createTestFs({
      [`${PROJECT}/opencode.json`]: JSON.stringify({
        $schema: 'https://opencode.ai/config.json',
        mcp: {
          fs: {
            type: 'local',
            command: ['npx', '-y', 'server-fs', '.'],
            environment: { KEY: '{env:FS_KEY}' },
          },
          docs: {
            type: 'remote',
            url: 'https://docs.example.com/mcp',
            headers: { 'X-Key': '{env:DOCS_KEY}' },
          },
          off: { type: 'local', command: ['off'], enabled: false },
        },
      }),
    })
    const part = await adoptMcpServers(adoptInput(fs, 'opencode'))
    expect(part.value).toEqual({
      fs: { command: 'npx', args: ['-y', 'server-fs', '.'], env: { KEY: '${FS_KEY}' } },
      docs: { url: 'https://docs.example.com/mcp', headers: { 'X-Key': '${DOCS_KEY}' } },
    })
    // A disabled server is not what install writes (enabled: true): said, never turned on silently.
    expect(part.skipped.map((s) => s.what)).toEqual(['mcp server off'])
  })

  it("reads Zed's context_servers from a settings.json full of other keys", async () => {
    const { fs } = createTestFs({
      [`${HOME}/.config/zed/settings.json`]: `// Zed settings
{
  "theme": "One Dark",
  "vim_mode": true,
  "context_servers": {
    "pg": { "command": "pg-mcp", "args": ["--ro"], "env": { "PGHOST": "localhost" } },
  },
  "languages": { "Rust": { "tab_size": 4 } }
}
`,
    })
    const part = await adoptMcpServers(adoptInput(fs, 'zed', 'global'))
    expect(part.value).toEqual({ pg: { command: 'pg-mcp', args: ['--ro'], env: { PGHOST: 'localhost' } } })
  })

  it("reads Gemini's deprecated httpUrl as a streamable HTTP server (the target's readAlso)", async () => {
    const { fs } = createTestFs({
      [`${PROJECT}/.gemini/settings.json`]: JSON.stringify({
        theme: 'x',
        mcpServers: { old: { httpUrl: 'https://old.example.com/mcp' }, ok: { command: 'ok' } },
      }),
    })
    const part = await adoptMcpServers(adoptInput(fs, 'gemini-cli'))
    expect(part.value).toEqual({ old: { url: 'https://old.example.com/mcp' }, ok: { command: 'ok' } })
    expect(part.skipped).toEqual([])
  })

  it('says which entry leaves out the key that tells HTTP from SSE, instead of guessing', async () => {
    const { fs } = createTestFs({
      [`${PROJECT}/.mcp.json`]: JSON.stringify(
        { mcpServers: { events: { url: 'https://e.example.com/sse' } } },
        null,
        2,
      ),
    })
    const part = await adoptMcpServers(adoptInput(fs, 'claude-code'))
    expect(part.value).toEqual({})
    expect(part.skipped).toEqual([
      {
        tool: 'claude-code',
        where: `${PROJECT}/.mcp.json:3:6`,
        what: 'mcp server events',
        reason:
          "could be claude-code's remote or sse entry: it leaves out type, which tells them apart; write it in the tool's file",
      },
    ])
  })

  it('skips a broken JSON file with the parse error at file:line:col and reads nothing from it', async () => {
    const { fs } = createTestFs({
      [`${PROJECT}/.mcp.json`]: '{\n  "mcpServers": {\n    "a": { "command": }\n',
    })
    const part = await adoptMcpServers(adoptInput(fs, 'claude-code'))
    expect(part.value).toEqual({})
    expect(part.skipped).toEqual([
      expect.objectContaining({
        where: `${PROJECT}/.mcp.json:3:23`,
        reason: expect.stringMatching(/not valid JSON/),
      }),
    ])
  })

  it('reads nothing, and says nothing, where the tool has no file', async () => {
    const part = await adoptMcpServers(adoptInput(createTestFs().fs, 'claude-code'))
    expect(part).toEqual({ value: {}, sources: {}, skipped: [], secrets: [] })
  })
})

/** As install places kit fields (mcp-entries.ts). */
const TAKERS: Record<string, string[]> = {
  command: ['command', 'argv'],
  args: ['args', 'argv'],
  env: ['env'],
  envVars: ['envVars'],
  url: ['url'],
  headers: ['headers'],
  envHeaders: ['envHeaders'],
  bearerEnv: ['bearerEnv'],
}

describe('every built-in target reads back what it writes', () => {
  const servers: McpServer[] = [
    { name: 'local', command: 'npx', args: ['-y', 'pkg'], env: { TOKEN: '${TOKEN}', MODE: 'ro' } },
    { name: 'plain', command: 'server' },
    { name: 'remote', url: 'https://x.example.com/mcp', headers: { Authorization: 'Bearer ${API_TOKEN}' } },
    { name: 'stream', url: 'https://y.example.com/sse', transport: 'sse' },
  ]
  const cases = builtins.flatMap((t) =>
    t.steps.flatMap((step) => {
      const entries = ('with' in step.run ? (step.run.with as { entries?: Entries } | undefined) : undefined)
        ?.entries
      return entries?.from === 'mcp' ? [{ target: t.id, step: step.name, entries }] : []
    }),
  )

  it('covers the targets that keep MCP servers', () => {
    expect(cases.length).toBeGreaterThan(20)
  })

  it.each(cases)('$target › $step', ({ target, entries }) => {
    const vars = { 'kit.name': 'kit', home: HOME, project: PROJECT }
    for (const server of servers) {
      const kind = server.command !== undefined ? 'stdio' : server.transport === 'sse' ? 'sse' : 'remote'
      const shape = entries[kind]
      if (!shape) continue
      const fields = serverFields(server, entries.envRefs)
      if (fields.lost.length > 0) continue
      if (entries.inheritEnv && kind === 'stdio') delete fields.values.envVars
      // What install leaves out (a field the shape has no place for), adopt has nothing to read back.
      if (unplacedFields(shape, fields.values, TAKERS).length > 0) continue
      const written = mapShape(shape, fields.values, (s) => s.replace('{{entry.name}}', server.name))
      const read = readServer(entries, written, { vars }, target)
      const { name: _name, ...kit } = server
      // A tool whose SSE and HTTP entries are alike reads an SSE server as HTTP (it tries both, e.g. OpenCode).
      const alike = JSON.stringify(entries.sse) === JSON.stringify(entries.remote)
      if (alike && kind === 'sse') delete kit.transport
      if (entries.inheritEnv && kind === 'stdio') delete kit.env?.TOKEN
      expect(read).toEqual({ server: kit })
    }
  })
})

describe('literal secrets on the command line', () => {
  it('the value of a flag that names a credential becomes a reference, in both spellings', async () => {
    const { fs } = createTestFs({
      [`${PROJECT}/.cursor/mcp.json`]: JSON.stringify({
        mcpServers: {
          supabase: {
            command: 'npx',
            args: [
              '-y',
              '@supabase/mcp-server-supabase@latest',
              '--access-token',
              'sbp_0000fake0000',
              '--read-only',
            ],
          },
          other: {
            command: 'srv',
            args: ['--api-key=abc123', '--port', '8080', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789'],
          },
        },
      }),
    })
    const part = await adoptMcpServers(adoptInput(fs, 'cursor'))
    expect(part.value.supabase?.args).toEqual([
      '-y',
      '@supabase/mcp-server-supabase@latest',
      '--access-token',
      '${SUPABASE_ACCESS_TOKEN}',
      '--read-only',
    ])
    expect(part.value.other?.args).toEqual(['--api-key=${OTHER_API_KEY}', '--port', '8080', '${OTHER_TOKEN}'])
    expect(part.secrets.map((s) => s.what)).toEqual([
      'mcp server supabase args[3]',
      'mcp server other args[0]',
      'mcp server other args[3]',
    ])
    expect(JSON.stringify(part.value)).not.toMatch(/sbp_|abc123|ghp_/)
  })
})

// On memfs (it is logic): an entry the user already has that is, to the tool, the one the kit would write — the same
// server without `"type"`, keys in another order, an empty `env`, a hook in a group with other handlers — is taken over
// as it is: install writes nothing, and uninstall leaves the project byte for byte as it was. A different value is
// still refused.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createMemSandbox, type MemSandbox } from '../helpers/mem-sandbox.js'

const CLAUDE_MCP = `{
  // written by hand, long before outfit
  "mcpServers": {
    "filesystem": { "args": ["-y", "@modelcontextprotocol/server-filesystem@2026.8.31", "."], "command": "npx", "env": {} },
    "issues": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-github@2025.4.8"],
      "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "\${GITHUB_PERSONAL_ACCESS_TOKEN}" }
    },
    "docs": { "headers": { "Authorization": "Bearer \${DOCS_TOKEN}" }, "url": "https://example.com/mcp", "type": "http" },
    "events": { "type": "sse", "url": "https://example.com/sse" },
    "mine": { "command": "my-server" }
  }
}
`

const CLAUDE_SETTINGS = `{
  "permissions": { "allow": ["Bash(npm test)"] },
  "hooks": {
    "PostToolUse": [
      {
        "matcher": "Edit|Write",
        "hooks": [
          { "type": "command", "command": "npx prettier@3.10.1 --write --ignore-unknown .", "timeout": 60 },
          { "type": "command", "command": "npx eslint --fix" }
        ]
      }
    ],
    "SessionStart": [{ "matcher": "", "hooks": [{ "type": "command", "command": "git status --short" }] }]
  }
}
`

async function project(sb: MemSandbox, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) await sb.write(join('project', path), text)
}

describe('install takes over entries that are already the kit’s', () => {
  it('Claude Code: .mcp.json and settings.json written by hand stay byte for byte, through install and uninstall', async () => {
    const sb = await createMemSandbox()
    await project(sb, { '.mcp.json': CLAUDE_MCP, '.claude/settings.json': CLAUDE_SETTINGS })
    const before = await sb.tree()
    const installed = await sb.install(['claude-code'], { scope: 'project' })
    expect(installed.results.map((r) => [r.status, r.failure?.error.message])).toEqual([
      ['installed', undefined],
    ])
    expect(await sb.read('project/.mcp.json')).toBe(CLAUDE_MCP)
    expect(await sb.read('project/.claude/settings.json')).toBe(CLAUDE_SETTINGS)
    // Installing again finds everything as it was: nothing to write.
    expect((await sb.install(['claude-code'], { scope: 'project' })).results[0]?.status).toBe('unchanged')
    expect(await sb.read('project/.mcp.json')).toBe(CLAUDE_MCP)
    const removed = await sb.uninstall(['claude-code'], { scope: 'project' })
    expect(removed.results.map((r) => r.status)).toEqual(['uninstalled'])
    expect(await sb.tree()).toEqual(before)
  })

  it('a hook the user wrote exactly as outfit would is theirs: uninstall leaves it', async () => {
    const sb = await createMemSandbox()
    const settings = `{"hooks":{"SessionStart":[{"hooks":[{"type":"command","command":"git status --short"}]}],"PostToolUse":[{"matcher":"Edit|Write","hooks":[{"type":"command","command":"npx prettier@3.10.1 --write --ignore-unknown .","timeout":60}]}]}}\n`
    await project(sb, { '.claude/settings.json': settings })
    const before = await sb.tree()
    await sb.install(['claude-code'], { scope: 'project' })
    expect(await sb.read('project/.claude/settings.json')).toBe(settings)
    await sb.uninstall(['claude-code'], { scope: 'project' })
    expect(await sb.tree()).toEqual(before)
  })

  it('still refuses a server of the same name that differs, naming the file and key', async () => {
    const sb = await createMemSandbox()
    await project(sb, {
      '.mcp.json': '{ "mcpServers": { "filesystem": { "command": "npx", "args": ["other"] } } }\n',
    })
    const report = await sb.install(['claude-code'], { scope: 'project' })
    expect(report.results[0]?.status).toBe('failed')
    expect(report.results[0]?.failure?.error.message).toMatch(
      /\.mcp\.json: 'mcpServers\.filesystem' already holds a different value that outfit did not write/,
    )
  })

  it('does not guess between HTTP and SSE for a server that leaves out its "type"', async () => {
    const sb = await createMemSandbox()
    await project(sb, {
      '.mcp.json': '{ "mcpServers": { "events": { "url": "https://example.com/sse" } } }\n',
    })
    const report = await sb.install(['claude-code'], { scope: 'project' })
    expect(report.results[0]?.failure?.error.message).toMatch(
      /'mcpServers\.events' already holds a different value/,
    )
  })

  it("Gemini CLI: a server still spelled with the deprecated httpUrl is the kit's, left as it is", async () => {
    const sb = await createMemSandbox()
    const settings = `{
  "theme": "GitHub",
  "mcpServers": {
    "docs": { "httpUrl": "https://example.com/mcp", "headers": { "Authorization": "Bearer \${DOCS_TOKEN}" } }
  }
}
`
    await project(sb, { '.gemini/settings.json': settings })
    const before = await sb.tree()
    const report = await sb.install(['gemini-cli'], { scope: 'project' })
    expect(report.results.map((r) => r.failure?.error.message)).toEqual([undefined])
    const after = JSON.parse(await sb.read('project/.gemini/settings.json')) as {
      mcpServers: Record<string, unknown>
    }
    expect(after.mcpServers.docs).toEqual({
      httpUrl: 'https://example.com/mcp',
      headers: { Authorization: 'Bearer ${DOCS_TOKEN}' },
    })
    expect(Object.keys(after.mcpServers).sort()).toEqual(['docs', 'events', 'filesystem', 'issues'])
    await sb.uninstall(['gemini-cli'], { scope: 'project' })
    expect(await sb.tree()).toEqual(before)
  })

  it('does not take a different constant for a default: a disabled OpenCode server is refused', async () => {
    const sb = await createMemSandbox()
    const config = JSON.stringify({
      mcp: {
        filesystem: {
          type: 'local',
          command: ['npx', '-y', '@modelcontextprotocol/server-filesystem@2026.8.31', '.'],
          enabled: false,
        },
      },
    })
    await project(sb, { 'opencode.json': config })
    const report = await sb.install(['opencode'], { scope: 'project' })
    expect(report.results[0]?.status).toBe('failed')
    expect(await sb.read('project/opencode.json')).toBe(config)
  })

  it("Codex: the user's own [mcp_servers.*] tables that are the kit's are not written again in outfit's region", async () => {
    const sb = await createMemSandbox()
    const toml = `model = "gpt-5"

[mcp_servers.filesystem]
args = ["-y", "@modelcontextprotocol/server-filesystem@2026.8.31", "."]
command = "npx"

[mcp_servers.issues]
command = "npx"
args = ["-y", "@modelcontextprotocol/server-github@2025.4.8"]
env_vars = ["GITHUB_PERSONAL_ACCESS_TOKEN"]

[mcp_servers.docs]
url = "https://example.com/mcp"
bearer_token_env_var = "DOCS_TOKEN"
`
    await sb.write('home/.codex/config.toml', toml)
    const before = await sb.tree()
    const report = await sb.install(['codex'])
    expect(report.results.map((r) => [r.status, r.failure?.error.message])).toEqual([
      ['installed', undefined],
    ])
    expect(await sb.read('home/.codex/config.toml')).toBe(toml)
    await sb.uninstall(['codex'])
    expect(await sb.tree()).toEqual(before)
  })

  it("Codex: a server the user has only in part still gets outfit's region for the rest", async () => {
    const sb = await createMemSandbox()
    const toml = `[mcp_servers.filesystem]\ncommand = "npx"\nargs = ["-y", "@modelcontextprotocol/server-filesystem@2026.8.31", "."]\n`
    await sb.write('home/.codex/config.toml', toml)
    const before = await sb.tree()
    await sb.install(['codex'])
    const after = await sb.read('home/.codex/config.toml')
    expect(after.startsWith(toml)).toBe(true)
    expect(after).toContain('[mcp_servers.issues]')
    expect(after.match(/\[mcp_servers\.filesystem\]/g)).toHaveLength(1)
    await sb.uninstall(['codex'])
    expect(await sb.tree()).toEqual(before)
  })

  it("Kimi Code: the user's own [[hooks]] that are the kit's are not appended again in outfit's region", async () => {
    const sb = await createMemSandbox()
    const toml = `default_model = "kimi-k2"

[[hooks]]
event = "SessionStart"
command = "git status --short"

[[hooks]]
command = "npx prettier@3.10.1 --write --ignore-unknown ."
event = "PostToolUse"
matcher = "Edit|Write"
timeout = 60
`
    await sb.write('home/.kimi-code/config.toml', toml)
    await sb.fs.writeFile(join(sb.kit, 'mcp.yaml'), 'servers: {}\n')
    const before = await sb.tree()
    const report = await sb.install(['kimi-code'])
    expect(report.results.map((r) => r.failure?.error.message)).toEqual([undefined])
    expect(await sb.read('home/.kimi-code/config.toml')).toBe(toml)
    await sb.uninstall(['kimi-code'])
    expect(await sb.tree()).toEqual(before)
  })
})

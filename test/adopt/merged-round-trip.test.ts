// Promises 1 and 4 of `outfit adopt` for the merged kinds, on memfs: a tool's servers and hooks, written by hand in
// messy real-world styles, read into a kit (mcp.yaml, hooks.yaml) by the readers; installing that kit changes no byte
// of the project (what `plan --check` checks), and uninstalling it leaves the project as it was.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { adoptMergedKinds, toolInput } from '../../src/adopt/merged-kinds.js'
import { createMemSandbox, type MemSandbox } from '../helpers/mem-sandbox.js'
import { target } from './adopt-input.js'

interface Layout {
  name: string
  tool: string
  scope: 'project' | 'global'
  files: Record<string, string>
  servers: number
  hooks: number
}

const LAYOUTS: Layout[] = [
  {
    name: 'Claude Code, JSONC with comments, servers without "type", a group of handlers, a prompt hook',
    tool: 'claude-code',
    scope: 'project',
    servers: 3,
    hooks: 3,
    files: {
      'project/.mcp.json': `{
  // shared with the team
  "mcpServers": {
    "playwright": { "command": "npx", "args": ["-y", "@playwright/mcp@0.0.41", "--isolated"], "env": {} },
    "sentry": { "type": "http", "url": "https://mcp.sentry.dev/mcp" },
    "db": {
      "type": "stdio",
      "command": "uv",
      "args": ["run", "tools/db_mcp.py"],
      "env": { "DATABASE_URL": "\${DATABASE_URL}" },
    },
  },
}
`,
      'project/.claude/settings.json': `{
  "$schema": "https://json.schemastore.org/claude-code-settings.json",
  "permissions": { "allow": ["Bash(pnpm test:*)"], "deny": ["Read(./.env)"] },
  "hooks": {
    "PostToolUse": [
      {
        "matcher": "Edit|MultiEdit|Write",
        "hooks": [
          { "type": "command", "command": "pnpm prettier --write \\"$CLAUDE_FILE_PATHS\\"" },
          { "type": "command", "command": "pnpm eslint --fix", "timeout": 120 }
        ]
      }
    ],
    "Stop": [{ "matcher": "", "hooks": [{ "type": "prompt", "prompt": "Did the tests pass?" }] }],
    "SessionStart": [{ "hooks": [{ "type": "command", "command": "cat .claude/context.md" }] }]
  },
  "enableAllProjectMcpServers": true
}
`,
    },
  },
  {
    name: 'Cursor, ${env:VAR} references, a hook on an event the kit has no name for (skipped, left alone)',
    tool: 'cursor',
    scope: 'project',
    servers: 2,
    hooks: 1,
    files: {
      'project/.cursor/mcp.json': `{"mcpServers":{"linear":{"url":"https://mcp.linear.app/mcp","headers":{"Authorization":"Bearer \${env:LINEAR_TOKEN}"}},"fs":{"command":"npx","args":["-y","server-fs","."]}}}`,
      'project/.cursor/hooks.json': `{
  "version": 1,
  "hooks": {
    "postToolUse": [{ "matcher": "Write", "command": "./hooks/format.sh" }],
    "beforeShellExecution": [{ "command": "./hooks/guard.sh" }]
  }
}
`,
    },
  },
  {
    name: 'Gemini CLI, the deprecated httpUrl, tool names in matchers and millisecond timeouts',
    tool: 'gemini-cli',
    scope: 'global',
    servers: 2,
    hooks: 1,
    files: {
      'home/.gemini/settings.json': JSON.stringify(
        {
          general: { vimMode: true },
          mcpServers: {
            docs: { httpUrl: 'https://docs.example.com/mcp', headers: { 'X-Team': 'core' } },
            git: { command: 'uvx', args: ['mcp-server-git'] },
          },
          hooks: {
            BeforeTool: [
              {
                matcher: 'run_shell_command',
                hooks: [{ type: 'command', command: 'guard.sh', timeout: 30000 }],
              },
            ],
          },
        },
        null,
        4,
      ),
    },
  },
  {
    name: 'OpenCode, {env:VAR} and command arrays among other settings',
    tool: 'opencode',
    scope: 'project',
    servers: 2,
    hooks: 0,
    files: {
      'project/opencode.json': `{
  "$schema": "https://opencode.ai/config.json",
  "theme": "tokyonight",
  "mcp": {
    "gh": { "type": "local", "command": ["npx", "-y", "gh-mcp"], "environment": { "GH_TOKEN": "{env:GH_TOKEN}" }, "enabled": true },
    "docs": { "enabled": true, "url": "https://docs.example.com/mcp", "type": "remote" }
  }
}
`,
    },
  },
  {
    name: 'Codex, config.toml with env_vars and a bearer token variable among the user settings',
    tool: 'codex',
    scope: 'global',
    servers: 2,
    hooks: 0,
    files: {
      'home/.codex/config.toml': `model = "gpt-5-codex"
approval_policy = "on-request"

[mcp_servers.github]
command = "npx"
args = ["-y", "@modelcontextprotocol/server-github"]
env_vars = ["GITHUB_TOKEN"]

[mcp_servers.docs]
url = "https://docs.example.com/mcp"
bearer_token_env_var = "DOCS_TOKEN"

[profiles.fast]
model = "gpt-5-mini"
`,
    },
  },
  {
    name: 'Continue, a named YAML list with ${{ secrets.X }}',
    tool: 'continue',
    scope: 'global',
    servers: 1,
    hooks: 0,
    files: {
      'home/.continue/config.yaml': `name: Local Assistant
version: 1.0.0
schema: v1
models:
  - name: Claude
    provider: anthropic
    model: claude-sonnet-4
mcpServers:
  # the database
  - name: pg
    command: npx
    args: ["-y", "@modelcontextprotocol/server-postgres", "\${{ secrets.PG_URL }}"]
`,
    },
  },
]

describe.each(LAYOUTS)('$name', (layout) => {
  it('adopted, then installed: no byte changes; uninstalled: the project is as it was', async () => {
    const sb = await createMemSandbox()
    for (const dir of ['agents', 'commands', 'skills', 'rules']) await removeTree(sb, join(sb.kit, dir))
    for (const name of ['mcp.yaml', 'hooks.yaml']) await sb.fs.unlink(join(sb.kit, name))
    for (const [path, text] of Object.entries(layout.files)) await sb.write(path, text)
    const input = toolInput(sb.fs, target(layout.tool), layout.scope, sb, { name: 'kit' })
    const merged = await adoptMergedKinds([input], [layout.tool])
    expect(merged.conflicts).toEqual([])
    expect(Object.keys(merged.servers)).toHaveLength(layout.servers)
    expect(merged.hooks).toHaveLength(layout.hooks)
    for (const file of merged.files) await sb.fs.writeFile(join(sb.kit, file.path), file.text)

    const before = await sb.tree()
    const report = await sb.install([layout.tool], { scope: layout.scope })
    expect(report.results.map((r) => r.failure?.error.message)).toEqual([undefined])
    expect(await sb.tree()).toEqual(before)
    await sb.uninstall([layout.tool], { scope: layout.scope })
    expect(await sb.tree()).toEqual(before)
  })
})

// --- internal ---

async function removeTree(sb: MemSandbox, dir: string): Promise<void> {
  for (const name of (await sb.fs.readdir(dir)) as string[]) {
    const full = join(dir, name)
    if ((await sb.fs.lstat(full)).isDirectory()) await removeTree(sb, full)
    else await sb.fs.unlink(full)
  }
  await sb.fs.rmdir(dir)
}

// The built CLI on a real project that already has what the kit holds, written by hand (as `outfit adopt` finds it):
// plan --check sees nothing to change, install takes it all over without writing, and uninstall leaves the project
// byte for byte as it was.
import { spawnSync } from 'node:child_process'
import { rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { builtCli } from '../helpers/built-cli.js'
import { useSandbox } from '../integration/sandbox.js'

const sb = useSandbox()

const outfit = (...args: string[]) =>
  spawnSync(process.execPath, [builtCli, ...args, '--home', sb.home, '--yes'], {
    cwd: sb.project,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', CI: 'true', XDG_STATE_HOME: '' },
  })

const RULE = '# House rules\n\n- Small functions.\n- Comments say why.\n'

describe('install over what is already the kit’s (built CLI)', () => {
  it('plan --check exits 0 and install writes nothing; a different value is still refused', async () => {
    // The kit: one rule, the starter kit's servers and hooks; nothing the project does not already have.
    for (const dir of ['agents', 'commands', 'skills', 'rules'])
      await rm(join(sb.kit, dir), { recursive: true })
    await sb.write('kit/rules/house.md', `---\nalwaysApply: true\n---\n${RULE}`)
    await sb.write('project/CLAUDE.md', RULE)
    await sb.write(
      'project/.mcp.json',
      `{
  // by hand
  "mcpServers": {
    "filesystem": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem@2026.8.31", "."], "env": {} },
    "issues": {
      "args": ["-y", "@modelcontextprotocol/server-github@2025.4.8"],
      "command": "npx",
      "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "\${GITHUB_PERSONAL_ACCESS_TOKEN}" }
    },
    "docs": { "type": "http", "url": "https://example.com/mcp", "headers": { "Authorization": "Bearer \${DOCS_TOKEN}" } },
    "events": { "type": "sse", "url": "https://example.com/sse" }
  }
}
`,
    )
    await sb.write(
      'project/.claude/settings.json',
      `{
  "model": "opus",
  "hooks": {
    "PostToolUse": [{ "matcher": "Edit|Write", "hooks": [
      { "type": "command", "command": "npx prettier@3.10.1 --write --ignore-unknown .", "timeout": 60 },
      { "type": "command", "command": "npx eslint --fix ." }
    ] }],
    "SessionStart": [{ "hooks": [{ "type": "command", "command": "git status --short" }] }]
  }
}
`,
    )
    const before = await sb.tree()

    const check = outfit('plan', 'claude-code', '--kit', sb.kit, '--scope', 'project', '--check')
    expect(check.status, check.stdout + check.stderr).toBe(0)

    const installed = outfit('install', 'claude-code', '--kit', sb.kit, '--scope', 'project')
    expect(installed.status, installed.stderr).toBe(0)
    expect(await sb.tree()).toEqual(before)

    // A different value is still the user's: refused, nothing written.
    await writeFile(
      join(sb.project, '.mcp.json'),
      '{ "mcpServers": { "issues": { "command": "gh-mcp" } } }\n',
    )
    const mine = await sb.tree()
    const refused = outfit('install', 'claude-code', '--kit', sb.kit, '--scope', 'project')
    expect(refused.status).not.toBe(0)
    expect(refused.stdout + refused.stderr).toMatch(
      /already holds a different value that outfit did not write/,
    )
    expect(await sb.tree()).toEqual(mine)
  })

  it('uninstall after taking over leaves the project as before the install', async () => {
    for (const dir of ['agents', 'commands', 'skills', 'rules'])
      await rm(join(sb.kit, dir), { recursive: true })
    await rm(join(sb.kit, 'mcp.yaml'))
    await sb.write('kit/rules/house.md', `---\nalwaysApply: true\n---\n${RULE}`)
    await sb.write('project/CLAUDE.md', RULE)
    await sb.write(
      'project/.claude/settings.json',
      '{"hooks":{"SessionStart":[{"hooks":[{"type":"command","command":"git status --short"}]}],"PostToolUse":[{"matcher":"Edit|Write","hooks":[{"type":"command","command":"npx prettier@3.10.1 --write --ignore-unknown .","timeout":60}]}]}}\n',
    )
    const before = await sb.tree()
    expect(outfit('install', 'claude-code', '--kit', sb.kit, '--scope', 'project').status).toBe(0)
    const removed = outfit('uninstall', 'claude-code', '--scope', 'project')
    expect(removed.status, removed.stderr).toBe(0)
    expect(await sb.tree()).toEqual(before)
  })
})

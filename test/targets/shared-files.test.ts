// Files other programs and other tools share: Codex's config.toml, AGENTS.md read by Codex and OpenCode,
// VS Code's mcp.json, OpenCode's opencode.json.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useMemSandbox } from '../helpers/mem-sandbox.js'

// On memfs: these tests are about what outfit writes into shared files, not about the disk.
const sb = useMemSandbox()

const userToml = `# my codex config
model = "o4-mini"

[mcp_servers.mine]
command = "my-server" # keep this comment

[profiles.fast]
model = "gpt-5-mini"
`

describe('codex config.toml', () => {
  it('adds the kit tables after the user content and removes them byte-exactly', async () => {
    await sb.write('home/.codex/config.toml', userToml)
    const before = await sb.tree()
    expect((await sb.install(['codex'])).results[0]?.status).toBe('installed')
    const text = await sb.read('home/.codex/config.toml')
    expect(text.startsWith(userToml)).toBe(true)
    expect(text).toContain('[mcp_servers.filesystem]')
    // Codex expands no ${VAR}: the bearer token is read from the environment by name, never written.
    expect(text).toContain(
      '[mcp_servers.docs]\nurl = "https://example.com/mcp"\nbearer_token_env_var = "DOCS_TOKEN"',
    )
    expect(text).toContain('env_vars = [ "GITHUB_PERSONAL_ACCESS_TOKEN" ]')
    expect((await sb.install(['codex'])).results[0]?.status).toBe('unchanged')
    await sb.uninstall(['codex'])
    expect(await sb.tree()).toEqual(before)
  })

  it('takes its tables out when the kit drops every MCP server (the step no longer runs), and uninstalls exactly', async () => {
    const { join } = await import('node:path')
    await sb.write('home/.codex/config.toml', userToml)
    const before = await sb.tree()
    await sb.install(['codex'])
    expect(await sb.read('home/.codex/config.toml')).toContain('[mcp_servers.')
    await sb.fs.unlink(join(sb.kit, 'mcp.yaml'))
    const update = await sb.install(['codex'])
    expect(update.results[0]?.status).toBe('installed')
    expect(await sb.read('home/.codex/config.toml')).toBe(userToml)
    await sb.uninstall(['codex'])
    expect(await sb.tree()).toEqual(before)
  })

  it('removes only its region when the user edited the file since', async () => {
    await sb.write('home/.codex/config.toml', userToml)
    await sb.install(['codex'])
    const installed = await sb.read('home/.codex/config.toml')
    await sb.write('home/.codex/config.toml', installed.replace('model = "o4-mini"', 'model = "o3"'))
    await sb.uninstall(['codex'])
    expect(await sb.read('home/.codex/config.toml')).toBe(
      userToml.replace('model = "o4-mini"', 'model = "o3"'),
    )
  })

  it('refuses a server table the user already defines, writing nothing', async () => {
    await sb.write('home/.codex/config.toml', '[mcp_servers.docs]\nurl = "https://mine.example"\n')
    const before = await sb.tree()
    const report = await sb.install(['codex'])
    expect(report.results[0]?.status).toBe('failed')
    expect(report.results[0]?.failure?.error.message).toMatch(
      /\[mcp_servers\.docs\] is already defined outside outfit's block/,
    )
    expect(await sb.tree()).toEqual(before)
  })

  it('reports a config.toml that does not parse, with its position', async () => {
    await sb.write('home/.codex/config.toml', 'model = "x"\n[broken\n')
    const report = await sb.install(['codex'])
    expect(report.results[0]?.failure?.error.message).toMatch(/config\.toml:2:\d+: not valid TOML/)
  })
})

describe('AGENTS.md shared by Codex and OpenCode', () => {
  it('holds one block for both, kept until the last of them is uninstalled', async () => {
    await sb.write('project/AGENTS.md', '# Team notes\n\nRun the tests before pushing.\n')
    const before = await sb.tree()
    const both = await sb.install(['codex', 'opencode'], { scope: 'project' })
    expect(both.results.map((r) => r.status)).toEqual(['installed', 'installed'])
    const agents = await sb.read('project/AGENTS.md')
    expect(agents.match(/outfit:starter-kit:begin/g)).toHaveLength(1)
    expect(agents.startsWith('# Team notes\n\nRun the tests before pushing.\n\n')).toBe(true)

    await sb.uninstall(['codex'], { scope: 'project' })
    expect(await sb.read('project/AGENTS.md')).toBe(agents)
    await sb.uninstall(['opencode'], { scope: 'project' })
    expect(await sb.tree()).toEqual(before)
  })
})

describe('JSON configs with user content', () => {
  it('keeps VS Code mcp.json inputs and servers, and comments', async () => {
    const user = `{
  // VS Code MCP config
  "inputs": [{ "type": "promptString", "id": "token", "password": true }],
  "servers": {
    "github": { "type": "http", "url": "https://api.example/mcp" }
  }
}
`
    await sb.write('project/.vscode/mcp.json', user)
    const before = await sb.tree()
    await sb.install(['copilot'], { scope: 'project' })
    const text = await sb.read('project/.vscode/mcp.json')
    expect(text).toContain('// VS Code MCP config')
    expect(text).toContain('"inputs": [{ "type": "promptString", "id": "token", "password": true }]')
    expect(text).toContain('"filesystem": {\n      "type": "stdio"')
    await sb.uninstall(['copilot'], { scope: 'project' })
    expect(await sb.tree()).toEqual(before)
  })

  it('merges into opencode.json next to the user keys', async () => {
    await sb.write(
      'project/opencode.json',
      '{\n  "$schema": "https://opencode.ai/config.json",\n  "theme": "tokyonight"\n}\n',
    )
    const before = await sb.tree()
    await sb.install(['opencode'], { scope: 'project' })
    const config = JSON.parse(await sb.read('project/opencode.json'))
    expect(config.theme).toBe('tokyonight')
    expect(config.mcp.filesystem).toEqual({
      type: 'local',
      command: ['npx', '-y', '@modelcontextprotocol/server-filesystem@2026.8.31', '.'],
      enabled: true,
    })
    await sb.uninstall(['opencode'], { scope: 'project' })
    expect(await sb.tree()).toEqual(before)
  })
})

describe('all targets at once', () => {
  // The first seven targets and the eight for agents that ship a CLI on npm, which share AGENTS.md, .agents/skills
  // (Codex, Amp, Qoder CLI), ~/.config (OpenCode, Kilo Code, Amp, Crush) and opencode.json's neighbours: installed,
  // reinstalled and uninstalled together. (The docs-only targets have their own test below.)
  it.each(['global', 'project'])(
    'installs the CLI tools concurrently into one %s scope, reinstalls as a no-op, and uninstalls to the exact tree',
    async (scope) => {
      await sb.write('home/.claude.json', '{ "numStartups": 3 }\n')
      // No ~/.config yet: the one these tools make concurrently goes with the last of them.
      const before = await sb.tree()
      const ids = [
        'claude-code',
        'codex',
        'copilot',
        'cursor',
        'gemini-cli',
        'opencode',
        'windsurf',
        'cline',
        'kilo-code',
        'qwen-code',
        'amp',
        'augment',
        'crush',
        'factory-droid',
        'qoder',
      ]
      const report = await sb.install(ids, { scope })
      expect(Object.fromEntries(report.results.map((r) => [r.tool, r.status]))).toEqual(
        Object.fromEntries(ids.map((id) => [id, 'installed'])),
      )
      expect((await sb.install(ids, { scope })).results.every((r) => r.status === 'unchanged')).toBe(true)
      await sb.uninstall(ids, { scope })
      expect(await sb.tree()).toEqual(before)
    },
  )
})

describe('AGENTS.md shared by Codex and OpenCode (project scope)', () => {
  const both = ['codex', 'opencode']
  it.each([
    ['in one run', [both]],
    ['Codex first', [['codex'], ['opencode']]],
    ['OpenCode first', [['opencode'], ['codex']]],
  ])(
    'uninstalling both %s leaves the project as it was (no orphaned block, no empty file)',
    async (_name, rounds) => {
      await sb.write('project/README.md', '# mine\n')
      const before = await sb.tree()
      const installed = await sb.install(both, { scope: 'project' })
      expect(installed.results.map((r) => r.status)).toEqual(['installed', 'installed'])
      for (const tools of rounds) {
        const report = await sb.uninstall(tools, { scope: 'project' })
        expect(report.results.map((r) => r.status)).toEqual(tools.map(() => 'uninstalled'))
      }
      expect(await sb.tree()).toEqual(before)
    },
  )

  it("keeps the user's own AGENTS.md byte-exact when both are uninstalled in one run", async () => {
    await sb.write('project/AGENTS.md', '# House rules\n\nBe kind.\n')
    const before = await sb.tree()
    await sb.install(['codex'], { scope: 'project' })
    await sb.install(['opencode'], { scope: 'project' })
    await sb.uninstall(both, { scope: 'project' })
    expect(await sb.tree()).toEqual(before)
  })
})

describe('a file two tools install in the same run', () => {
  it('goes with the last of them, whichever order they are uninstalled in', async () => {
    const { join } = await import('node:path')
    const dir = join(sb.root, 'targets')
    await sb.fs.mkdir(dir)
    for (const id of ['ta', 'tb']) {
      await sb.fs.writeFile(
        join(dir, `${id}.yaml`),
        `id: ${id}\nname: ${id.toUpperCase()}\nscopes:\n  global: { root: "{{home}}", dir: "{{home}}/.shared" }\nsteps:\n  - name: skills\n    run: { action: copy, with: { from: "skills/**", to: skills } }\n    rollback: { action: remove }\n  - name: manifest\n    run: { action: manifest }\n    rollback: { action: unmanifest }\n`,
      )
    }
    for (const order of [
      ['ta', 'tb'],
      ['tb', 'ta'],
    ]) {
      const before = await sb.tree()
      const report = await sb.install(['ta', 'tb'], { targetDirs: [dir] })
      expect(report.results.map((r) => r.status)).toEqual(['installed', 'installed'])
      for (const id of order)
        expect((await sb.uninstall([id], { targetDirs: [dir] })).results[0]?.status).toBe('uninstalled')
      expect(await sb.tree(), order.join(' then ')).toEqual(before)
    }
  })
})

describe('AGENTS.md and .agents/skills shared by Codex and the docs-only tools that read them (project scope)', () => {
  const tools = ['codex', 'goose', 'zed', 'warp', 'antigravity']
  it.each([
    ['in one run', [tools]],
    ['one by one', tools.map((t) => [t])],
    ['in reverse', [...tools].reverse().map((t) => [t])],
  ])('installing them all and uninstalling %s leaves the project as it was', async (_name, rounds) => {
    await sb.write('project/AGENTS.md', '# House rules\n')
    const before = await sb.tree()
    for (const t of tools) {
      const report = await sb.install([t], { scope: 'project' })
      expect(report.results.map((r) => [r.tool, r.status, r.failure?.error.message])).toEqual([
        [t, 'installed', undefined],
      ])
    }
    for (const round of rounds) {
      const report = await sb.uninstall(round, { scope: 'project' })
      expect(report.results.map((r) => r.status)).toEqual(round.map(() => 'uninstalled'))
    }
    expect(await sb.tree()).toEqual(before)
  })

  it('a second install of each changes nothing (the folders they share are claimed once)', async () => {
    for (const t of tools) await sb.install([t], { scope: 'project' })
    for (const t of tools)
      expect((await sb.install([t], { scope: 'project' })).results[0]?.status).toBe('unchanged')
  })
})

describe("a key two tools own with the same value (co-owned, not the user's)", () => {
  const installs: [string, string[][]][] = [
    ['in one run', [['claude-code', 'copilot']]],
    ['Claude Code first', [['claude-code'], ['copilot']]],
    ['Copilot first', [['copilot'], ['claude-code']]],
  ]
  const uninstalls: [string, string[][]][] = [
    ['in one run', [['claude-code', 'copilot']]],
    ['Claude Code first', [['claude-code'], ['copilot']]],
    ['Copilot first', [['copilot'], ['claude-code']]],
  ]
  const cases = installs.flatMap(([i, ir]) => uninstalls.map(([u, ur]) => [i, u, ir, ur] as const))

  it.each(cases)(
    '.mcp.json servers: installed %s, uninstalled %s, the project is as it was',
    async (_i, _u, installRounds, uninstallRounds) => {
      await sb.write(
        'project/.mcp.json',
        '{\n  "mcpServers": {\n    "mine": { "command": "my-server" }\n  }\n}\n',
      )
      const before = await sb.tree()
      for (const tools of installRounds) {
        const report = await sb.install(tools, { scope: 'project' })
        expect(report.results.map((r) => [r.tool, r.status, r.failure?.error.message])).toEqual(
          tools.map((t) => [t, 'installed', undefined]),
        )
      }
      const servers = JSON.parse(await sb.read('project/.mcp.json')).mcpServers
      expect(Object.keys(servers)).toEqual(['mine', 'filesystem', 'issues', 'docs', 'events'])
      for (const tools of uninstallRounds) {
        const report = await sb.uninstall(tools, { scope: 'project' })
        expect(report.results.map((r) => r.status)).toEqual(tools.map(() => 'uninstalled'))
      }
      expect(await sb.tree()).toEqual(before)
    },
  )

  it.each(uninstalls)(
    '.mcp.json without mcpServers: installed in one run, uninstalled %s, the object is gone with the last of them',
    async (_u, uninstallRounds) => {
      // Only one of the two creates `mcpServers`; the other finds it, made by a tool of the same run, and co-owns it.
      await sb.write('project/.mcp.json', '{\n  "other": 1\n}\n')
      const before = await sb.tree()
      await sb.install(['claude-code', 'copilot'], { scope: 'project' })
      expect(Object.keys(JSON.parse(await sb.read('project/.mcp.json')).mcpServers)).toHaveLength(4)
      for (const tools of uninstallRounds) {
        const report = await sb.uninstall(tools, { scope: 'project' })
        expect(report.results.map((r) => r.status)).toEqual(tools.map(() => 'uninstalled'))
      }
      expect(await sb.read('project/.mcp.json')).toBe('{\n  "other": 1\n}\n')
      expect(await sb.tree()).toEqual(before)
    },
  )

  it.each(cases)(
    'a YAML key: installed %s, uninstalled %s, the file is as it was',
    async (_i, _u, installRounds, uninstallRounds) => {
      const dir = join(sb.root, 'targets')
      await sb.fs.mkdir(dir)
      const ids: Record<string, string> = { 'claude-code': 'ya', copilot: 'yb' }
      for (const id of Object.values(ids)) {
        await sb.fs.writeFile(
          join(dir, `${id}.yaml`),
          `id: ${id}\nname: ${id.toUpperCase()}\nscopes:\n  global: { root: "{{home}}", dir: "{{home}}/.shared" }\nsteps:\n  - name: mcp\n    when: { kit: mcp }\n    run:\n      action: yaml-merge\n      with:\n        file: config.yaml\n        entries: { from: mcp, at: [servers], stdio: { command: $command, args: $args }, remote: { url: $url }, sse: { url: $url } }\n    rollback: { action: yaml-unmerge }\n  - name: manifest\n    run: { action: manifest }\n    rollback: { action: unmanifest }\n`,
        )
      }
      await sb.write('home/.shared/config.yaml', '# mine\nservers:\n  mine: { command: my-server } # keep\n')
      const before = await sb.tree()
      const map = (tools: string[]) => tools.map((t) => ids[t] ?? t)
      for (const tools of installRounds) {
        const report = await sb.install(map(tools), { targetDirs: [dir] })
        expect(report.results.map((r) => r.status)).toEqual(tools.map(() => 'installed'))
      }
      expect(await sb.read('home/.shared/config.yaml')).toContain('filesystem:')
      for (const tools of uninstallRounds) {
        const report = await sb.uninstall(map(tools), { targetDirs: [dir] })
        expect(report.results.map((r) => r.status)).toEqual(tools.map(() => 'uninstalled'))
      }
      expect(await sb.tree()).toEqual(before)
    },
  )
})

describe("Copilot CLI's project MCP servers", () => {
  it('go into .mcp.json (never .github/mcp.json), with a warning when that hides an existing .github/mcp.json', async () => {
    await sb.write('project/.github/mcp.json', '{ "mcpServers": { "mine": { "command": "my-server" } } }\n')
    const report = await sb.install(['copilot'], { scope: 'project' })
    const log = report.results[0]?.log.map((e) => e.text) ?? []
    const mcp = join(sb.project, '.mcp.json')
    expect(log.filter((t) => t.includes('is ignored'))).toEqual([
      `${join(sb.project, '.github/mcp.json')} is ignored by GitHub Copilot from now on: it reads ${mcp} instead whenever that file exists, and outfit created it; move the servers you keep there into ${mcp} or the kit`,
    ])
    expect(await sb.read('project/.github/mcp.json')).toBe(
      '{ "mcpServers": { "mine": { "command": "my-server" } } }\n',
    )
    expect(JSON.parse(await sb.read('project/.mcp.json')).mcpServers.docs).toEqual({
      type: 'http',
      url: 'https://example.com/mcp',
      headers: { Authorization: 'Bearer ${DOCS_TOKEN}' },
    })
    expect((await sb.install(['copilot'], { scope: 'project' })).results[0]?.status).toBe('unchanged')
  })

  it('warn nothing when .mcp.json already existed', async () => {
    await sb.write('project/.github/mcp.json', '{}\n')
    await sb.write('project/.mcp.json', '{}\n')
    const report = await sb.install(['copilot'], { scope: 'project' })
    expect(report.results[0]?.log.some((e) => e.text.includes('is ignored'))).toBe(false)
  })
})

describe('one copy per shared folder: .agents/skills for Codex, Gemini CLI, OpenCode and Copilot', () => {
  const tools = ['codex', 'gemini-cli', 'opencode', 'copilot']
  it.each(['project', 'global'])(
    '%s scope: each skill is written once, co-owned, no "twice" warning, and every uninstall order leaves the tree as it was',
    async (scope) => {
      await sb.write('project/README.md', '# mine\n')
      const before = await sb.tree()
      const report = await sb.install(tools, { scope })
      expect(report.results.map((r) => r.status)).toEqual(tools.map(() => 'installed'))
      // (Rules stay seen twice by Copilot CLI, which reads AGENTS.md beside .github/instructions: glob-scoped rules
      // need the latter, so no layout avoids it.)
      const warnings = report.results.flatMap((r) =>
        r.log.filter((e) => e.text.includes('twice') && /skills|commands/.test(e.text)),
      )
      expect(warnings).toEqual([])
      const tree = await sb.tree()
      const at = scope === 'project' ? 'project' : 'home'
      const skillFiles = Object.keys(tree).filter((p) => p.endsWith('/code-review/SKILL.md'))
      // Codex, Gemini CLI, OpenCode and Copilot (CLI and VS Code) all read .agents/skills: one copy.
      expect(skillFiles).toEqual([`${at}/.agents/skills/code-review/SKILL.md`])
      // Commands as skills go where only their tool looks.
      expect(
        Object.keys(tree)
          .filter((p) => p.endsWith('/changelog/SKILL.md'))
          .sort(),
      ).toEqual(
        scope === 'project'
          ? ['project/.codex/skills/changelog/SKILL.md', 'project/.github/skills/changelog/SKILL.md']
          : ['home/.codex/skills/changelog/SKILL.md', 'home/.copilot/skills/changelog/SKILL.md'],
      )
      for (const tool of ['gemini-cli', 'codex', 'copilot', 'opencode']) {
        const out = await sb.uninstall([tool], { scope })
        expect(out.results[0]?.status).toBe('uninstalled')
        if (tool !== 'opencode')
          expect(Object.keys(await sb.tree())).toContain(`${at}/.agents/skills/code-review/SKILL.md`)
      }
      expect(await sb.tree()).toEqual(before)
    },
  )
})

describe('a changed kit re-installed, then uninstalled', () => {
  // Tools whose target edits one config file in several steps (MCP servers and hooks in one settings file).
  it.each(['gemini-cli', 'claude-code', 'qwen-code', 'codex', 'copilot', 'opencode', 'cursor', 'kilo-code'])(
    '%s: leaves the home exactly as it was',
    async (tool) => {
      const before = await sb.tree()
      expect((await sb.install([tool])).results[0]?.status).toBe('installed')
      await sb.fs.writeFile(
        join(sb.kit, 'rules', 'extra.md'),
        '---\nalwaysApply: true\n---\nOne more rule.\n',
      )
      await sb.fs.writeFile(join(sb.kit, 'hooks.yaml'), 'hooks:\n  - event: stop\n    command: echo done\n')
      expect((await sb.install([tool])).results[0]?.status).toBe('installed')
      expect((await sb.uninstall([tool])).results[0]?.status).toBe('uninstalled')
      expect(await sb.tree()).toEqual(before)
    },
  )
})

describe('two tools adding their own servers to one shared file', () => {
  // Claude Code and Copilot both read the project's .mcp.json. Each gets one server of the kit here; whichever installs
  // first, the file's bytes are the same: new keys go in kit order among the kit's own.
  it('gives the same bytes whichever tool writes first', async () => {
    await sb.write(
      'kit/mcp.yaml',
      'servers:\n  filesystem:\n    command: npx\n    args: ["-y", "fs-server@1.0.0"]\n    outfit: { tools: [claude-code] }\n  docs:\n    url: https://example.com/mcp\n    outfit: { tools: [copilot] }\n',
    )
    const files: string[] = []
    for (const order of [
      ['claude-code', 'copilot'],
      ['copilot', 'claude-code'],
    ]) {
      for (const tool of order) await sb.install([tool], { scope: 'project' })
      files.push(await sb.read('project/.mcp.json'))
      await sb.uninstall(order, { scope: 'project' })
    }
    expect(files[0]).toContain('"filesystem"')
    expect(files[0]?.indexOf('"filesystem"')).toBeLessThan(files[0]?.indexOf('"docs"') ?? 0)
    expect(files[1]).toBe(files[0])
  })
})

describe('two tools adding their own servers to one shared YAML file', () => {
  it('gives the same bytes whichever tool writes first', async () => {
    const dir = join(sb.root, 'targets')
    await sb.fs.mkdir(dir)
    for (const id of ['ya', 'yb'])
      await sb.fs.writeFile(
        join(dir, `${id}.yaml`),
        `id: ${id}\nname: ${id.toUpperCase()}\nscopes:\n  global: { root: "{{home}}", dir: "{{home}}/.shared" }\nsteps:\n  - name: mcp\n    when: { kit: mcp }\n    run:\n      action: yaml-merge\n      with:\n        file: config.yaml\n        entries: { from: mcp, at: [servers], stdio: { command: $command, args: $args }, remote: { url: $url }, sse: { url: $url } }\n    rollback: { action: yaml-unmerge }\n  - name: manifest\n    run: { action: manifest }\n    rollback: { action: unmanifest }\n`,
      )
    await sb.write(
      'kit/mcp.yaml',
      'servers:\n  filesystem:\n    command: npx\n    args: ["-y", "fs-server@1.0.0"]\n    outfit: { tools: [ya] }\n  docs:\n    url: https://example.com/mcp\n    outfit: { tools: [yb] }\n',
    )
    await sb.write('home/.shared/config.yaml', '# mine\nservers:\n  mine: { command: my-server } # keep\n')
    const files: string[] = []
    for (const order of [
      ['ya', 'yb'],
      ['yb', 'ya'],
    ]) {
      for (const tool of order) await sb.install([tool], { targetDirs: [dir] })
      files.push(await sb.read('home/.shared/config.yaml'))
      await sb.uninstall(order, { targetDirs: [dir] })
    }
    expect(files[0]).toMatch(/filesystem:[\s\S]*docs:/)
    expect(files[1]).toBe(files[0])
  })
})

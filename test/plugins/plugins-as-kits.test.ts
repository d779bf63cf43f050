// Plugins as kit sources, on memfs: each format's third-party-style fixture read as a kit and installed into several
// tools through the api, as `outfit install --kit <folder>` does; what a plugin holds that a kit cannot carry is said
// in the kit warnings; an outfit-made Agent Plugin installs byte for byte as the kit it was made from.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { install } from '../../src/api/install.js'
import { plan } from '../../src/api/plan.js'
import { TargetInvalidError } from '../../src/errors.js'
import { builtinTargetsDir } from '../../src/package-root.js'
import type { Diagnostic } from '../../src/types.js'
import { createMemSandbox, type MemSandbox } from '../helpers/mem-sandbox.js'
import {
  agentPlugin,
  claudePlugin,
  codexPlugin,
  copilotPlugin,
  cursorPlugin,
  geminiExtension,
  realWorldClaudePlugin,
} from './fixtures.js'

let sb: MemSandbox
const plugin = '/sandbox/plugin'

beforeEach(async () => {
  sb = await createMemSandbox()
  await sb.fs.mkdir(builtinTargetsDir, { recursive: true })
  for (const name of readdirSync(builtinTargetsDir))
    await sb.fs.writeFile(join(builtinTargetsDir, name), readFileSync(join(builtinTargetsDir, name)))
})

async function writePlugin(files: Record<string, string>, dir = plugin): Promise<void> {
  for (const [path, content] of Object.entries(files))
    await sb.write(relative('/sandbox', join(dir, path)), content)
}

async function installPlugin(tools: string[], scope = 'project', kit = plugin) {
  const warnings: Diagnostic[] = []
  const result = await install({
    fs: sb.fs,
    cwd: sb.project,
    env: {},
    home: sb.home,
    project: sb.project,
    scope,
    tools,
    kit,
    onKitWarnings: (w) => warnings.push(...w),
  })
  expect(result.report.results.map((r) => [r.tool, r.status, r.failure?.error.message])).toEqual(
    tools.map((t) => [t, 'installed', undefined]),
  )
  return { result, warnings: warnings.map((w) => w.message) }
}

const read = (path: string) => sb.read(relative('/sandbox', path))
const inProject = (path: string) => read(join(sb.project, path))

describe('a Claude Code plugin', () => {
  it('installs its commands, agents, skills, servers and hooks into Claude Code, Cursor, Gemini CLI and Codex', async () => {
    await writePlugin(claudePlugin)
    const { warnings } = await installPlugin(['claude-code', 'cursor', 'gemini-cli', 'codex'])
    // Claude Code gets back what the plugin gave it: `tools` joined again, the command as written.
    expect(await inProject('.claude/agents/critic.md')).toContain('tools: Read, Grep, Glob\n')
    expect(await inProject('.claude/commands/review.md')).toContain('Review $ARGUMENTS carefully.')
    // A command in a sub-folder (/git:push in Claude Code) is git-push in a kit.
    expect(await inProject('.cursor/commands/git-push.md')).toBe('Push the branch.\n')
    // Gemini's TOML commands come from the same kit command.
    expect(await inProject('.gemini/commands/review.toml')).toContain('Review {{args}} carefully.')
    // The skill with its files; its reference to the plugin's script is the plugin folder's path.
    expect(await inProject('.claude/skills/lint/SKILL.md')).toContain(`Run \`${plugin}/scripts/lint.sh\`.`)
    expect(await inProject('.claude/skills/lint/helper.py')).toBe('print("lint")\n')
    // Servers: the plugin's file reached by its path, secrets as each tool spells a reference.
    const mcp = JSON.parse(await inProject('.mcp.json'))
    expect(mcp.mcpServers.local).toEqual({
      type: 'stdio',
      command: 'node',
      args: [`${plugin}/scripts/lint.sh`, '--stdio'],
      env: { TOKEN: '${LINT_TOKEN}' },
    })
    expect(mcp.mcpServers.remote.headers).toEqual({ Authorization: 'Bearer ${REMOTE_TOKEN}' })
    expect(mcp.mcpServers.events).toMatchObject({ type: 'sse', url: 'https://mcp.example.com/sse' })
    expect(mcp.mcpServers.cache).toBeUndefined()
    expect(JSON.parse(await inProject('.cursor/mcp.json')).mcpServers.remote.headers).toEqual({
      Authorization: 'Bearer ${env:REMOTE_TOKEN}',
    })
    expect(await inProject('.codex/config.toml')).toContain('bearer_token_env_var = "REMOTE_TOKEN"')
    // Hooks: the command hook with the plugin's script; the prompt hook and the missing script are not there.
    const settings = JSON.parse(await inProject('.claude/settings.json'))
    expect(settings.hooks.PostToolUse).toEqual([
      {
        matcher: 'Edit|Write',
        hooks: [{ type: 'command', command: `${plugin}/scripts/fmt.sh`, timeout: 30 }],
      },
    ])
    expect(settings.hooks.SessionStart).toBeUndefined()
    expect(JSON.parse(await inProject('.gemini/settings.json')).hooks.AfterTool[0].matcher).toBe(
      'replace|write_file',
    )
    // Everything left out is named, with the reason.
    expect(warnings).toEqual([
      "Claude Code plugin read as a kit: the plugin name 'Review-Tools' is the kit name 'review-tools'",
      'Claude Code plugin read as a kit: output styles (plugin.json outputStyles) left out: a kit has no output styles',
      "Claude Code plugin read as a kit: commands/git/push.md is the command git-push (a kit's commands are one level)",
      "Claude Code plugin read as a kit: MCP server 'cache' (.mcp.json) left out: it uses ${CLAUDE_PLUGIN_DATA}, a data folder only a plugin host provides",
      "Claude Code plugin read as a kit: 1 hook on 'PostToolUse' (hooks/hooks.json) that run no command (a kit hook runs a shell command); left out",
      "Claude Code plugin read as a kit: hook sessionStart '${CLAUDE_PLUGIN_ROOT}/scripts/missing.sh' (hooks/hooks.json) left out: ${CLAUDE_PLUGIN_ROOT}/scripts/missing.sh names a file the plugin does not hold",
      'Claude Code plugin read as a kit: not installed (a kit has no place for them): docs, styles',
    ])
  })

  it('a manifest that is not JSON is an error at its line and column, and nothing is installed', async () => {
    await writePlugin({
      ...claudePlugin,
      '.claude-plugin/plugin.json': '{\n  "name": "x",\n  "version": \n}',
    })
    const before = await sb.tree()
    const run = install({
      fs: sb.fs,
      cwd: sb.project,
      env: {},
      home: sb.home,
      project: sb.project,
      scope: 'project',
      tools: ['claude-code'],
      kit: plugin,
    })
    const error = (await run.catch((e: unknown) => e)) as TargetInvalidError
    expect(error).toBeInstanceOf(TargetInvalidError)
    expect(error.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`)).toEqual([
      `${plugin}/.claude-plugin/plugin.json:4:1 not valid JSON: ValueExpected`,
    ])
    expect(await sb.tree()).toEqual(before)
  })
})

describe('a real-world shaped Claude Code plugin', () => {
  it('installs into Codex, Cursor and Gemini CLI with every ${CLAUDE_PLUGIN_ROOT} made the plugin folder', async () => {
    await writePlugin(realWorldClaudePlugin)
    const tools = ['claude-code', 'codex', 'cursor', 'gemini-cli']
    const { warnings } = await installPlugin(tools)
    expect(warnings).toEqual([])
    // No tool file is left with a reference only a Claude plugin host expands.
    const tree = await sb.tree()
    const files = Object.keys(tree).filter((p) => p.startsWith('project/') && tree[p] !== 'dir')
    expect(files.length).toBeGreaterThan(8)
    for (const file of files) expect(await read(join('/sandbox', file)), file).not.toContain('CLAUDE_PLUGIN')
    // The hooks run the plugin's scripts by their path, in each tool's shape.
    const hook = `python3 ${plugin}/hooks/security_reminder_hook.py`
    expect(JSON.parse(await inProject('.claude/settings.json')).hooks.PreToolUse[0].hooks[0].command).toBe(
      hook,
    )
    expect(JSON.parse(await inProject('.gemini/settings.json')).hooks.BeforeTool[0].hooks[0].command).toBe(
      hook,
    )
    expect(JSON.stringify(JSON.parse(await inProject('.cursor/hooks.json')))).toContain(hook)
    expect(await inProject('.codex/hooks.json')).toContain(`bash \\"${plugin}/hooks/prompt.sh\\"`)
    // The command's text and the server's command name the plugin's files.
    expect(await inProject('.gemini/commands/audit.toml')).toContain(
      `Run \`${plugin}/hooks/prompt.sh\` first`,
    )
    expect(await inProject('.codex/config.toml')).toContain(`command = "${plugin}/hooks/prompt.sh"`)
    expect(await inProject('.codex/config.toml')).toContain('env_vars = [ "SEMGREP_APP_TOKEN" ]')
    expect(await inProject('.cursor/agents/auditor.md')).toContain('Audit carefully.')
  })
})

describe('plan', () => {
  it('plans a plugin like a kit and writes nothing but the kit read from it, in the cache (as a fetched kit is)', async () => {
    await writePlugin(cursorPlugin)
    const before = await sb.tree()
    const planned = await plan({
      fs: sb.fs,
      cwd: sb.project,
      env: {},
      home: sb.home,
      project: sb.project,
      scope: 'project',
      tools: ['cursor'],
      kit: plugin,
    })
    expect(planned.plans[0]?.changes.map((c) => c.path)).toContain(
      join(sb.project, '.cursor/rules/typescript.mdc'),
    )
    const after = await sb.tree()
    expect(Object.keys(after).filter((p) => !(p in before) && !p.startsWith('home/.cache'))).toEqual([])
    expect(Object.keys(after).some((p) => p.startsWith('home/.cache/outfit/plugins/'))).toBe(true)
  })
})

describe('a Gemini CLI extension', () => {
  it('installs its TOML commands, context file, inline servers and hooks into Claude Code and Cursor', async () => {
    await writePlugin(geminiExtension)
    const { warnings } = await installPlugin(['claude-code', 'cursor', 'gemini-cli'])
    // The TOML command read back through the Gemini target's own declaration ({{args}} is $ARGUMENTS).
    expect(await inProject('.claude/commands/explain.md')).toBe(
      '---\ndescription: Explain code\n---\nExplain $ARGUMENTS simply.\n',
    )
    expect(await inProject('.cursor/commands/git-commit.md')).toBe('Write a commit message for $ARGUMENTS.\n')
    // Gemini gets the command back as TOML with {{args}}.
    expect(await inProject('.gemini/commands/explain.toml')).toContain('Explain {{args}} simply.')
    // GEMINI.md is a rule for every file: the memory block of each tool.
    expect(await inProject('CLAUDE.md')).toContain('Always answer in English.')
    expect(await inProject('.cursor/rules/gemini.mdc')).toContain('Always answer in English.')
    expect(JSON.parse(await inProject('.mcp.json')).mcpServers.gem).toEqual({
      type: 'stdio',
      command: 'node',
      args: [`${plugin}/server.js`],
      env: { GEM_KEY: '${GEM_KEY}' },
    })
    // BeforeTool on replace|write_file with 5000 ms is preToolUse on Edit|MultiEdit|Write for 5 s.
    expect(JSON.parse(await inProject('.claude/settings.json')).hooks.PreToolUse).toEqual([
      { matcher: 'Edit|MultiEdit|Write', hooks: [{ type: 'command', command: 'echo before', timeout: 5 }] },
    ])
    expect(warnings).toEqual([
      'Gemini CLI extension read as a kit: excludeTools (gemini-extension.json) left out: a kit does not turn off built-in tools',
      'Gemini CLI extension read as a kit: the extension asks its user for settings (GEM_KEY); set them in your environment yourself',
      "Gemini CLI extension read as a kit: commands/git/commit.toml is the command git-commit (a kit's commands are one level)",
      "Gemini CLI extension read as a kit: MCP server 'gem' (gemini-extension.json): timeout left out (no kit field)",
      "Gemini CLI extension read as a kit: hooks on 'BeforeModel' (hooks/hooks.json): the kit has no such event; left out",
    ])
  })
})

describe('a Cursor plugin', () => {
  it('installs its .mdc rules and ${env:VAR} servers everywhere, and gives Cursor back its own rule files', async () => {
    await writePlugin(cursorPlugin)
    const { warnings } = await installPlugin(['cursor', 'claude-code', 'codex'])
    // Read back through the Cursor target's declaration and written forward by it: the same bytes.
    for (const rule of ['typescript', 'always'])
      expect(await inProject(`.cursor/rules/${rule}.mdc`)).toBe(cursorPlugin[`rules/${rule}.mdc`])
    // Claude Code: the rule for some files under .claude/rules with its globs, the always-on one in CLAUDE.md.
    expect(await inProject('.claude/rules/typescript.md')).toContain('src/**/*.ts')
    expect(await inProject('CLAUDE.md')).toContain('Be kind.')
    expect(await inProject('AGENTS.md')).toContain('Use strict types.')
    expect(JSON.parse(await inProject('.mcp.json')).mcpServers.api.env).toEqual({ API_KEY: '${API_KEY}' })
    expect(JSON.parse(await inProject('.cursor/mcp.json')).mcpServers.api.env).toEqual({
      API_KEY: '${env:API_KEY}',
    })
    expect(await inProject('.codex/config.toml')).toContain('env_vars = [ "API_KEY" ]')
    // Cursor's Write matcher stands for every kit edit tool.
    expect(JSON.parse(await inProject('.claude/settings.json')).hooks.PostToolUse[0].matcher).toBe(
      'Edit|MultiEdit|Write',
    )
    expect(warnings).toEqual([])
  })
})

describe('a Codex plugin', () => {
  it('installs its skills and servers, env_vars and bearer_token_env_var as ${VAR} references', async () => {
    await writePlugin(codexPlugin)
    const { warnings } = await installPlugin(['codex', 'claude-code'])
    expect(await inProject('.agents/skills/plan/SKILL.md')).toContain('Plan it.')
    const mcp = JSON.parse(await inProject('.mcp.json')).mcpServers
    expect(mcp.tracker.env).toEqual({ TRACKER_TOKEN: '${TRACKER_TOKEN}' })
    expect(mcp.search.headers).toEqual({ Authorization: 'Bearer ${SEARCH_TOKEN}' })
    const toml = await inProject('.codex/config.toml')
    expect(toml).toContain('env_vars = [ "TRACKER_TOKEN" ]')
    expect(toml).toContain('bearer_token_env_var = "SEARCH_TOKEN"')
    expect(warnings).toEqual([
      'Codex plugin read as a kit: apps (plugin.json) left out: a kit cannot connect to a registered app',
      'Codex plugin read as a kit: not installed (a kit has no place for them): .app.json',
    ])
  })
})

describe('a Copilot CLI plugin', () => {
  it.each(['.github/plugin/plugin.json', '.plugin/plugin.json', 'plugin.json'])(
    'with its manifest at %s installs its agents, skills, commands, servers and hooks everywhere',
    async (manifest) => {
      const { '.github/plugin/plugin.json': json, ...rest } = copilotPlugin
      await writePlugin({ ...rest, [manifest]: json ?? '' })
      const { warnings } = await installPlugin(['copilot', 'claude-code', 'codex'])
      // helper.agent.md is the kit agent `helper`, given back to Copilot under its own name.
      expect(await inProject('.claude/agents/helper.md')).toBe(copilotPlugin['agents/helper.agent.md'])
      expect(await inProject('.github/agents/helper.agent.md')).toContain('Help with React.')
      // Both skill folders the manifest names; the commands/ folder Copilot loads as skills is the kit's command.
      for (const skill of ['deploy', 'bench'])
        expect(await inProject(`.claude/skills/${skill}/SKILL.md`)).toContain(`name: ${skill}`)
      expect(await inProject('.claude/commands/fix.md')).toBe(copilotPlugin['commands/fix.md'])
      expect(JSON.parse(await inProject('.mcp.json')).mcpServers.react.env).toEqual({
        REACT_TOKEN: '${REACT_TOKEN}',
      })
      expect(await inProject('.codex/config.toml')).toContain('env_vars = [ "REACT_TOKEN" ]')
      expect(
        JSON.parse(await inProject('.claude/settings.json')).hooks.SessionStart[0].hooks[0],
      ).toMatchObject({
        command: 'echo hello',
      })
      expect(warnings).toEqual([
        'Copilot CLI plugin read as a kit: LSP servers (plugin.json lspServers) left out: a kit has no LSP servers',
        'Copilot CLI plugin read as a kit: not installed (a kit has no place for them): .lsp.json',
      ])
    },
  )

  it('a root plugin.json with the Agent Plugins schema is still an Agent Plugin', async () => {
    await writePlugin(agentPlugin)
    const { warnings } = await installPlugin(['claude-code'])
    expect(warnings.every((w) => w.startsWith('Agent Plugin read as a kit'))).toBe(true)
  })
})

describe('an Agent Plugin', () => {
  it('installs its skills and servers; ${PLUGIN_ROOT} and ./ commands reach the plugin, cwd and ${PLUGIN_DATA} are refused', async () => {
    await writePlugin(agentPlugin)
    const { warnings } = await installPlugin(['claude-code', 'gemini-cli'], 'global')
    expect(await read(join(sb.home, '.claude/skills/hello/SKILL.md'))).toContain('Hello.')
    const servers = JSON.parse(await read(join(sb.home, '.claude.json'))).mcpServers
    expect(servers.tool).toEqual({ type: 'stdio', command: `${plugin}/bin/server`, args: ['--root', plugin] })
    expect(servers.remote).toEqual({ type: 'http', url: 'https://remote.example.com/mcp' })
    expect(servers.legacy).toEqual({ type: 'sse', url: 'https://remote.example.com/sse' })
    expect(Object.keys(servers).sort()).toEqual(['legacy', 'remote', 'tool'])
    expect(warnings).toEqual([
      "Agent Plugin read as a kit: the manifest's com.acme extension data left out: it is for the tool that defines it",
      "Agent Plugin read as a kit: MCP server 'boxed' (mcp.json): it runs in ${PLUGIN_ROOT}, and a kit server has no working folder; left out",
      "Agent Plugin read as a kit: MCP server 'store' (mcp.json) left out: it uses ${PLUGIN_DATA}, a data folder only a plugin host provides",
      'Agent Plugin read as a kit: not installed (a kit has no place for them): com.acme',
    ])
  })
})

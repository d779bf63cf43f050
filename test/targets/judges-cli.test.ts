// Opt-in: the agents that ship a CLI on npm judge what outfit wrote for them. Installs each CLI at the version its
// target's `verifiedBy` names, and asks it, offline and with HOME set to a sandbox, to list its configuration: the MCP
// servers outfit installed (and the user's own server, written there before, still listed beside them), and the
// agents, skills, commands and rules where the CLI lists them without logging in. Run with
//   OUTFIT_JUDGES=1 npx vitest run test/targets/judges-cli.test.ts
// (OUTFIT_JUDGES_CLI_DIR=<dir> reuses an install of the pinned CLIs). Crush is not judged: its npm package downloads
// its binary from outside the npm registry at install time, which this test cannot count on.
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { requireTargets } from '../../src/api/targets.js'
import { realFs } from '../../src/fs/fs.js'
import { createSandbox, repoRoot, type Sandbox } from '../integration/sandbox.js'

const run = promisify(execFile)
const enabled = process.env.OUTFIT_JUDGES === '1'
const TOOLS = ['qwen-code', 'kilo-code', 'cline', 'amp', 'augment', 'factory-droid', 'qoder']
/** The user's own server, in each tool's MCP file before outfit installs: it must still be listed afterwards. */
const MINE = { command: 'node', args: ['mine.js'] }
const SECRETS = {
  GITHUB_PERSONAL_ACCESS_TOKEN: 'gh-token-2',
  DOCS_TOKEN: 'docs-token-1',
  JUDGE_KEY: 'judge-key-5',
}
let dir = ''
let sb: Sandbox

async function judge(
  command: string,
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<string> {
  const full = {
    ...process.env,
    ...SECRETS,
    HOME: sb.home,
    XDG_CONFIG_HOME: join(sb.home, '.config'),
    NO_COLOR: '1',
    ...env,
  }
  // Some of these CLIs exit non-zero after printing a listing (a server failed to connect offline): the listing counts.
  const result = await run(command, args, { cwd, env: full, timeout: 120_000 }).catch(
    (error: { stdout?: string; stderr?: string }) => ({
      stdout: error.stdout ?? '',
      stderr: error.stderr ?? '',
    }),
  )
  return `${result.stdout}${result.stderr}`
}
const bin = (name: string) => join(dir, 'node_modules/.bin', name)
const droid = () => join(dir, 'node_modules/@factory/cli-linux-x64/bin/droid')

describe.runIf(enabled)('the npm-shipped agent CLIs read what outfit installed', { timeout: 180_000 }, () => {
  beforeAll(async () => {
    const targets = await requireTargets({ fs: realFs })
    const pinned = targets
      .filter((t) => TOOLS.includes(t.spec.id))
      .map((t) => t.spec.verifiedBy?.cli ?? t.spec.verifiedBy?.code ?? '')
    expect(pinned.every(Boolean)).toBe(true)
    dir = process.env.OUTFIT_JUDGES_CLI_DIR ?? (await mkdtemp(join(tmpdir(), 'outfit-judges-cli-')))
    if (!['qwen', 'kilo', 'amp', 'auggie', 'qodercli'].every((b) => existsSync(bin(b)))) {
      await mkdir(dir, { recursive: true })
      await run('npm', ['init', '-y'], { cwd: dir })
      await run('npm', ['install', '--no-audit', '--no-fund', ...pinned], { cwd: dir, timeout: 900_000 })
    }
    sb = await createSandbox()
    await sb.write('home/.qwen/settings.json', JSON.stringify({ mcpServers: { mine: MINE } }))
    await sb.write(
      'home/.config/kilo/kilo.json',
      JSON.stringify({ mcp: { mine: { type: 'local', command: ['node', 'mine.js'], enabled: true } } }),
    )
    await sb.write(
      'home/.cline/data/settings/cline_mcp_settings.json',
      JSON.stringify({ mcpServers: { mine: { type: 'stdio', ...MINE } } }),
    )
    await sb.write('home/.config/amp/settings.json', JSON.stringify({ 'amp.mcpServers': { mine: MINE } }))
    await sb.write(
      'home/.augment/settings.json',
      JSON.stringify({ mcpServers: { mine: { type: 'stdio', ...MINE } } }),
    )
    await sb.write(
      'home/.factory/mcp.json',
      JSON.stringify({ mcpServers: { mine: { type: 'stdio', ...MINE } } }),
    )
    await sb.write('home/.qoder/settings.json', JSON.stringify({ mcpServers: { mine: MINE } }))
    for (const scope of ['global', 'project']) {
      const report = await sb.install(TOOLS, { scope, env: SECRETS })
      expect(Object.fromEntries(report.results.map((r) => [r.tool, r.status]))).toEqual(
        Object.fromEntries(TOOLS.map((t) => [t, 'installed'])),
      )
    }
  }, 1_000_000)
  afterAll(async () => {
    await sb?.cleanup()
  })

  it("qwen lists the stdio, streamable HTTP and SSE servers beside the user's own", async () => {
    const out = await judge(bin('qwen'), ['mcp', 'list'], sb.home)
    for (const line of [
      'mine: node mine.js (stdio)',
      'filesystem: npx -y @modelcontextprotocol/server-filesystem@2026.8.31 . (stdio)',
      'docs: https://example.com/mcp (http)',
      'events: https://example.com/sse (sse)',
    ])
      expect(out).toContain(line)
  })

  it('kilo resolves the servers, agents, commands, rule files and skills of both scopes', async () => {
    const config = JSON.parse(await judge(bin('kilo'), ['debug', 'config'], sb.project).then(jsonOf)) as {
      mcp: Record<string, { type: string; headers?: Record<string, string> }>
      agent: Record<string, unknown>
      command: Record<string, unknown>
      instructions: string[]
    }
    expect(Object.keys(config.mcp).sort()).toEqual(['docs', 'events', 'filesystem', 'issues', 'mine'])
    // {env:DOCS_TOKEN} is expanded by Kilo itself, from its environment.
    expect(config.mcp.docs?.headers?.Authorization).toBe(`Bearer ${SECRETS.DOCS_TOKEN}`)
    expect(Object.keys(config.agent)).toContain('reviewer')
    expect(Object.keys(config.command)).toContain('changelog')
    expect(config.instructions).toEqual(
      expect.arrayContaining([
        join(sb.home, '.kilo/rules/typescript.md'),
        join(sb.project, '.kilo/rules/general.md'),
      ]),
    )
    // One skill per name: in the project, the project's copy (in the shared .agents/skills) wins over the user's.
    expect(await judge(bin('kilo'), ['debug', 'skill'], sb.project)).toContain(
      join(sb.project, '.agents/skills/code-review/SKILL.md'),
    )
    expect(await judge(bin('kilo'), ['debug', 'skill'], sb.home)).toContain(
      join(sb.home, '.config/kilo/skills/code-review/SKILL.md'),
    )
  })

  it("cline's own loaders (its CLI lists configuration only in a terminal UI) read the servers, agents, rules, workflows and skills", async () => {
    const script = `
      const c = await import(${JSON.stringify(join(dir, 'node_modules/@cline/core/dist/index.js'))})
      const { readdirSync } = await import('node:fs')
      const ws = ${JSON.stringify(sb.project)}
      const servers = c.loadMcpSettingsFile().mcpServers
      const agents = c.loadConfiguredAgentConfigs({ workspaceRoot: ws }).configs.map((a) => a.name)
      const files = (paths, ext) => paths.flatMap((p) => { try { return readdirSync(p).filter((f) => f.endsWith(ext)).map((f) => p + '/' + f) } catch { return [] } })
      const rules = files(c.resolveRulesConfigSearchPaths(ws), '.md')
      const workflows = files(c.resolveWorkflowsConfigSearchPaths(ws), '.md')
      const skills = files(c.resolveSkillsConfigSearchPaths(ws), '')
      console.log(JSON.stringify({ servers, agents, rules, workflows, skills, settings: c.resolveMcpSettingsPath() }))`
    const out = JSON.parse(
      await judge(process.execPath, ['--input-type=module', '-e', script], sb.project),
    ) as Record<string, unknown>
    expect(out.settings).toBe(join(sb.home, '.cline/data/settings/cline_mcp_settings.json'))
    expect(Object.keys(out.servers as object).sort()).toEqual(['events', 'filesystem', 'mine'])
    // One agent per name (the workspace's wins over the user's).
    expect(out.agents).toEqual(['reviewer'])
    expect(out.rules).toEqual(
      expect.arrayContaining([
        join(sb.project, '.cline/rules/typescript.md'),
        join(sb.home, '.cline/rules/general.md'),
      ]),
    )
    expect(out.workflows).toEqual(
      expect.arrayContaining([
        join(sb.project, '.cline/workflows/changelog.md'),
        join(sb.home, '.cline/workflows/changelog.md'),
      ]),
    )
    expect(out.skills).toEqual(
      expect.arrayContaining([
        join(sb.project, '.agents/skills/code-review'),
        join(sb.home, '.cline/skills/code-review'),
      ]),
    )
  })

  it('amp lists the workspace and global servers without logging in', async () => {
    const out = await judge(bin('amp'), ['mcp', 'list'], sb.project)
    expect(out).toMatch(
      /Workspace \.amp\/settings\.json[\s\S]*filesystem\s+command\s+npx -y @modelcontextprotocol\/server-filesystem@2026\.8\.31 \./,
    )
    expect(out).toMatch(/Global ~\/\.config\/amp\/settings\.json[\s\S]*mine\s+command\s+node mine\.js/)
    expect(out).toMatch(/docs\s+url\s+https:\/\/example\.com\/mcp/)
    expect(out).toMatch(/events\s+url\s+https:\/\/example\.com\/sse/)
  })

  it('auggie lists the servers and the custom commands', async () => {
    const out = await judge(bin('auggie'), ['mcp', 'list'], sb.project)
    for (const re of [
      /mine\s+stdio\s+node mine\.js/,
      /filesystem\s+stdio\s+npx -y/,
      /docs\s+http\s+https:\/\/example\.com\/mcp/,
      /events\s+sse\s+https:\/\/example\.com\/sse/,
    ])
      expect(out).toMatch(re)
    expect(await judge(bin('auggie'), ['command', 'list'], sb.project)).toContain('changelog')
  })

  it('droid lists the user and project servers', async () => {
    const out = await judge(droid(), ['mcp', 'list'], sb.project)
    for (const re of [
      /mine\s+stdio\s+.*\[user\]/,
      /filesystem\s+stdio\s+.*\[project\]/,
      /docs\s+http\s+.*\[project\]/,
      /events\s+sse\s+.*\[project\]/,
    ])
      expect(out).toMatch(re)
  })

  it.each([
    ['qwen-code', () => bin('qwen')],
    ['kilo-code', () => bin('kilo')],
    ['factory-droid', droid],
    ['qoder', () => bin('qodercli')],
  ])(
    '%s starts a stdio server with the ${VAR} outfit wrote expanded from its environment',
    async (tool, command) => {
      const recorded = await createSandbox()
      try {
        const record = join(recorded.root, 'stdio-env.json')
        await writeFile(
          join(recorded.kit, 'mcp.yaml'),
          `servers:\n  recorder:\n    command: node\n    args: [${JSON.stringify(join(repoRoot, 'test/targets/judges/stdio-recorder.mjs'))}]\n    env:\n      JUDGE_KEY: "\${JUDGE_KEY}"\n      RECORD_VARS: JUDGE_KEY\n      RECORD_FILE: ${JSON.stringify(record)}\n`,
        )
        expect((await recorded.install([tool], { env: SECRETS })).results[0]?.status).toBe('installed')
        await judge(command(), ['mcp', 'list'], recorded.home, {
          HOME: recorded.home,
          XDG_CONFIG_HOME: join(recorded.home, '.config'),
        })
        expect(JSON.parse(await readFile(record, 'utf8'))).toEqual({ JUDGE_KEY: SECRETS.JUDGE_KEY })
      } finally {
        await recorded.cleanup()
      }
    },
  )

  it('qodercli lists the user servers, agents and skills, and the project skills', async () => {
    const mcp = await judge(bin('qodercli'), ['mcp', 'list'], sb.home)
    for (const line of [
      'mine: node mine.js (stdio)',
      'filesystem: npx -y @modelcontextprotocol/server-filesystem@2026.8.31 . (stdio)',
      'issues: npx -y @modelcontextprotocol/server-github@2025.4.8 (stdio)',
      'docs: https://example.com/mcp (http)',
      'events: https://example.com/sse (sse)',
    ])
      expect(mcp).toContain(line)
    expect(await judge(bin('qodercli'), ['agents', 'list'], sb.project)).toMatch(/User:\s+reviewer/)
    const skills = await judge(bin('qodercli'), ['skills', 'list'], sb.project)
    expect(skills).toContain(join(sb.home, '.qoder/skills/code-review/SKILL.md'))
    expect(skills).toContain(join(sb.project, '.agents/skills/code-review/SKILL.md'))
  })
})

// --- internal ---

/** The JSON document in a CLI's output (some print log lines around it). */
function jsonOf(out: string): string {
  return out.slice(out.indexOf('{'), out.lastIndexOf('}') + 1)
}

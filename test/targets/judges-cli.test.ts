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
import { leftovers } from './judges/leftovers.js'
import { startRecorder, type Recorder } from './judges/mcp-recorder.js'
import { MODEL, occurrences, startModelApi, textOf, type ModelApi } from './judges/model-api.js'

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
/** The listing sandbox before the installs (the user's own files only), and right after them. */
let before: Record<string, string> = {}
let installed: Record<string, string> = {}
/** The user's own files in the listing sandbox, parsed. */
const seeds: Record<string, unknown> = {}

async function judge(
  command: string,
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<string> {
  const full = {
    ...process.env,
    ...SECRETS,
    ...(sb ? sandboxEnv(sb) : {}),
    NO_COLOR: '1',
    // The folder the CLI runs in, also as PWD: Kilo takes its session's directory from PWD, which otherwise still
    // names the test runner's folder (it then looked for the project's commands in the repository running the tests).
    PWD: cwd,
    ...env,
  }
  // Some of these CLIs exit non-zero after printing a listing (a server failed to connect offline): the listing counts.
  const result = await run(command, args, { cwd, env: full, timeout: 240_000 }).catch(
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
    before = await sb.tree()
    for (const file of Object.keys(before).filter((p) => before[p] !== 'dir'))
      seeds[file] = JSON.parse(await sb.read(file)) as unknown
    for (const scope of ['global', 'project']) {
      const report = await sb.install(TOOLS, { scope, env: SECRETS })
      expect(Object.fromEntries(report.results.map((r) => [r.tool, r.status]))).toEqual(
        Object.fromEntries(TOOLS.map((t) => [t, 'installed'])),
      )
    }
    installed = await sb.tree()
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
    // One skill per name. Kilo scans the shared .agents/skills (project) before its config folders
    // (~/.config/kilo/skills) and keeps the last copy of a name it reads, so in the project the user's copy is listed.
    type Skill = { name: string; location: string }
    const skills = async (cwd: string) =>
      (JSON.parse(jsonArrayOf(await judge(bin('kilo'), ['debug', 'skill'], cwd))) as Skill[]).filter(
        (s) => s.name === 'code-review',
      )
    for (const cwd of [sb.project, sb.home])
      expect(await skills(cwd)).toEqual([
        expect.objectContaining({ location: join(sb.home, '.config/kilo/skills/code-review/SKILL.md') }),
      ])
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
      /events\s+sse\s+https:\/\/example\.com\/sse/,
    ])
      expect(out).toMatch(re)
    // The starter kit's `docs` server sends `Bearer ${DOCS_TOKEN}`, which Auggie would send as written (the sessions
    // below): not installed for it.
    expect(out).not.toMatch(/docs\s+http/)
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

  // Last: after every listing, each tool is uninstalled (project scope first, the tools in reverse order, so a shared
  // file's co-owners go one by one), and home and project are as they were, the user's own servers included.
  it('uninstalling every tool from both scopes leaves home and project byte-identical to before the install', async () => {
    const beforeUninstall = await sb.tree()
    for (const scope of ['project', 'global'])
      for (const tool of [...TOOLS].reverse()) {
        const report = await sb.uninstall([tool], { scope })
        expect(report.results[0]?.status, `${tool} (${scope})`).toBe('uninstalled')
      }
    // Qwen Code and Kilo add their own keys to the user's settings files they read (seen after the listings): apart
    // from those, each of the user's files holds exactly what it held before.
    const stamps: Record<string, object> = {
      'home/.qwen/settings.json': { $version: 4 },
      'home/.config/kilo/kilo.json': {
        $schema: 'https://app.kilo.ai/config.json',
        permission: { bash: 'allow' },
      },
    }
    const left = leftovers(before, installed, beforeUninstall, await sb.tree())
    const changed = left.map((l) => l.split(': ')[0] ?? '').filter((p) => p in stamps)
    for (const file of changed)
      expect(JSON.parse(await sb.read(file)), file).toEqual({ ...(seeds[file] as object), ...stamps[file] })
    expect(left.filter((l) => !changed.some((p) => l.startsWith(`${p}: `)))).toEqual([])
  })
})

// Sessions: each CLI that can talk to a model API at a base URL of our choosing runs one non-interactive prompt against
// a stand-in on 127.0.0.1 (judges/model-api.ts), with the kit installed for it alone in one scope. The prompt is the
// kit's command (`/changelog 9.9.9`), so the recorded request shows the command expanded (or, for Cline, offered), and
// its system prompt and tools show the rules, the skill and the agent: each exactly once (a skill listed twice fails).
// The kit's two MCP servers are local recorders: the one on HTTP sees the headers, the stdio one its environment, both
// with `${VAR}` resolved by the tool. After the session, uninstalling leaves home and project as they were.
// Amp and Qoder CLI cannot be judged this way, offline:
//   amp       talks only to Amp's own service (AMP_URL): pointed at the stand-in it asks `POST /api/internal?getUserInfo`
//             and stops ("Error: TypeError: undefined is not an object (evaluating 'e.error.code')"); without it, it
//             asks for a login at ampcode.com/auth/cli-login.
//   qodercli  with a BYOK model in settings (modelConfigs.customModels: provider, apiKey, model, baseURL) still answers
//             "Not logged in · Please run /login" and sends nothing to the base URL.
const SESSION_SECRETS = { ...SECRETS, JUDGE_TOKEN: 'judge-token-3', JUDGE_TEAM: 'team-4' }
/** What the kit's items look like in a request: text only that item carries. */
const KIT = {
  rule: 'Prefer small, focused functions',
  scopedRule: 'Use `strict` TypeScript',
  skill: 'A checklist-driven code review.',
  agent: 'Reviews a diff for bugs, unclear names and missing tests.',
  command: 'Read the commits on this branch since it left main',
}

interface Session {
  tool: string
  /** The CLI and its arguments for one prompt that runs the kit's command with `9.9.9` against the stand-in. */
  run(api: ModelApi, sb: Sandbox): Promise<{ command: string; args: string[]; env?: Record<string, string> }>
  /** Expected occurrences of each kit item in the request, where not exactly once (with the reason). */
  expect?: Partial<Record<keyof typeof KIT, number>>
  /** How the expanded command shows its argument, where not in place of $ARGUMENTS. */
  expanded?: RegExp
  /** The tool offers skills to the model by name only, in one list: the skill must be in it once. */
  skillNames?: RegExp
  /** The scopes in which the tool starts the kit's MCP servers in a non-interactive session (with the reason). */
  mcpIn: string[]
  /**
   * The tool sends the HTTP server's headers with `${VAR}` resolved; false: it sends them as written, so that server
   * is not installed for it (the report says why) and only the stdio one is judged.
   */
  headers: boolean
  /** Files the tool itself writes into during the session: what stays of them after the uninstall (its own keys). */
  keeps?: Partial<Record<string, Record<string, unknown>>>
  /** Scopes whose session cannot run, with the evidence (a misdelivery found by this judge and not fixed here). */
  broken?: Partial<Record<string, string>>
}

const SESSIONS: Session[] = [
  {
    tool: 'qwen-code',
    run: async (api) => ({
      command: bin('qwen'),
      args: [
        ...['--auth-type', 'openai', '-m', MODEL, '--openai-base-url', `${api.origin}/v1`],
        ...['--openai-api-key', 'sk-standin', '/changelog 9.9.9'],
      ],
    }),
    // A rule with `paths` is injected only when the model touches a matching file.
    expect: { scopedRule: 0 },
    // Project servers wait for the user's approval (`qwen mcp list`: "recorder: ... (http) - Pending approval").
    mcpIn: ['global'],
    headers: true,
    // Qwen Code stamps the settings file it reads with its schema version.
    keeps: {
      global: { 'home/.qwen/settings.json': { $version: 4 } },
      project: { 'project/.qwen/settings.json': { $version: 4 } },
    },
  },
  {
    tool: 'kilo-code',
    run: async (api) => ({
      command: bin('kilo'),
      args: ['run', '-m', `standin/${MODEL}`, '--command', 'changelog', '9.9.9'],
      // Kilo's own config layer for one process (KILO_CONFIG_CONTENT): nothing written to the user's files. Its cache
      // (where it installs the provider's npm package on first use) is shared by the sessions, outside the sandbox.
      env: {
        XDG_CACHE_HOME: join(dir, '.judges-cache'),
        KILO_CONFIG_CONTENT: JSON.stringify({
          provider: {
            standin: {
              npm: '@ai-sdk/openai-compatible',
              name: 'Stand-in',
              options: { baseURL: `${api.origin}/v1`, apiKey: 'sk-standin' },
              models: { [MODEL]: { name: 'Stand-in' } },
            },
          },
        }),
      },
    }),
    mcpIn: ['global'],
    headers: true,
    // `kilo run` adds its schema and the permission it ran with to the global config, and its schema to the project's.
    keeps: {
      project: { 'project/kilo.json': { $schema: 'https://app.kilo.ai/config.json' } },
      global: {
        'home/.config/kilo/kilo.json': {
          $schema: 'https://app.kilo.ai/config.json',
          permission: { bash: 'allow' },
        },
      },
    },
  },
  {
    tool: 'cline',
    run: async (api, sb) => {
      // Cline's CLI takes a base URL only from its stored provider settings (~/.cline/data/settings/providers.json).
      await judge(
        bin('cline'),
        ['auth', '-p', 'openai', '-k', 'sk-standin', '-m', MODEL, '-b', `${api.origin}/v1`],
        sb.project,
        sandboxEnv(sb),
      )
      return { command: bin('cline'), args: ['/changelog 9.9.9'] }
    },
    // Cline lists skills (and workflows) by name in its `skills` tool: "Available skills: code-review, changelog."
    expect: { skill: 0 },
    // The target writes "(what the user asked for)" for $ARGUMENTS (Cline has no placeholder); Cline appends the text
    // given after the command to the workflow's body.
    expanded: /for version \(what the user asked for\)\.[\s\S]*imperative mood\.\s*9\.9\.9/,
    skillNames: /Available skills: ([^.\n]*)/,
    // In a one-prompt session Cline 3.0.65 called neither kit server (its loaders read them: see the listing above).
    mcpIn: [],
    headers: true,
  },
  {
    tool: 'factory-droid',
    run: async (api, sb) => {
      // A BYOK model in a settings file merged for this process only (droid exec --settings), outside home and project.
      const settings = join(sb.root, 'droid-settings.json')
      const model = {
        model: MODEL,
        displayName: 'Stand-in',
        baseUrl: `${api.origin}/v1`,
        apiKey: 'sk-standin',
      }
      await writeFile(
        settings,
        JSON.stringify({
          customModels: [{ ...model, provider: 'generic-chat-completion-api', maxOutputTokens: 1000 }],
        }),
      )
      return {
        command: droid(),
        args: ['exec', '--settings', settings, '-m', `custom:${MODEL}`, '/changelog 9.9.9'],
      }
    },
    mcpIn: ['global', 'project'],
    headers: true,
    // Droid records the session's default model in the user settings file (where outfit keeps the kit's hooks).
    keeps: {
      global: {
        'home/.factory/settings.json': {
          sessionDefaultSettings: { model: 'gpt-5.6-sol', reasoningEffort: 'high' },
        },
      },
    },
  },
  {
    tool: 'augment',
    run: async (api) => ({
      command: bin('auggie'),
      args: ['--print', '--instruction', '/changelog 9.9.9'],
      // A session whose tenant is the stand-in: Auggie then sends its requests (get-models, chat-stream) there.
      env: {
        AUGMENT_SESSION_AUTH: JSON.stringify({
          accessToken: 'standin-token',
          tenantURL: `${api.origin}/`,
          scopes: ['email'],
        }),
        AUGMENT_DISABLE_AUTO_UPDATE: '1',
      },
    }),
    mcpIn: ['global', 'project'],
    // Auggie 0.36.0 expands ${VAR} in a server's env, args and url, but the headers it sends are the config's as
    // written (getAuthHeaders over the expanded ones; targets/augment.yaml): `Bearer ${JUDGE_TOKEN}` arrived literally.
    headers: false,
  },
]

describe.runIf(enabled)(
  'sessions of the npm-shipped agent CLIs against a stand-in model API',
  { timeout: 400_000 },
  () => {
    let api: ModelApi
    let mcp: Recorder
    beforeAll(async () => {
      dir = process.env.OUTFIT_JUDGES_CLI_DIR ?? dir
      if (!existsSync(bin('qwen')))
        throw new Error('the pinned CLIs are installed by the listing tests above (run the whole file)')
      api = await startModelApi()
      mcp = await startRecorder()
    })
    afterAll(async () => {
      await api?.close()
      await mcp?.close()
    })

    describe.each(SESSIONS)('$tool', (session) => {
      // A scope whose session cannot run is listed with the evidence, as a finding still to fix.
      for (const [scope, reason] of Object.entries(session.broken ?? {}))
        it.todo(`${scope} scope is not judged: ${reason}`)
      it.each(['project', 'global'].filter((scope) => !session.broken?.[scope]))(
        'gets the rules, the skill, the agent and the command to the model once each (%s scope), then uninstalls exactly',
        async (scope) => {
          const sb = await createSandbox()
          try {
            const record = join(sb.root, 'stdio-env.json')
            await writeFile(join(sb.kit, 'mcp.yaml'), sessionKit(mcp.url, record))
            await run('git', ['init', '-q', sb.project])
            const before = await sb.tree()
            const report = await sb.install([session.tool], { scope, env: SESSION_SECRETS })
            expect(report.results[0]?.status).toBe('installed')
            if (!session.headers)
              expect(report.results[0]?.dropped).toContainEqual({
                what: "MCP server 'recorder'",
                reason: expect.stringMatching(/does not expand \$\{VAR\} in a server's headers/),
              })
            const installed = await sb.tree()

            api.reset()
            mcp.requests.length = 0
            const { command, args, env } = await session.run(api, sb)
            const out = await judge(command, args, sb.project, {
              ...sandboxEnv(sb),
              ...SESSION_SECRETS,
              ...env,
            })
            const completions = api.requests.filter(
              (r) => r.method === 'POST' && /completions|messages|responses|chat-stream/.test(r.path),
            )
            expect(
              completions.length,
              `no request reached the stand-in; the CLI said:\n${out}`,
            ).toBeGreaterThan(0)
            // The session's main request is the biggest (others are titles, summaries and checks on the side).
            const main = completions.reduce((a, b) => (b.body.length > a.body.length ? b : a))
            const text = textOf(main)
            const counts = Object.fromEntries(Object.entries(KIT).map(([k, v]) => [k, occurrences(text, v)]))
            expect(counts).toEqual({
              rule: 1,
              scopedRule: 1,
              skill: 1,
              agent: 1,
              command: 1,
              ...session.expect,
            })
            // The command arrived expanded, with its argument where the kit's $ARGUMENTS was.
            expect(text).toMatch(session.expanded ?? /draft a changelog entry for version 9\.9\.9\./)
            if (session.skillNames) {
              const lists = [...text.matchAll(new RegExp(session.skillNames, 'g'))].map((m) => m[1] ?? '')
              expect(lists.flatMap((l) => l.split(/,\s*/)).filter((n) => n === 'code-review')).toHaveLength(1)
            }

            if (session.mcpIn.includes(scope)) {
              if (!session.headers) expect(mcp.requests, 'the HTTP MCP server is not installed').toEqual([])
              else
                expect(
                  mcp.requests.length,
                  `the HTTP MCP server was not called; the CLI said:\n${out}`,
                ).toBeGreaterThan(0)
              if (session.headers)
                for (const headers of mcp.requests) {
                  expect(headers.authorization).toBe(`Bearer ${SESSION_SECRETS.JUDGE_TOKEN}`)
                  expect(headers['x-team']).toBe(SESSION_SECRETS.JUDGE_TEAM)
                }
              // A renamed variable: its value arrives only if the tool resolved the reference (not by inheritance).
              expect(JSON.parse(await readFile(record, 'utf8'))).toEqual({
                RECORDED_KEY: SESSION_SECRETS.JUDGE_KEY,
              })
            }

            const beforeUninstall = await sb.tree()
            const removed = await sb.uninstall([session.tool], { scope })
            expect(removed.results[0]?.status).toBe('uninstalled')
            const kept = session.keeps?.[scope] ?? {}
            for (const [path, json] of Object.entries(kept))
              expect(JSON.parse(await readFile(join(sb.root, path), 'utf8'))).toEqual(json)
            // The kept files, and the folders that hold them, are the tool's now.
            const theirs = (line: string) =>
              Object.keys(kept).some(
                (k) => line.startsWith(`${k}: `) || k.startsWith(`${line.split(': ')[0]}/`),
              )
            const left = leftovers(before, installed, beforeUninstall, await sb.tree()).filter(
              (l) => !theirs(l),
            )
            expect(left, await contents(sb, left)).toEqual([])
          } finally {
            await sb.cleanup()
          }
        },
      )
    })
  },
)

// --- internal ---

/** The JSON document in a CLI's output (some print log lines around it). */
/** What the files among the leftovers hold, for a failure message. */
async function contents(sb: Sandbox, left: string[]): Promise<string> {
  const files = left
    .filter((l) => !l.endsWith('-> dir') && !l.endsWith('-> absent'))
    .map((l) => l.split(': ')[0] ?? '')
  const read = await Promise.all(files.map((f) => readFile(join(sb.root, f), 'utf8')))
  return files.map((f, i) => `${f}:\n${read[i]}`).join('\n')
}

function sandboxEnv(sb: Sandbox): Record<string, string> {
  return { HOME: sb.home, XDG_CONFIG_HOME: join(sb.home, '.config') }
}

function sessionKit(url: string, recordFile: string): string {
  return `servers:
  recorder:
    url: ${url}
    headers:
      Authorization: "Bearer \${JUDGE_TOKEN}"
      X-Team: "\${JUDGE_TEAM}"
  local:
    command: node
    args: [${JSON.stringify(join(repoRoot, 'test/targets/judges/stdio-recorder.mjs'))}]
    env:
      RECORDED_KEY: "\${JUDGE_KEY}"
      RECORD_VARS: RECORDED_KEY
      RECORD_FILE: ${JSON.stringify(recordFile)}
`
}

function jsonOf(out: string): string {
  return out.slice(out.indexOf('{'), out.lastIndexOf('}') + 1)
}

/** The JSON array in a CLI's output. */
function jsonArrayOf(out: string): string {
  return out.slice(out.indexOf('['), out.lastIndexOf(']') + 1)
}

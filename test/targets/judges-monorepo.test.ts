// Opt-in: the tools themselves judge a monorepo install. Installs a repository with a root kit and two packages
// (apps/web, apps/admin), each with a rule, a skill and an MCP server of its own, into the five tools; then runs each
// CLI that lists its configuration offline from inside apps/web and checks that it sees the root's and web's content,
// and none of admin's. Run with
//   OUTFIT_JUDGES=1 OUTFIT_JUDGES_DIR=<dir> npx vitest run test/targets/judges-monorepo.test.ts
// (OUTFIT_JUDGES_DIR: an install of the pinned CLIs, as test/targets/judges.test.ts makes it). Claude Code and
// Gemini CLI show their memory only in a session (a model request), so their nested CLAUDE.md / GEMINI.md are
// checked by the memfs test (test/api/monorepo.test.ts) and their sources are cited in the targets.
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { install } from '../../src/api/install.js'
import { realFs } from '../../src/fs/fs.js'

const run = promisify(execFile)
const enabled = process.env.OUTFIT_JUDGES === '1'
const PINNED = ['@openai/codex@0.171.0', '@github/copilot@1.0.102', 'opencode-ai@1.18.33']
let bin = ''
let root = ''
let repo = ''
let home = ''

async function judge(command: string, args: string[], cwd: string): Promise<string> {
  const env = {
    ...process.env,
    HOME: home,
    CODEX_HOME: join(home, '.codex'),
    COPILOT_PKG_CACHE_HOME: join(home, '.cache'),
    NO_COLOR: '1',
    // Bun-built CLIs (OpenCode) take their folder from PWD, not from the process's working directory.
    PWD: cwd,
  }
  const { stdout, stderr } = await run(join(bin, command), args, { cwd, env, timeout: 120_000 })
  return `${stdout}${stderr}`
}

describe.runIf(enabled)(
  'the tools read each package of a monorepo from inside it',
  { timeout: 180_000 },
  () => {
    beforeAll(async () => {
      const dir = process.env.OUTFIT_JUDGES_DIR ?? (await mkdtemp(join(tmpdir(), 'outfit-judges-')))
      bin = join(dir, 'node_modules/.bin')
      if (!['codex', 'copilot', 'opencode'].every((b) => existsSync(join(bin, b)))) {
        await mkdir(dir, { recursive: true })
        await run('npm', ['init', '-y'], { cwd: dir })
        await run('npm', ['install', '--no-audit', '--no-fund', ...PINNED], { cwd: dir, timeout: 600_000 })
      }
      root = await mkdtemp(join(tmpdir(), 'outfit-monorepo-judge-'))
      repo = join(root, 'repo')
      home = join(root, 'home')
      await mkdir(join(repo, '.git'), { recursive: true })
      await mkdir(join(home, '.codex'), { recursive: true })
      await mkdir(join(home, '.copilot'), { recursive: true })
      // Copilot CLI loads workspace MCP servers only from trusted folders.
      await writeFile(join(home, '.copilot/config.json'), JSON.stringify({ trusted_folders: [repo] }))
      await writeFile(
        join(repo, 'outfit.config.yaml'),
        'kit: ./ai\ntools: [claude-code, codex, gemini-cli, copilot, opencode]\nsubprojects: [apps/*]\n',
      )
      await kit(join(repo, 'ai'), 'root')
      for (const name of ['web', 'admin']) {
        await mkdir(join(repo, 'apps', name, 'src'), { recursive: true })
        await writeFile(join(repo, 'apps', name, 'outfit.config.yaml'), 'kit: ./ai\n')
        await kit(join(repo, 'apps', name, 'ai'), name)
      }
      const result = await install({ fs: realFs, cwd: repo, env: {}, home, trust: true })
      expect(result.subprojects?.map((s) => s.path)).toEqual(['apps/admin', 'apps/web'])
    }, 700_000)
    afterAll(async () => {
      if (root) await rm(root, { recursive: true, force: true })
    })

    it("codex puts the root's and the package's AGENTS.md and the package's skill into its prompt, and not a sibling's", async () => {
      const prompt = await judge('codex', ['debug', 'prompt-input'], join(repo, 'apps/web'))
      expect(prompt).toContain('RULE-OF-root')
      expect(prompt).toContain('RULE-OF-web')
      expect(prompt).toContain('web-skill: The web package skill')
      expect(prompt).not.toContain('RULE-OF-admin')
      expect(prompt).not.toContain('admin-skill')
    })

    it("copilot lists the package's MCP server (from its .mcp.json) and skill, and not a sibling's", async () => {
      type Listed = { mcpServers: Record<string, { source: string; sourcePath?: string }> }
      // The JSON document, without the lines Copilot CLI may print around it (its first run unpacks itself).
      const out = await judge('copilot', ['mcp', 'list', '--json'], join(repo, 'apps/web'))
      const listed = JSON.parse(out.slice(out.indexOf('{'), out.lastIndexOf('}') + 1)) as Listed
      expect(listed.mcpServers['web-server']).toMatchObject({
        source: 'workspace',
        sourcePath: join(repo, 'apps/web/.mcp.json'),
      })
      expect(listed.mcpServers['admin-server']).toBeUndefined()
      const skills = await judge('copilot', ['skill', 'list'], join(repo, 'apps/web'))
      expect(skills).toContain('web-skill - The web package skill')
      expect(skills).not.toContain('admin-skill')
    })

    it("opencode finds the package's skill from a folder below it, and not a sibling's", async () => {
      const skills = JSON.parse(await judge('opencode', ['debug', 'skill'], join(repo, 'apps/web/src'))) as {
        name: string
        location: string
      }[]
      // From the package's .agents/skills, or Claude Code's .claude/skills beside it (OpenCode reads both, keeps one).
      expect(skills.find((s) => s.name === 'web-skill')?.location).toMatch(
        new RegExp(`^${join(repo, 'apps/web')}/\\.(agents|claude)/skills/web-skill/SKILL\\.md$`),
      )
      expect(skills.some((s) => s.name === 'admin-skill')).toBe(false)
    })
  },
)

// --- internal ---

/** A kit with one rule, one skill and one MCP server, each naming the package. */
async function kit(dir: string, name: string): Promise<void> {
  await mkdir(join(dir, 'rules'), { recursive: true })
  await mkdir(join(dir, 'skills', `${name}-skill`), { recursive: true })
  await writeFile(join(dir, 'kit.yaml'), `name: ${name}\nversion: 1.0.0\n`)
  await writeFile(join(dir, 'rules', `${name}.md`), `---\nalwaysApply: true\n---\nRULE-OF-${name}\n`)
  await writeFile(
    join(dir, 'skills', `${name}-skill`, 'SKILL.md'),
    `---\nname: ${name}-skill\ndescription: The ${name} package skill\n---\nSKILL-OF-${name}\n`,
  )
  await writeFile(
    join(dir, 'mcp.yaml'),
    `servers:\n  ${name}-server:\n    command: node\n    args: [${name}.js]\n`,
  )
}

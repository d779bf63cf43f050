// A monorepo through the built CLI, as a person runs it: install at the root, status, uninstall from inside one
// package (the others stay), uninstall at the root (the repository as it was, to the byte).
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { readFileSync } from 'node:fs'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import { repoRoot, snapshotTree, useSandbox } from '../integration/sandbox.js'
import { builtCli } from '../helpers/built-cli.js'

const sb = useSandbox()
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(
  JSON.parse(readFileSync(join(repoRoot, 'schemas/output.schema.json'), 'utf8')) as object,
)
const TOOLS = ['claude-code', 'codex', 'gemini-cli', 'copilot', 'opencode']
const PACKAGES = ['apps/admin', 'apps/web', 'services/api']

const outfit = (cwd: string, ...args: string[]) =>
  spawnSync(process.execPath, [builtCli, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      ...process.env,
      HOME: sb.home,
      XDG_STATE_HOME: join(sb.home, '.local/state'),
      NO_COLOR: '1',
      CI: 'true',
    },
  })

async function seed(): Promise<void> {
  await mkdir(join(sb.project, '.git'), { recursive: true })
  await writeFile(
    join(sb.project, 'outfit.config.yaml'),
    `kit: ${sb.kit}\ntools: [${TOOLS.join(', ')}]\nsubprojects: [apps/*, services/api]\n`,
  )
  for (const pkg of PACKAGES) {
    const name = pkg.split('/')[1] as string
    const ai = join(sb.project, pkg, 'ai')
    await mkdir(join(ai, 'rules'), { recursive: true })
    await mkdir(join(ai, 'skills', `${name}-skill`), { recursive: true })
    await writeFile(join(sb.project, pkg, 'outfit.config.yaml'), 'kit: ./ai\n')
    await writeFile(join(ai, 'kit.yaml'), `name: ${name}\nversion: 1.0.0\n`)
    await writeFile(join(ai, 'rules', `${name}.md`), `---\nalwaysApply: true\n---\nRULE-OF-${name}\n`)
    await writeFile(
      join(ai, 'skills', `${name}-skill`, 'SKILL.md'),
      `---\nname: ${name}-skill\ndescription: ${name} skill\n---\nSKILL-OF-${name}\n`,
    )
  }
}

describe('outfit (built) in a monorepo', () => {
  it('installs each package into its nested places, uninstalls one from inside it, then all to the byte', async () => {
    await seed()
    const before = await snapshotTree(sb.root, [sb.project])

    const installed = outfit(sb.project, 'install', '--yes', '--trust')
    expect(installed.stderr).not.toContain('error')
    expect(installed.status).toBe(0)
    expect(installed.stdout).toContain('── subproject apps/web ──')
    for (const pkg of PACKAGES) {
      const name = pkg.split('/')[1] as string
      for (const file of ['CLAUDE.md', 'AGENTS.md', 'GEMINI.md'])
        expect(await readFile(join(sb.project, pkg, file), 'utf8')).toContain(`RULE-OF-${name}`)
      expect(existsSync(join(sb.project, pkg, '.agents/skills', `${name}-skill/SKILL.md`))).toBe(true)
    }
    expect(await readFile(join(sb.project, 'apps/web/AGENTS.md'), 'utf8')).not.toContain('RULE-OF-admin')

    // Every part in one --json document, as schemas/output.schema.json says.
    const planned = JSON.parse(outfit(sb.project, 'plan', '--json').stdout) as unknown
    expect(validate(planned), JSON.stringify(validate.errors)).toBe(true)
    const statusDoc = JSON.parse(outfit(sb.project, 'status', '--json').stdout) as unknown
    expect(validate(statusDoc), JSON.stringify(validate.errors)).toBe(true)
    const status = statusDoc as {
      subprojects: {
        path: string
        result: { scope: string; tools: { tool: string; installed: unknown }[] }
      }[]
    }
    expect(status.subprojects.map((s) => [s.path, s.result.scope])).toEqual(
      PACKAGES.map((p) => [p, 'subproject']),
    )

    // From inside apps/web: that package alone.
    const one = outfit(join(sb.project, 'apps/web'), 'uninstall', '--yes')
    expect(one.status).toBe(0)
    expect(existsSync(join(sb.project, 'apps/web/AGENTS.md'))).toBe(false)
    expect(existsSync(join(sb.project, 'apps/admin/AGENTS.md'))).toBe(true)
    expect(existsSync(join(sb.project, 'AGENTS.md'))).toBe(true)

    const all = outfit(sb.project, 'uninstall', '--yes')
    expect(all.status).toBe(0)
    expect(await snapshotTree(sb.root, [sb.project])).toEqual(before)
  })
})

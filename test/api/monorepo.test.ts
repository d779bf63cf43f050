// A monorepo on memfs: three packages with kits of their own and five tools. install at the root puts the root kit
// where it always goes and each package's kit into that package's nested places (only for tools that read them);
// status, plan, update and uninstall work across them; uninstalling one package leaves the others; uninstalling all
// leaves the repository byte-identical.
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { forget } from '../../src/api/forget.js'
import { install } from '../../src/api/install.js'
import { plan } from '../../src/api/plan.js'
import { recover } from '../../src/api/recover.js'
import { status } from '../../src/api/status.js'
import { uninstall } from '../../src/api/uninstall.js'
import { update } from '../../src/api/update.js'
import type { Note } from '../../src/api/workspace.js'
import type { ForgetDocument } from '../../src/generated/output.js'
import type { Fs } from '../../src/fs/fs.js'
import { builtinTargetsDir } from '../../src/package-root.js'
import { runCli } from '../helpers/run-cli.js'
import { createTestFs } from '../helpers/test-fs.js'
import { copyOf } from '../safety/power-cut-fs.js'

const TOOLS = ['claude-code', 'codex', 'gemini-cli', 'copilot', 'opencode']
const PACKAGES = ['apps/admin', 'apps/web', 'services/api']

let fs: Fs
let notes: string[]

/** A package's kit: a rule, a skill and an MCP server, each naming the package so it can be told apart anywhere. */
function kit(dir: string, name: string): Record<string, string> {
  return {
    [`${dir}/kit.yaml`]: `name: ${name}\nversion: 1.0.0\ndescription: ${name} kit\n`,
    [`${dir}/rules/${name}.md`]: `---\ndescription: ${name} rule\nalwaysApply: true\n---\nRULE-OF-${name}\n`,
    [`${dir}/skills/${name}-skill/SKILL.md`]: `---\nname: ${name}-skill\ndescription: ${name} skill\n---\nSKILL-OF-${name}\n`,
    [`${dir}/mcp.yaml`]: `servers:\n  ${name}-server:\n    command: npx\n    args: [${name}-mcp]\n`,
  }
}

beforeEach(async () => {
  const files: Record<string, string> = {
    '/home/me/.keep': '',
    '/repo/.git/HEAD': 'ref: refs/heads/main\n',
    '/repo/README.md': '# repo\n',
    '/repo/outfit.config.yaml': `kit: ./ai\ntools: [${TOOLS.join(', ')}]\nsubprojects: [apps/*, services/api]\n`,
    ...kit('/repo/ai', 'root'),
    '/repo/apps/docs/README.md': 'a package without a kit of its own\n',
  }
  for (const pkg of PACKAGES) {
    const name = pkg.split('/')[1] as string
    files[`/repo/${pkg}/outfit.config.yaml`] = 'kit: ./ai\n'
    files[`/repo/${pkg}/src/index.ts`] = `export const ${name} = 1\n`
    Object.assign(files, kit(`/repo/${pkg}/ai`, name))
  }
  fs = createTestFs(files).fs
  await fs.mkdir(builtinTargetsDir, { recursive: true })
  for (const name of readdirSync(builtinTargetsDir))
    await fs.writeFile(join(builtinTargetsDir, name), readFileSync(join(builtinTargetsDir, name)))
  notes = []
})

const where = (cwd = '/repo') => ({
  fs,
  cwd,
  env: {},
  home: '/home/me',
  onNote: (note: Note) => void notes.push(note.text),
})

/** Every file below /repo (outfit's state is under the home), by content hash. */
async function tree(dir = '/repo', on: Fs = fs): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const entry of await on.readdir(dir, { withFileTypes: true })) {
    const path = join(dir, String(entry.name))
    if (entry.isDirectory()) Object.assign(out, await tree(path, on))
    else
      out[path] = createHash('sha256')
        .update(await on.readFile(path))
        .digest('hex')
        .slice(0, 12)
  }
  return out
}

const read = (path: string) => fs.readFile(path, 'utf8') as Promise<string>
const has = (path: string) =>
  fs.stat(path).then(
    () => true,
    () => false,
  )

describe('a monorepo with three packages and five tools', () => {
  it('installs each package into its own nested places only, and uninstalls to the byte', async () => {
    const before = await tree()
    const result = await install(where())
    expect(result.report.results.map((r) => `${r.tool}:${r.status}`)).toEqual(
      TOOLS.map((t) => `${t}:installed`),
    )
    expect(result.subprojects?.map((s) => s.path)).toEqual(PACKAGES)
    for (const part of result.subprojects ?? [])
      expect(part.result?.report.results.every((r) => r.status === 'installed')).toBe(true)

    for (const pkg of PACKAGES) {
      const name = pkg.split('/')[1] as string
      const others = PACKAGES.filter((p) => p !== pkg).map((p) => p.split('/')[1] as string)
      // Claude Code: nested CLAUDE.md and .claude/skills; Codex and OpenCode: AGENTS.md (one shared block) and
      // .agents/skills; Gemini CLI: GEMINI.md; Copilot CLI: .mcp.json.
      const claude = await read(`/repo/${pkg}/CLAUDE.md`)
      const agents = await read(`/repo/${pkg}/AGENTS.md`)
      const gemini = await read(`/repo/${pkg}/GEMINI.md`)
      const mcp = JSON.parse(await read(`/repo/${pkg}/.mcp.json`)) as { mcpServers: Record<string, unknown> }
      for (const text of [claude, agents, gemini]) {
        expect(text).toContain(`RULE-OF-${name}`)
        for (const other of [...others, 'root']) expect(text).not.toContain(`RULE-OF-${other}`)
      }
      expect(Object.keys(mcp.mcpServers)).toEqual([`${name}-server`])
      expect(await has(`/repo/${pkg}/.claude/skills/${name}-skill/SKILL.md`)).toBe(true)
      expect(await has(`/repo/${pkg}/.agents/skills/${name}-skill/SKILL.md`)).toBe(true)
      for (const other of others) {
        expect(await has(`/repo/${pkg}/.claude/skills/${other}-skill`)).toBe(false)
        expect(await has(`/repo/${pkg}/.agents/skills/${other}-skill`)).toBe(false)
      }
      // What those tools read only at the project root is not written in a package, and the person is told why.
      expect(await has(`/repo/${pkg}/.gemini`)).toBe(false)
      expect(await has(`/repo/${pkg}/.codex`)).toBe(false)
      expect(await has(`/repo/${pkg}/opencode.json`)).toBe(false)
    }
    const web = result.subprojects?.find((s) => s.path === 'apps/web')?.result?.report.results ?? []
    expect(web.find((r) => r.tool === 'codex')?.dropped).toContainEqual(
      expect.objectContaining({ what: "MCP server 'web-server'" }),
    )
    // The root kit is where it always was, and nowhere in the packages.
    expect(await read('/repo/CLAUDE.md')).toContain('RULE-OF-root')
    expect(await has('/repo/apps/docs/CLAUDE.md')).toBe(false)

    // Uninstalling one package leaves the root and the other packages as they were.
    const installed = await tree()
    const one = await uninstall({ ...where(), subproject: 'apps/web' })
    expect(one.subproject).toBe('apps/web')
    expect(one.report.results.every((r) => r.status === 'uninstalled')).toBe(true)
    const after = await tree()
    for (const [path, hash] of Object.entries(installed)) {
      if (path.startsWith('/repo/apps/web/')) continue
      expect(after[path], path).toBe(hash)
    }
    for (const path of Object.keys(after).filter((p) => p.startsWith('/repo/apps/web/')))
      expect(before[path], path).toBeDefined()

    // Uninstalling the rest leaves the repository byte-identical.
    const rest = await uninstall(where())
    const webAgain = rest.subprojects?.find((s) => s.path === 'apps/web')?.result?.report.results
    expect(webAgain?.map((r) => r.status)).toEqual(TOOLS.map(() => 'skipped'))
    expect(await tree()).toEqual(before)
  })

  it('status, plan and update see every part; run from inside a package they act on that package alone', async () => {
    // Two of the tools are enough here (the test above covers all five), and keep this test fast.
    const two = ['claude-code', 'codex']
    await fs.writeFile(
      '/repo/outfit.config.yaml',
      `kit: ./ai\ntools: [${two.join(', ')}]\nsubprojects: [apps/*, services/api]\n`,
    )
    await install(where())
    const all = await status(where())
    expect(all.rows.filter((r) => r.installed).map((r) => r.tool)).toEqual(two)
    expect(all.subprojects?.map((s) => [s.path, s.result?.scope])).toEqual(
      PACKAGES.map((p) => [p, 'subproject']),
    )
    const web = all.subprojects?.find((s) => s.path === 'apps/web')?.result
    expect(web?.roots).toEqual(['/repo/apps/web'])
    expect(web?.rows.filter((r) => r.installed).map((r) => r.tool)).toEqual(two)

    // A change in one package's kit: plan shows it there only, update installs it there only.
    await fs.writeFile(
      '/repo/apps/web/ai/rules/web.md',
      '---\ndescription: web rule\nalwaysApply: true\n---\nRULE-OF-web, second edition\n',
    )
    const planned = await plan(where())
    expect(planned.plans.every((p) => p.changes.length === 0)).toBe(true)
    for (const part of planned.subprojects ?? []) {
      const changed = (part.result?.plans ?? []).some((p) => p.changes.length > 0)
      expect([part.path, changed]).toEqual([part.path, part.path === 'apps/web'])
    }
    const fromInside = await plan(where('/repo/apps/web/src'))
    expect(fromInside.subproject).toBe('apps/web')
    expect(fromInside.subprojects).toBeUndefined()
    expect(fromInside.plans.some((p) => p.changes.length > 0)).toBe(true)

    const updated = await update(where('/repo/apps/web'))
    expect(updated.subproject).toBe('apps/web')
    // A folder kit has no lock change to move: update installs nothing; install from inside the package does.
    const reinstalled = await install(where('/repo/apps/web'))
    expect(reinstalled.subproject).toBe('apps/web')
    expect(await read('/repo/apps/web/CLAUDE.md')).toContain('second edition')
    expect(await read('/repo/apps/admin/CLAUDE.md')).not.toContain('second edition')
    expect(await read('/repo/CLAUDE.md')).not.toContain('second edition')

    // --all-subprojects from inside: the whole repository again.
    const whole = await status({ ...where('/repo/apps/web'), allSubprojects: true })
    expect(whole.subproject).toBeUndefined()
    expect(whole.subprojects).toHaveLength(3)
  })
})

describe('recover, forget and status across the subprojects', () => {
  const two = ['claude-code', 'codex']
  const twoTools = () =>
    fs.writeFile(
      '/repo/outfit.config.yaml',
      `kit: ./ai\ntools: [${two.join(', ')}]\nsubprojects: [apps/*, services/api]\n`,
    )

  it('a run interrupted in a subproject: status says so at the root, and recover there rolls it back', async () => {
    await twoTools()
    const before = await tree('/repo/apps/web')
    const disk = await crashedInstall('apps/web')
    // The interrupted run's half-done files are there, and its journal is in apps/web's own state.
    expect(await tree('/repo/apps/web', disk)).not.toEqual(before)
    const seen = await status({ ...where(), fs: disk })
    expect(seen.interrupted).toEqual([])
    expect(seen.subprojects?.map((s) => [s.path, s.result?.interrupted])).toEqual([
      ['apps/admin', []],
      ['apps/web', ['/repo/apps/web']],
      ['services/api', []],
    ])

    const { recovered } = await recover({ ...where(), fs: disk })
    expect(recovered).toHaveLength(1)
    expect(await tree('/repo/apps/web', disk)).toEqual(before)
    const after = await status({ ...where(), fs: disk })
    expect(after.subprojects?.flatMap((s) => s.result?.interrupted ?? [])).toEqual([])
  })

  it('recover acts on the parts install would: one subproject from inside it, all with --all-subprojects', async () => {
    await twoTools()
    const disk = await crashedInstall('apps/web')
    expect((await recover({ ...where('/repo/apps/admin'), fs: disk })).recovered).toEqual([])
    expect(
      (await recover({ ...where('/repo/apps/admin'), fs: disk, subproject: 'services/api' })).recovered,
    ).toEqual([])
    const whole = await recover({ ...where('/repo/apps/admin'), fs: disk, allSubprojects: true })
    expect(whole.recovered).toHaveLength(1)
  })

  it("forget at the root lists and drops the root's records and every subproject's, and the files stay", async () => {
    await twoTools()
    await install(where())
    const installed = await tree()
    const listed = await forget({ ...where(), dryRun: true })
    expect(listed.plans.map((p) => [p.scope, p.root, p.installs.map((i) => i.tool)])).toEqual([
      ['project', '/repo', two],
      ...PACKAGES.map((p) => ['subproject', `/repo/${p}`, two]),
    ])
    // From inside a subproject: that subproject's records alone.
    const one = await forget({ ...where('/repo/apps/web/src'), dryRun: true })
    expect(one.plans.map((p) => [p.scope, p.root])).toEqual([['subproject', '/repo/apps/web']])
    // The command line takes the same choice, and its JSON names each part's scope.
    const cli = await runCli(
      ['forget', '--subproject', 'apps/web', '--dry-run', '--json', '--home', '/home/me'],
      {
        fs,
        cwd: '/repo',
      },
    )
    expect(cli.code).toBe(0)
    expect((JSON.parse(cli.out) as ForgetDocument).roots.map((r) => [r.scope, r.root])).toEqual([
      ['subproject', '/repo/apps/web'],
    ])
    const recovering = await runCli(['recover', '--all-subprojects', '--home', '/home/me'], {
      fs,
      cwd: '/repo/apps/web',
    })
    expect([recovering.code, recovering.out]).toEqual([0, '✓ nothing to recover'])

    expect((await forget({ ...where(), subproject: 'apps/web', yes: true })).forgotten).toBe(true)
    const left = await status(where())
    expect(left.subprojects?.map((s) => [s.path, s.result?.rows.some((r) => r.installed)])).toEqual([
      ['apps/admin', true],
      ['apps/web', false],
      ['services/api', true],
    ])
    await forget({ ...where(), yes: true })
    const none = await status(where())
    expect(
      [none, ...(none.subprojects ?? []).map((s) => s.result)].some((r) => r?.rows.some((x) => x.installed)),
    ).toBe(false)
    expect(await tree()).toEqual(installed)
  })
})

describe('the gitignore question in a monorepo', () => {
  const asking = (answer: 'block' | 'exclude' | 'none') => {
    const q = { asked: 0, ask: async () => (q.asked++, answer) }
    return q
  }
  const ignored = async (dir: string) => {
    const text = await read(`${dir}/.gitignore`).catch(() => '')
    return text.split('\n').filter((l) => l.startsWith('/'))
  }
  beforeEach(() =>
    fs.writeFile(
      '/repo/outfit.config.yaml',
      'kit: ./ai\ntools: [claude-code]\nsubprojects: [apps/*, services/api]\n',
    ),
  )

  it('is asked once for the repository, and every subproject follows the answer; uninstall leaves it as it was', async () => {
    const before = await tree()
    const q = asking('block')
    await install({ ...where(), askGitignore: q.ask })
    expect(q.asked).toBe(1)
    expect(await ignored('/repo')).toContain('/CLAUDE.md')
    for (const pkg of PACKAGES) expect(await ignored(`/repo/${pkg}`), pkg).toContain('/CLAUDE.md')
    await install({ ...where('/repo/apps/web'), askGitignore: q.ask })
    expect(q.asked).toBe(1)
    await uninstall(where())
    expect(await tree()).toEqual(before)
  })

  it("asked first in a subproject, the answer is the root's too", async () => {
    const q = asking('block')
    await install({ ...where(), subproject: 'apps/web', askGitignore: q.ask })
    expect(q.asked).toBe(1)
    expect(await ignored('/repo/apps/web')).toContain('/CLAUDE.md')
    await install({ ...where(), askGitignore: q.ask })
    expect(q.asked).toBe(1)
    expect(await ignored('/repo')).toContain('/CLAUDE.md')
    expect(await ignored('/repo/apps/admin')).toContain('/CLAUDE.md')
  })

  it("is not asked in a subproject when the root config decides (exclude: the root's files only)", async () => {
    await fs.writeFile(
      '/repo/outfit.config.yaml',
      'kit: ./ai\ntools: [claude-code]\nsubprojects: [apps/*, services/api]\ngitignore: exclude\n',
    )
    const q = asking('block')
    await install({ ...where(), subproject: 'apps/web', askGitignore: q.ask })
    await install({ ...where(), askGitignore: q.ask })
    expect(q.asked).toBe(0)
    expect(await ignored('/repo/apps/web')).toEqual([])
    expect(await read('/repo/.git/info/exclude')).toContain('/CLAUDE.md')
  })
})

/**
 * `install --subproject <path>` stopped dead (a crash, a kill) after a few changes: what the disk holds then, with the
 * dead process's lock gone stale (removed).
 */
async function crashedInstall(path: string): Promise<Fs> {
  const marker = '/paused'
  let paused!: () => void
  const reached = new Promise<void>((resolve) => (paused = resolve))
  const watched = new Proxy(fs, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown
      if (key !== 'writeFile' || typeof value !== 'function') return value
      return async (file: string, ...rest: unknown[]) => {
        await (value as (...a: unknown[]) => Promise<void>).call(target, file, ...rest)
        if (file === marker) paused()
      }
    },
  })
  const controller = new AbortController()
  const env = { OUTFIT_TEST_PAUSE_AFTER_CHANGES: '3', OUTFIT_TEST_PAUSE_MARKER: marker }
  const running = install({ ...where(), fs: watched, env, subproject: path, signal: controller.signal })
  await reached
  const disk = await copyOf(fs)
  controller.abort()
  await running.catch(() => {})
  await disk.unlink(marker)
  const locks = async (dir: string): Promise<void> => {
    for (const entry of await disk.readdir(dir, { withFileTypes: true })) {
      const full = join(dir, String(entry.name))
      if (entry.isDirectory()) await locks(full)
      else if (entry.name === 'lock') await disk.unlink(full)
    }
  }
  await locks('/home/me/.local/state')
  return disk
}

describe('bad monorepo input', () => {
  const config = (text: string) => fs.writeFile('/repo/outfit.config.yaml', text)

  it('refuses overlapping subprojects with the line of the second one', async () => {
    await fs.mkdir('/repo/apps/web/admin', { recursive: true })
    await fs.writeFile('/repo/apps/web/admin/outfit.config.yaml', 'kit: ../ai\n')
    await config('kit: ./ai\ntools: [codex]\nsubprojects:\n  - apps/web\n  - apps/web/admin\n')
    await expect(status(where())).rejects.toMatchObject({
      code: 'TARGET_INVALID',
      diagnostics: [
        expect.objectContaining({
          line: 5,
          column: 5,
          message: expect.stringContaining("subprojects 'apps/web' and 'apps/web/admin' overlap"),
        }),
      ],
    })
  })

  it('refuses a subproject outside the repository, and one reached through a link that leaves it', async () => {
    await config('kit: ./ai\ntools: [codex]\nsubprojects: [../elsewhere]\n')
    await expect(status(where())).rejects.toMatchObject({
      diagnostics: [expect.objectContaining({ message: expect.stringContaining('outside the repository') })],
    })
    await fs.mkdir('/outside/pkg', { recursive: true })
    await fs.writeFile('/outside/pkg/outfit.config.yaml', 'kit: ./ai\n')
    await fs.symlink('/outside/pkg', '/repo/apps/linked')
    await config('kit: ./ai\ntools: [codex]\nsubprojects: [apps/linked]\n')
    await expect(install(where())).rejects.toMatchObject({
      diagnostics: [
        expect.objectContaining({
          message: expect.stringContaining('through a symbolic link (to /outside/pkg)'),
        }),
      ],
    })
    expect(await has('/repo/AGENTS.md')).toBe(false)
  })

  it('says a glob that matches nothing, and names an unknown tool with a did-you-mean before installing anything', async () => {
    await config('kit: ./ai\ntools: [codex]\nsubprojects: [apps/*, libs/*]\n')
    await fs.writeFile('/repo/apps/web/outfit.config.yaml', 'kit: ./ai\ntools: [codx]\n')
    await expect(install(where())).rejects.toMatchObject({
      diagnostics: [
        expect.objectContaining({
          file: '/repo/apps/web/outfit.config.yaml',
          line: 2,
          message: "unknown tool 'codx'; did you mean 'codex'?",
        }),
      ],
    })
    expect(notes).toContain("note: subprojects: 'libs/*' matches no folder")
    expect(await has('/repo/AGENTS.md')).toBe(false)
  })

  it('names a mistyped --subproject with a did-you-mean and the list', async () => {
    await expect(status({ ...where(), subproject: 'apps/wbe' })).rejects.toMatchObject({
      code: 'USAGE',
      message: "no subproject 'apps/wbe'; did you mean 'apps/web'?",
      hint: 'the subprojects of /repo/outfit.config.yaml: apps/admin, apps/web, services/api',
    })
  })

  it('says which tools read no nested folders, and finds subprojects from pnpm-workspace.yaml', async () => {
    await config('kit: ./ai\ntools: [codex, windsurf]\ngitignore: block\n')
    await fs.writeFile('/repo/pnpm-workspace.yaml', 'packages:\n  - apps/*\n  - "!apps/admin"\n')
    const result = await install(where())
    expect(result.subprojects?.map((s) => s.path)).toEqual(['apps/web'])
    expect(notes).toContain(
      'note: apps/web: windsurf reads no nested folders (its target has no subproject scope): not installed here',
    )
    expect(await read('/repo/apps/web/AGENTS.md')).toContain('RULE-OF-web')
    // The root's gitignore: block holds in the subproject too, in its own .gitignore (paths from its folder).
    const ignore = await read('/repo/apps/web/.gitignore')
    expect(ignore).toContain('/AGENTS.md\n')
    expect(ignore).toContain('/.agents/skills/web-skill/SKILL.md\n')
    await uninstall(where())
    expect(await has('/repo/apps/web/.gitignore')).toBe(false)
  })
})

// Kits from a git repository, an npm registry and tarballs through the real CLI (in-process), offline: lock,
// frozen installs, update with --json, trust, several kits and their collisions.
import { existsSync, readFileSync } from 'node:fs'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { readFile, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { UpdateDocument } from '../../src/generated/output.js'
import { runCli } from '../helpers/run-cli.js'
import {
  gitRepo,
  kitFiles,
  registry,
  tempDir,
  writeTree,
  type GitRepo,
  type Registry,
} from '../helpers/kit-sources.js'

const outputSchema = new Ajv2020({ allErrors: true, strict: true }).compile(
  JSON.parse(readFileSync(new URL('../../schemas/output.schema.json', import.meta.url), 'utf8')),
)
const checked = (text: string) => {
  const doc: unknown = JSON.parse(text)
  expect(outputSchema(doc), JSON.stringify(outputSchema.errors, null, 2)).toBe(true)
  return doc
}
const hooks = 'hooks:\n  - event: sessionStart\n    command: ./scripts/hello.sh\n'
const mcp = 'servers:\n  lint:\n    command: npx\n    args: [-y, acme-lint-mcp]\n'

let root: string
let repo: GitRepo
let reg: Registry

beforeAll(async () => {
  root = await tempDir()
  repo = await gitRepo(join(root, 'git'), [
    {
      files: {
        ...under('kits/backend', kitFiles('backend', '1.0.0', { 'hooks.yaml': hooks })),
        ...under('kits/plain', kitFiles('plain', '1.0.0')),
      },
      tag: 'v1',
    },
    { files: under('kits/backend', kitFiles('backend', '2.0.0', { 'hooks.yaml': hooks })), tag: 'v2' },
  ])
  reg = await registry()
  await reg.publish('@acme/kit', '1.0.0', kitFiles('acme', '1.0.0', { 'mcp.yaml': mcp }))
  await reg.publish('@acme/clash', '1.0.0', kitFiles('plain', '9.9.9'))
  await reg.publish('@acme/broken', '1.0.0', { 'kit.yaml': 'name: Broken Kit\nversion: 1\n' })
})

afterAll(async () => {
  await reg.close()
  await rm(root, { recursive: true, force: true })
})

let home: string
let project: string
beforeEach(async () => {
  home = await tempDir('outfit-home-')
  project = await tempDir('outfit-project-')
  await writeTree(project, {
    '.git/HEAD': 'ref: refs/heads/main\n',
    '.npmrc': `registry=${reg.url}\nfetch-retries=0\n`,
  })
})
afterEach(async () => {
  await rm(home, { recursive: true, force: true })
  await rm(project, { recursive: true, force: true })
})

function under(dir: string, files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([p, c]) => [`${dir}/${p}`, c]))
}

const outfit = (...argv: string[]) => runCli([...argv, '--home', home], { cwd: project })
const config = (text: string) =>
  writeFile(join(project, 'outfit.config.yaml'), `tools: [claude-code]\nscope: project\n${text}`)
const lock = async () =>
  JSON.parse(await readFile(join(project, 'outfit.lock'), 'utf8')) as {
    kits: Record<string, { source: string; commit?: string; version?: string; integrity: string }>
  }
const skill = (name: string) => readFile(join(project, '.claude/skills', `${name}-skill`, 'SKILL.md'), 'utf8')

describe('install from a git repository', () => {
  it('installs a tagged sub-folder, locks its commit, and a frozen reinstall needs no repository at all', async () => {
    await config(`kit: ${repo.url}#v1::path:kits/plain\n`)
    const first = await outfit('install')
    expect(first.code, first.all).toBe(0)
    expect(await skill('plain')).toContain('plain things (1.0.0)')
    expect((await lock()).kits[`${repo.url}#v1::path:kits/plain`]).toMatchObject({ commit: repo.tags.v1 })
    expect(first.err).toContain(`locked at ${repo.tags.v1?.slice(0, 12)}`)
    // The cache lives in the sandbox's XDG cache folder.
    expect(existsSync(join(home, '.cache/outfit/kits'))).toBe(true)
    // Without the repository (moved away), the locked kit comes from the cache.
    await rm(join(project, '.claude'), { recursive: true, force: true })
    const moved = `${repo.bare}.away`
    await import('node:fs/promises').then((f) => f.rename(repo.bare, moved))
    try {
      const again = await outfit('install', '--frozen')
      expect(again.code, again.all).toBe(0)
      expect(await skill('plain')).toContain('plain things (1.0.0)')
    } finally {
      await import('node:fs/promises').then((f) => f.rename(moved, repo.bare))
    }
  })

  it('--frozen without a lock fails naming the kit, and changes nothing', async () => {
    await config(`kits:\n  plain: ${repo.url}#v1::path:kits/plain\n`)
    const run = await outfit('install', '--frozen')
    expect(run.code).toBe(5)
    expect(run.err).toContain("error: outfit.lock is missing; kit 'plain'")
    expect(existsSync(join(project, '.claude'))).toBe(false)
    expect(existsSync(join(project, 'outfit.lock'))).toBe(false)
  })

  it('--frozen fails when the config names a source the lock does not have', async () => {
    await config(`kits:\n  plain: ${repo.url}#v1::path:kits/plain\n`)
    expect((await outfit('install')).code).toBe(0)
    await config(`kits:\n  plain: ${repo.url}#v2::path:kits/plain\n`)
    const run = await outfit('install', '--frozen')
    expect(run.code).toBe(5)
    expect(run.err).toContain(
      `kit 'plain': the config says ${repo.url}#v2::path:kits/plain but outfit.lock has ${repo.url}#v1::path:kits/plain`,
    )
  })

  it('a tampered lock (integrity) is refused and nothing is installed', async () => {
    await config(`kits:\n  plain: ${repo.url}#v1::path:kits/plain\n`)
    expect((await outfit('install')).code).toBe(0)
    const text = await readFile(join(project, 'outfit.lock'), 'utf8')
    await writeFile(
      join(project, 'outfit.lock'),
      text.replace(/"integrity": "sha256-[^"]+"/, '"integrity": "sha256-Zm9yZ2Vk"'),
    )
    await rm(join(project, '.claude'), { recursive: true, force: true })
    const run = await outfit('install')
    expect(run.code).toBe(1)
    expect(run.err).toMatch(/error: kit 'plain': what .* serves at [0-9a-f]{40} does not match outfit.lock/)
    expect(existsSync(join(project, '.claude'))).toBe(false)
  })

  it('an unknown ref is a clear error', async () => {
    const run = await outfit('install', 'claude-code', '--kit', `${repo.url}#v7`)
    expect(run.code).toBe(1)
    expect(run.err).toContain(`has no tag, branch or commit 'v7'`)
    expect(run.err).not.toContain('    at ')
  })
})

describe('install from a private npm registry', () => {
  it("sends the token from the user's .npmrc, and a missing token is a clear error", async () => {
    const host = reg.url.replace(/^http:/, '')
    await config(`kits:\n  acme: npm:@acme/kit@^1\ntrust: ['npm:@acme/*']\n`)
    reg.token = 's3cret'
    try {
      const refused = await outfit('install')
      expect(refused.code).toBe(1)
      expect(refused.err).toContain(`error: kit 'acme': ${reg.url} refused access to @acme/kit@^1 (401)`)
      await writeFile(join(home, '.npmrc'), `${host}:_authToken=\${ACME_TOKEN}\n`)
      const run = await runCli(['install', '--home', home], { cwd: project, env: { ACME_TOKEN: 's3cret' } })
      expect(run.code, run.all).toBe(0)
      expect(await skill('acme')).toContain('acme things (1.0.0)')
    } finally {
      delete reg.token
    }
  })
})

describe('a fetched kit that is not valid', () => {
  it('is reported at the lines of its files, named by the source, and nothing is installed', async () => {
    const run = await outfit('install', 'claude-code', '--kit', 'npm:@acme/broken')
    expect(run.code).toBe(1)
    expect(run.err).toContain('npm:@acme/broken › kit.yaml:1:7  /name: must match')
    expect(existsSync(join(project, '.claude'))).toBe(false)
    expect(existsSync(join(project, 'outfit.lock'))).toBe(false)
  })
})

describe('trust', () => {
  it('without a terminal, refuses a kit whose hooks run commands, showing them; --trust installs and remembers', async () => {
    await config(`kits:\n  backend: ${repo.url}#v1::path:kits/backend\n`)
    const refused = await outfit('install')
    expect(refused.code).toBe(6)
    expect(refused.err).toContain('hook sessionStart: ./scripts/hello.sh')
    expect(refused.err).toContain(`--trust`)
    expect(existsSync(join(project, '.claude'))).toBe(false)
    expect(existsSync(join(project, 'outfit.lock'))).toBe(false)

    const trusted = await outfit('install', '--trust')
    expect(trusted.code, trusted.all).toBe(0)
    const file = join(home, '.local/state/outfit/trust.json')
    expect((await stat(file)).mode & 0o777).toBe(0o600)
    expect(JSON.parse(await readFile(file, 'utf8')).sources[repo.url]).toMatchObject({
      commands: ['hook sessionStart: ./scripts/hello.sh'],
    })
    // Remembered: the next run asks nothing.
    expect((await outfit('install')).code).toBe(0)
  })

  it('a source on the config trust list installs without asking', async () => {
    await config(`kits:\n  acme: npm:@acme/kit@^1\ntrust: ['npm:@acme/*']\n`)
    const run = await outfit('install')
    expect(run.code, run.all).toBe(0)
    expect(JSON.parse(await readFile(join(project, '.mcp.json'), 'utf8')).mcpServers.lint).toMatchObject({
      command: 'npx',
    })
  })

  it('in a terminal, shows every command and asks; no means nothing changes', async () => {
    await config(`kits:\n  acme: npm:@acme/kit@^1\n`)
    const asked: string[] = []
    const prompter = {
      selectTools: async () => [],
      confirm: async (q: string) => (asked.push(q), false),
      selectOne: async () => null,
    }
    const run = await runCli(['install', '--home', home], { cwd: project, isTTY: true, prompter })
    expect(run.code).toBe(6)
    expect(run.err).toContain('MCP server lint: npx -y acme-lint-mcp')
    expect(asked).toEqual(['Trust npm:@acme/kit and install?'])
    expect(existsSync(join(project, '.mcp.json'))).toBe(false)
  })

  it('the trust question defaults to no, and Ctrl-C at it exits 130 with nothing changed', async () => {
    await config(`kits:\n  acme: npm:@acme/kit@^1\n`)
    const defaults: (boolean | undefined)[] = []
    const prompter = {
      selectTools: async () => [],
      confirm: async (_q: string, _s?: AbortSignal, initial?: boolean) => (defaults.push(initial), null),
      selectOne: async () => null,
    }
    const run = await runCli(['install', '--home', home], { cwd: project, isTTY: true, prompter })
    expect(defaults).toEqual([false])
    expect(run.code).toBe(130)
    expect(run.err).toContain('interrupted at the trust question; nothing was changed')
    expect(existsSync(join(project, '.mcp.json'))).toBe(false)
  })
})

describe('several kits', () => {
  it('installs kits from git and npm together, locking each', async () => {
    await config(
      `kits:\n  plain: ${repo.url}#v1::path:kits/plain\n  acme: npm:@acme/kit@^1\ntrust: ['npm:@acme/*']\n`,
    )
    const run = await outfit('install')
    expect(run.code, run.all).toBe(0)
    expect(await skill('plain')).toContain('plain')
    expect(await skill('acme')).toContain('acme')
    expect(Object.keys((await lock()).kits)).toEqual(['acme', 'plain'])
    expect((await lock()).kits.acme).toMatchObject({ source: 'npm:@acme/kit@^1', version: '1.0.0' })
  })

  it('two kits that define the same skill are an error naming both, before anything is written', async () => {
    await config(`kits:\n  plain: ${repo.url}#v1::path:kits/plain\n  clash: npm:@acme/clash\n`)
    const run = await outfit('plan')
    expect(run.code).toBe(1)
    expect(run.err).toContain(
      "error: kits 'plain' and 'clash' both define skill 'plain-skill' (skills/plain-skill/SKILL.md)",
    )
    expect(existsSync(join(project, 'outfit.lock'))).toBe(false)
  })
})

describe('outfit update', () => {
  it('moves a branch to its new commit, shows the lock change and per-tool diff as JSON, then applies it', async () => {
    const branch = await gitRepo(join(await tempDir('outfit-src-', root), 'g'), [
      { files: kitFiles('moving', '1.0.0') },
    ])
    await config(`kits:\n  moving: ${branch.url}#main\n`)
    expect((await outfit('install')).code).toBe(0)
    const before = (await lock()).kits.moving
    await branch.commit(kitFiles('moving', '1.1.0'))

    const nothing = await outfit('install', '--frozen')
    expect(nothing.code).toBe(0)
    expect(await skill('moving')).toContain('(1.0.0)')

    const dry = await outfit('update', '--dry-run', '--json')
    expect(dry.code, dry.all).toBe(0)
    const plan = checked(dry.out) as UpdateDocument
    expect(plan).toMatchObject({
      command: 'update',
      applied: false,
      kits: [
        {
          kit: 'moving',
          from: { commit: before?.commit },
          to: { commit: expect.not.stringMatching(before?.commit ?? '') },
        },
      ],
    })
    expect(plan.tools[0]?.changes.map((c) => c.kind)).toContain('change')
    expect((await lock()).kits.moving).toEqual(before)

    const applied = await outfit('update', 'moving', '--json')
    expect(applied.code, applied.all).toBe(0)
    expect(checked(applied.out)).toMatchObject({ applied: true, result: { command: 'install' } })
    expect(await skill('moving')).toContain('(1.1.0)')
    expect((await lock()).kits.moving?.commit).not.toBe(before?.commit)

    const again = await outfit('update')
    expect(again.out).toContain('every kit is up to date')
    expect(checked((await outfit('update', '--json')).out)).toMatchObject({
      applied: false,
      kits: [],
      tools: [],
    })
  })

  it('an unknown kit name is a usage error', async () => {
    await config(`kits:\n  plain: ${repo.url}#v1::path:kits/plain\n`)
    const run = await outfit('update', 'nope')
    expect(run.code).toBe(2)
    expect(run.err).toContain("error: unknown kit 'nope'")
    const json = await outfit('install', '--frozen', '--json', '--kit', `${repo.url}#v1`)
    expect(json.code).toBe(5)
    expect(checked(json.out)).toMatchObject({ command: 'install', error: { code: 'LOCK_MISMATCH' } })
  })
})

describe('outfit remembers what it was told', () => {
  it('after install --kit <git source> --trust, install --frozen, plan and uninstall need neither --kit nor tools', async () => {
    const source = `${repo.url}#v1::path:kits/plain`
    const first = await outfit('install', 'cursor', 'claude-code', '--kit', source, '--trust')
    expect(first.code, first.all).toBe(0)
    const frozen = await outfit('install', '--frozen')
    expect(frozen.code, frozen.all).toBe(0)
    expect(frozen.err).toContain('note: using the kits outfit.lock remembers')
    expect(frozen.err).toContain('note: acting on the tools installed here: claude-code, cursor')
    const planned = await outfit('plan', '--check')
    expect(planned.code, planned.all).toBe(0)
    const gone = await outfit('uninstall')
    expect(gone.code, gone.all).toBe(0)
    expect(gone.err).toContain('note: acting on the tools installed here: claude-code, cursor')
    expect(existsSync(join(project, '.cursor'))).toBe(false)
  })
})

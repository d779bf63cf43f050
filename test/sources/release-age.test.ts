// minReleaseAge: `outfit update` skips npm versions published, and git commits made, less than that long ago, says
// which it skipped, never moves back behind the lock, and fails naming the way out when nothing is old enough.
// Offline: the local registry (publish times in its packuments) and a bare git repository with dated commits.
import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { parseAge } from '../../src/sources/release-age.js'
import { gitRepo, kitFiles, registry, tempDir, writeTree, type Registry } from '../helpers/kit-sources.js'
import { runCli } from '../helpers/run-cli.js'

const DAY = 86_400_000
const daysAgo = (n: number) => new Date(Date.now() - n * DAY)

describe('parseAge', () => {
  it.each([
    ['3d', 3 * DAY],
    ['12h', 12 * 3_600_000],
    ['90m', 90 * 60_000],
    ['1w', 7 * DAY],
    ['1.5d', 1.5 * DAY],
    ['0', 0],
  ])('%s', (text, ms) => expect(parseAge(text)).toBe(ms))
  it.each(['3', 'd', '3 days', '-1d', '3D', ''])('%s is not an age', (text) =>
    expect(parseAge(text)).toBeUndefined(),
  )
})

let reg: Registry
let root: string
beforeAll(async () => {
  reg = await registry()
  root = await tempDir()
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

const outfit = (...argv: string[]) => runCli([...argv, '--home', home], { cwd: project })
const config = (text: string) =>
  writeFile(join(project, 'outfit.config.yaml'), `tools: [claude-code]\nscope: project\n${text}`)
const locked = async (kit: string) =>
  (
    JSON.parse(await readFile(join(project, 'outfit.lock'), 'utf8')) as {
      kits: Record<string, { version?: string; commit?: string }>
    }
  ).kits[kit]

describe('npm versions', () => {
  it('update skips a version younger than minReleaseAge, says so, and takes the newest old enough', async () => {
    await reg.publish('@acme/cool', '1.0.0', kitFiles('cool', '1.0.0'), 'latest', daysAgo(10))
    await config('kits:\n  cool: npm:@acme/cool@^1\nminReleaseAge: 3d\n')
    expect((await outfit('install')).code).toBe(0)
    await reg.publish('@acme/cool', '1.1.0', kitFiles('cool', '1.1.0'), 'latest', daysAgo(5))
    await reg.publish('@acme/cool', '1.2.0', kitFiles('cool', '1.2.0'), 'latest', daysAgo(0.5))
    const run = await outfit('update', '--yes')
    expect(run.code, run.all).toBe(0)
    expect(run.out).toMatch(
      /^skipped cool 1\.2\.0: published 12 hours ago \(\d{4}-\d\d-\d\dT[\d:.]+Z\), younger than minReleaseAge 3d; using 1\.1\.0$/m,
    )
    expect(await locked('cool')).toMatchObject({ version: '1.1.0' })
    // --json says the same; the flag wins over the config (0 turns the cooldown off).
    const off = await outfit('update', '--yes', '--json', '--min-release-age', '0')
    expect(off.code, off.all).toBe(0)
    expect(JSON.parse(off.out)).not.toHaveProperty('skipped')
    expect(await locked('cool')).toMatchObject({ version: '1.2.0' })
    // Never back: the young 1.2.0 now locked stays, nothing is skipped, nothing moves.
    const again = await outfit('update', '--yes', '--json')
    expect(again.code, again.all).toBe(0)
    expect(JSON.parse(again.out)).toMatchObject({ kits: [], applied: false })
    expect(await locked('cool')).toMatchObject({ version: '1.2.0' })
  })

  it('--json lists what was skipped', async () => {
    await reg.publish('@acme/listed', '2.0.0', kitFiles('listed', '2.0.0'), 'latest', daysAgo(30))
    await config('kits:\n  listed: npm:@acme/listed@^2\n')
    expect((await outfit('install')).code).toBe(0)
    await reg.publish('@acme/listed', '2.1.0', kitFiles('listed', '2.1.0'), 'latest', daysAgo(0.1))
    const run = await outfit('update', '--yes', '--json', '--min-release-age', '1w')
    expect(run.code, run.all).toBe(0)
    expect(JSON.parse(run.out).skipped).toEqual([
      {
        kit: 'listed',
        source: 'npm:@acme/listed@^2',
        skipped: '2.1.0',
        published: expect.stringMatching(/Z$/),
        using: '2.0.0',
        minReleaseAge: '1w',
      },
    ])
  })

  it('nothing old enough and nothing locked: an error naming the newest and the flag that takes it', async () => {
    await reg.publish('@acme/fresh', '1.0.0', kitFiles('fresh', '1.0.0'), 'latest', daysAgo(0.2))
    await config('kits:\n  fresh: npm:@acme/fresh@^1\nminReleaseAge: 3d\n')
    const run = await outfit('update', '--yes')
    expect(run.code).toBe(1)
    expect(run.err).toContain(
      "kit 'fresh': every version of @acme/fresh matching '^1' is younger than minReleaseAge 3d (the newest, 1.0.0, was published",
    )
    expect(run.err).toContain('outfit update fresh --min-release-age 0')
  })

  it('a malformed --min-release-age is a usage error', async () => {
    await reg.publish('@acme/typo', '1.0.0', kitFiles('typo', '1.0.0'), 'latest', daysAgo(9))
    await config('kits:\n  typo: npm:@acme/typo@^1\n')
    const run = await outfit('update', '--yes', '--min-release-age', '3 days')
    expect(run.code).toBe(2)
    expect(run.err).toContain(
      "--min-release-age must be a duration like 3d, 12h, 90m or 1w (0 turns it off), got '3 days'",
    )
  })
})

describe('git commits', () => {
  it('update walks back to the newest commit older than minReleaseAge and says which it skipped', async () => {
    const dated = async <T>(days: number, fn: () => Promise<T>): Promise<T> => {
      const date = daysAgo(days).toISOString()
      process.env.GIT_COMMITTER_DATE = date
      process.env.GIT_AUTHOR_DATE = date
      try {
        return await fn()
      } finally {
        delete process.env.GIT_COMMITTER_DATE
        delete process.env.GIT_AUTHOR_DATE
      }
    }
    const repo = await dated(10, () => gitRepo(join(root, 'git'), [{ files: kitFiles('branchy', '1.0.0') }]))
    await config(`kits:\n  branchy: ${repo.url}\nminReleaseAge: 3d\n`)
    expect((await outfit('install')).code).toBe(0)
    const c1 = (await locked('branchy'))?.commit
    const c2 = await dated(5, () => repo.commit(kitFiles('branchy', '1.1.0')))
    const c3 = await repo.commit(kitFiles('branchy', '1.2.0'))
    expect(new Set([c1, c2, c3]).size).toBe(3)
    const run = await outfit('update', '--yes')
    expect(run.code, run.all).toBe(0)
    expect(run.out).toMatch(
      new RegExp(
        `^skipped branchy ${c3.slice(0, 12)}: published \\d+ minutes ago .*younger than minReleaseAge 3d; using ${c2.slice(0, 12)}$`,
        'm',
      ),
    )
    expect(await locked('branchy')).toMatchObject({ commit: c2 })
    const skill = await readFile(join(project, '.claude/skills/branchy-skill/SKILL.md'), 'utf8')
    expect(skill).toContain('branchy things (1.1.0)')
  })
})

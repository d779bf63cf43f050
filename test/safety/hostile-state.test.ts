// State is untrusted input. A repository a user clones can plant files; state can be copied from elsewhere, edited or
// damaged. Each case of the security report is reproduced here: nothing outside the scope root may change, foreign or
// broken state is refused with a clear error (exit 4) and never replayed, and secrets never become world-readable.
import { chmod, mkdir, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { realFs } from '../../src/fs/fs.js'
import { manifestPath, MANIFEST_VERSION } from '../../src/state/manifest-file.js'
import { openScopeState, type ScopeState } from '../../src/state/scope-state.js'
import { seal } from '../../src/state/seal.js'
import { runCli } from '../helpers/run-cli.js'
import { snapshotTree, useSandbox } from '../integration/sandbox.js'

let outside: string
const sb = useSandbox(async (sb) => {
  // What an attacker wants to reach: a folder beside the project and home, with a file worth protecting.
  outside = join(sb.root, 'outside')
  await mkdir(join(outside, 'ssh'), { recursive: true })
  await writeFile(join(outside, 'passwd'), 'root:x:0:0\n')
  await writeFile(join(outside, 'ssh', 'authorized_keys'), 'ssh-ed25519 AAAA mine\n')
})

const outsideTree = () => snapshotTree(sb.root, [outside])

/** The state the CLI uses with --home (the default state home of that home), or the sandbox's for API runs. */
async function stateFor(
  root: string,
  stateHome = join(sb.home, '.local', 'state', 'outfit'),
): Promise<ScopeState> {
  return (await openScopeState(realFs, stateHome, root, { create: true })) as ScopeState
}

/** A manifest body signed with this user's real key: the strongest forgery (or an outfit bug) there can be. */
async function writeSignedManifest(
  state: ScopeState,
  tool: string,
  scope: string,
  steps: unknown[],
): Promise<string> {
  const body = {
    version: MANIFEST_VERSION,
    tool,
    scope,
    kit: { name: 'starter-kit', version: '1.0.0' },
    installedAt: new Date().toISOString(),
    steps,
  }
  const mac = seal(state.key, [
    'manifest',
    String(MANIFEST_VERSION),
    state.id,
    tool,
    scope,
    JSON.stringify(body),
  ])
  const file = manifestPath(state.dir, tool, scope)
  await mkdir(join(state.dir, 'manifests'), { recursive: true })
  await writeFile(file, JSON.stringify({ ...body, mac }, null, 2))
  return file
}

/** A journal whose records are signed with the real key, naming whatever paths the test likes. */
async function writeSignedJournal(
  state: ScopeState,
  entries: { area: string; path: string; before: unknown }[],
): Promise<string> {
  const run = `1-1-abcdef`
  const dir = join(state.dir, 'journal', run)
  await mkdir(dir, { recursive: true })
  const lines = entries.map((entry) =>
    JSON.stringify({ ...entry, mac: seal(state.key, ['journal', state.id, run, JSON.stringify(entry)]) }),
  )
  await writeFile(join(dir, 'journal.jsonl'), `${lines.join('\n')}\n`)
  return dir
}

const cli = (...argv: string[]) =>
  runCli(
    [
      ...argv,
      ...(['install', 'plan'].includes(argv[0] ?? '') ? ['--kit', sb.kit] : []),
      '--home',
      sb.home,
      '--project',
      sb.project,
    ],
    { cwd: sb.project, env: { HOME: sb.home } },
  )

describe('1. a crash journal planted in the repository', () => {
  it('is never read: install neither deletes outside files nor creates executables', async () => {
    const planted = join(sb.project, '.outfit', 'journal', '1-1-aaaaaa')
    await mkdir(planted, { recursive: true })
    await writeFile(
      join(planted, 'journal.jsonl'),
      [
        { path: join(outside, 'passwd'), before: { kind: 'absent' } },
        {
          path: join(outside, 'evil.sh'),
          before: {
            kind: 'file',
            data: Buffer.from('#!/bin/sh\nrm -rf ~\n').toString('base64'),
            mode: 0o755,
          },
        },
      ]
        .map((e) => JSON.stringify(e))
        .join('\n'),
    )
    const before = await outsideTree()
    const run = await cli('install', 'claude-code', '--yes')
    expect(run.code).toBe(0)
    expect(run.all).not.toMatch(/rolled it back|restored/)
    expect(await outsideTree()).toEqual(before)
  })

  it("a journal in the state folder without this user's seal is refused, not replayed, with exit 4", async () => {
    const state = await stateFor(sb.project)
    const dir = join(state.dir, 'journal', '1-1-bbbbbb')
    await mkdir(dir, { recursive: true })
    await writeFile(
      join(dir, 'journal.jsonl'),
      `${JSON.stringify({ area: 'root', path: 'CLAUDE.md', before: { kind: 'absent' }, mac: 'f'.repeat(64) })}\n`,
    )
    await writeFile(join(sb.project, 'CLAUDE.md'), 'mine\n')
    for (const command of ['install', 'uninstall', 'recover']) {
      const run = await cli(command, ...(command === 'recover' ? [] : ['claude-code']), '--yes')
      expect(run.code, command).toBe(4)
      expect(run.all).toMatch(/crash journal .* without a valid seal; it was not replayed/)
    }
    expect(await readFile(join(sb.project, 'CLAUDE.md'), 'utf8')).toBe('mine\n')
  })

  it('even a correctly signed journal cannot name a path outside the scope', async () => {
    const state = await stateFor(sb.project)
    await writeSignedJournal(state, [
      {
        area: 'root',
        path: 'README.md',
        before: { kind: 'file', data: Buffer.from('x').toString('base64'), mode: 0o644 },
      },
      { area: 'root', path: '../outside/passwd', before: { kind: 'absent' } },
    ])
    const before = await outsideTree()
    const run = await cli('recover', '--yes')
    expect(run.code).toBe(4)
    expect(run.all).toMatch(/names a path outside its scope on line 2/)
    expect(await outsideTree()).toEqual(before)
    // Nothing of it was replayed, not even the harmless first record.
    await expect(stat(join(sb.project, 'README.md'))).rejects.toThrow()
  })
})

describe('2. a planted manifest', () => {
  it('in the repository is never read: uninstall and install touch nothing outside', async () => {
    const planted = join(sb.project, '.outfit', 'manifests')
    await mkdir(join(sb.project, '.outfit', 'backups'), { recursive: true })
    await mkdir(planted, { recursive: true })
    await writeFile(
      join(planted, 'claude-code.project.json'),
      JSON.stringify({
        version: 1,
        tool: 'claude-code',
        scope: 'project',
        kit: { name: 'x', version: '1' },
        installedAt: '',
        steps: [
          {
            step: 'agents',
            action: 'copy',
            inverse: 'remove',
            changes: [{ kind: 'file', path: '../outside/passwd', before: null, after: null }],
          },
        ],
      }),
    )
    const before = await outsideTree()
    expect((await cli('uninstall', 'claude-code', '--yes')).all).toMatch(/nothing to uninstall/)
    expect((await cli('install', 'claude-code', '--yes')).code).toBe(0)
    expect(await outsideTree()).toEqual(before)
  })

  it("signed, but naming paths outside the root or the tool's folders, is refused with exit 4", async () => {
    const state = await stateFor(sb.project)
    const before = await outsideTree()
    for (const path of [
      '../outside/passwd',
      join(outside, 'passwd'),
      'src/index.ts',
      '.cursor/rules/x.mdc',
    ]) {
      await writeFile(join(sb.project, 'victim.txt'), 'keep me\n')
      await writeSignedManifest(state, 'claude-code', 'project', [
        {
          step: 'agents',
          action: 'copy',
          inverse: 'remove',
          changes: [{ kind: 'file', path, before: null, after: { hash: 'a'.repeat(64) } }],
        },
      ])
      for (const command of ['uninstall', 'install']) {
        const run = await cli(command, 'claude-code', '--yes', '--force')
        expect(run.code, `${command} ${path}`).toBe(4)
        expect(run.all).toMatch(/outside the folders this tool installs into; it was not used/)
      }
    }
    expect(await outsideTree()).toEqual(before)
  })

  it('signed, but reaching through a symlinked folder that leads out, is refused before anything is read', async () => {
    await mkdir(join(sb.project, '.claude', 'agents'), { recursive: true })
    await symlink(outside, join(sb.project, '.claude', 'agents', 'escape'))
    const state = await stateFor(sb.project)
    const hash = createHash('sha256').update('root:x:0:0\n').digest('hex')
    // The hash matches the outside file, so a naive uninstall would think it is outfit's own and delete it.
    await writeSignedManifest(state, 'claude-code', 'project', [
      {
        step: 'agents',
        action: 'copy',
        inverse: 'remove',
        changes: [{ kind: 'file', path: '.claude/agents/escape/passwd', before: null, after: { hash } }],
      },
    ])
    const run = await cli('uninstall', 'claude-code', '--yes', '--force')
    expect(run.code).toBe(4)
    expect(run.all).toMatch(/lies behind a symlink/)
    expect(await readFile(join(outside, 'passwd'), 'utf8')).toBe('root:x:0:0\n')
  })

  it('without a valid seal (edited, or copied from another user or scope) is refused with exit 4', async () => {
    expect((await cli('install', 'claude-code', '--yes')).code).toBe(0)
    const state = await stateFor(sb.project)
    const file = manifestPath(state.dir, 'claude-code', 'project')
    const text = await readFile(file, 'utf8')
    await writeFile(file, text.replace('"starter-kit"', '"evil-kit"'))
    const run = await cli('uninstall', 'claude-code', '--yes')
    expect(run.code).toBe(4)
    expect(run.all).toMatch(/was not written by outfit for this user and scope/)
    // Moved to the home's state folder, a project manifest is still refused: the seal names the scope.
    const home = await stateFor(sb.home)
    await mkdir(join(home.dir, 'manifests'), { recursive: true })
    await writeFile(manifestPath(home.dir, 'claude-code', 'project'), text)
    expect(
      (
        await runCli(['status', '--scope', 'project', '--home', sb.home, '--project', sb.home], {
          cwd: sb.home,
        })
      ).code,
    ).toBe(4)
  })
})

describe('3. secrets stay private', () => {
  it('a 0600 config is backed up 0600, state folders are 0700, and the original mode is restored', async () => {
    await writeFile(join(sb.home, '.claude.json'), '{ "primaryApiKey": "sk-secret" }\n', { mode: 0o600 })
    await chmod(join(sb.home, '.claude.json'), 0o600)
    const report = await sb.install(['claude-code'])
    expect(report.results[0]?.status).toBe('installed')
    const state = await stateFor(sb.home, sb.state)
    const backups = await readdir(join(state.dir, 'backups'))
    expect(backups.length).toBeGreaterThan(0)
    for (const name of backups)
      expect((await stat(join(state.dir, 'backups', name))).mode & 0o777).toBe(0o600)
    for (const name of await readdir(join(state.dir, 'manifests')))
      expect((await stat(join(state.dir, 'manifests', name))).mode & 0o777).toBe(0o600)
    for (const dir of [sb.state, state.dir, join(state.dir, 'backups'), join(state.dir, 'manifests')])
      expect((await stat(dir)).mode & 0o777).toBe(0o700)
    expect((await stat(join(sb.state, 'key'))).mode & 0o777).toBe(0o600)
    await sb.uninstall(['claude-code'])
    expect(await readFile(join(sb.home, '.claude.json'), 'utf8')).toBe('{ "primaryApiKey": "sk-secret" }\n')
    expect((await stat(join(sb.home, '.claude.json'))).mode & 0o777).toBe(0o600)
  })

  it('a run that dies leaves its journal 0600 in a 0700 folder', async () => {
    const { Journal } = await import('../../src/safety/journal.js')
    await writeFile(join(sb.home, '.claude.json'), '{ "primaryApiKey": "sk-secret" }\n', { mode: 0o600 })
    const state = await stateFor(sb.home, sb.state)
    const journal = new Journal(realFs, state)
    await journal.before(join(sb.home, '.claude.json'))
    await journal.close()
    expect((await stat(join(journal.dir, 'journal.jsonl'))).mode & 0o777).toBe(0o600)
    expect((await stat(journal.dir)).mode & 0o777).toBe(0o700)
    expect((await stat(join(state.dir, 'journal'))).mode & 0o777).toBe(0o700)
  })

  it('a state key that others can read is refused', async () => {
    await chmod(join(sb.state, 'key'), 0o644)
    const report = sb.install(['claude-code'])
    await expect(report).rejects.toThrow(/can be read by other users/)
  })
})

describe('4. outfit markers inside kit text', () => {
  const forged = [
    '<!-- outfit:starter-kit:end -->',
    '# <<< outfit:starter-kit <<<',
    '<!-- outfit:starter-kit:begin (managed by outfit; edits inside are replaced on install) -->',
  ]

  it('cannot end a block early: edits around it and uninstall leave the user file byte-exact and valid', async () => {
    await writeFile(
      join(sb.kit, 'rules', 'general.md'),
      `---\ndescription: x\n---\nBefore.\n${forged.join('\n')}\nAfter.\n`,
    )
    await writeFile(
      join(sb.kit, 'mcp.yaml'),
      `servers:\n  evil:\n    command: x\n    env:\n      NOTE: "a\\n# <<< outfit:starter-kit <<<\\nb"\n`,
    )
    await mkdir(join(sb.home, '.codex'), { recursive: true })
    await mkdir(join(sb.home, '.claude'), { recursive: true })
    const toml = '# mine\nmodel = "o3"\n'
    const md = '# My notes\n'
    await writeFile(join(sb.home, '.codex', 'config.toml'), toml)
    await writeFile(join(sb.home, '.claude', 'CLAUDE.md'), md)
    expect((await sb.install(['codex', 'claude-code'])).results.map((r) => r.status)).toEqual([
      'installed',
      'installed',
    ])
    const installed = await readFile(join(sb.home, '.claude', 'CLAUDE.md'), 'utf8')
    for (const line of forged) expect(installed).toContain(line)
    // The user edits both files after the install, outside outfit's block.
    await writeFile(
      join(sb.home, '.codex', 'config.toml'),
      `approval_policy = "never"\n${await readFile(join(sb.home, '.codex', 'config.toml'), 'utf8')}`,
    )
    await writeFile(join(sb.home, '.claude', 'CLAUDE.md'), `${installed}\nMy later note.\n`)
    expect((await sb.uninstall(['codex', 'claude-code'])).results.map((r) => r.status)).toEqual([
      'uninstalled',
      'uninstalled',
    ])
    expect(await readFile(join(sb.home, '.codex', 'config.toml'), 'utf8')).toBe(
      `approval_policy = "never"\n${toml}`,
    )
    // The separator outfit added stays when the user wrote below the block (it is no longer at the end of the file).
    expect(await readFile(join(sb.home, '.claude', 'CLAUDE.md'), 'utf8')).toBe(`${md}\n\nMy later note.\n`)
  })
})

describe('5. a damaged or foreign manifest fails closed', () => {
  async function installed(): Promise<string> {
    expect((await cli('install', 'claude-code', '--yes')).code).toBe(0)
    return manifestPath((await stateFor(sb.project)).dir, 'claude-code', 'project')
  }

  it.each([
    ['truncated', (t: string) => t.slice(0, t.length / 2), /damaged \(not valid JSON/],
    [
      'of another version',
      (t: string) => t.replace(new RegExp(`"version": ?${MANIFEST_VERSION}`), '"version":3'),
      /has version 3; this outfit reads version 2/,
    ],
  ])('%s: uninstall exits 4 and removes nothing; install refuses too', async (_name, damage, message) => {
    const file = await installed()
    await writeFile(file, damage(await readFile(file, 'utf8')))
    const tree = await snapshotTree(sb.root, [sb.project])
    for (const command of ['uninstall', 'install']) {
      const run = await cli(command, 'claude-code', '--yes')
      expect(run.code, command).toBe(4)
      expect(run.all).toMatch(message)
      expect(run.all).not.toMatch(/nothing to uninstall/)
      expect(run.all).toContain(`outfit forget claude-code --scope project --project ${sb.project}`)
    }
    expect(await snapshotTree(sb.root, [sb.project])).toEqual(tree)
  })

  it('is written compact with the seal last, and the earlier laid-out form of the same manifest still reads', async () => {
    const file = await installed()
    const text = await readFile(file, 'utf8')
    expect(text).toMatch(/^\{"version":2,.*,"mac":"[0-9a-f]{64}"\}\n$/s)
    // What an earlier outfit wrote: the same body and seal, laid out with two-space indents.
    await writeFile(file, `${JSON.stringify(JSON.parse(text), null, 2)}\n`)
    expect((await cli('status', 'claude-code')).code).toBe(0)
    const removed = await cli('uninstall', 'claude-code', '--yes')
    expect(removed.code, removed.all).toBe(0)
    expect(removed.all).not.toMatch(/nothing to uninstall/)
  })

  it('refuses members slipped in before the seal, or a body edited in place', async () => {
    const file = await installed()
    const text = await readFile(file, 'utf8')
    const sealAt = text.lastIndexOf(',"mac":')
    for (const forged of [
      `${text.slice(0, sealAt)},"steps":[]${text.slice(sealAt)}`,
      text.replace('"kit":{"name":"starter-kit"', '"kit":{"name":"starter-kid"'),
      `${text.slice(0, sealAt)}${text.slice(sealAt).replace(/"[0-9a-f]{64}"/, `"${'0'.repeat(64)}"`)}`,
    ]) {
      expect(forged).not.toBe(text)
      await writeFile(file, forged)
      const run = await cli('uninstall', 'claude-code', '--yes')
      expect(run.code, forged.slice(-120)).toBe(4)
      expect(run.all).toMatch(/seal does not match/)
    }
  })

  it("never records outfit's own output as the user's original: the backup of the user's file survives", async () => {
    const agent = join(sb.project, '.claude', 'agents', 'reviewer.md')
    await mkdir(join(sb.project, '.claude', 'agents'), { recursive: true })
    await writeFile(agent, 'my own reviewer\n')
    expect((await cli('install', 'claude-code', '--yes', '--force')).code).toBe(0)
    const state = await stateFor(sb.project)
    const file = manifestPath(state.dir, 'claude-code', 'project')
    await writeFile(file, '{ "version": 2, "tool": "claude-code"')
    expect((await cli('install', 'claude-code', '--yes')).code).toBe(4)
    expect((await cli('uninstall', 'claude-code', '--yes')).code).toBe(4)
    // The user's version is still in the backups, byte for byte.
    const backups = await readdir(join(state.dir, 'backups'))
    const contents = await Promise.all(backups.map((b) => readFile(join(state.dir, 'backups', b), 'utf8')))
    expect(contents).toContain('my own reviewer\n')
  })
})

describe('fuzz: signed records with hostile paths never touch anything outside the root', () => {
  // Deterministic pseudo-random choices, so a failure reproduces.
  let seed = 42
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n)
  const pieces = [
    '..',
    '../..',
    'outside',
    'passwd',
    'ssh',
    'authorized_keys',
    '.claude',
    'agents',
    'escape',
    '.',
    '',
    'x.md',
  ]

  function hostilePath(): string {
    const kind = rand(4)
    const parts = Array.from({ length: 1 + rand(5) }, () => pieces[rand(pieces.length)] ?? '')
    if (kind === 0) return join(outside, ...parts)
    if (kind === 1) return `../${parts.join('/')}`
    if (kind === 2) return `.claude/escape/${parts.join('/')}` // .claude/escape is a symlink to the outside folder
    return parts.join('/')
  }

  it('over 60 random manifests and journals', async () => {
    await mkdir(join(sb.project, '.claude'), { recursive: true })
    await symlink(outside, join(sb.project, '.claude', 'escape'))
    const state = await stateFor(sb.project)
    const before = await outsideTree()
    for (let i = 0; i < 30; i++) {
      const changes = Array.from({ length: 1 + rand(3) }, () => {
        const kinds = ['file', 'dir', 'link'] as const
        const kind = kinds[rand(3)]
        return kind === 'link'
          ? { kind, path: hostilePath(), target: '/etc/passwd', before: null }
          : kind === 'dir'
            ? { kind, path: hostilePath() }
            : {
                kind,
                path: hostilePath(),
                before: null,
                after: null,
                origin: { hash: 'b'.repeat(64), mode: 0o755 },
              }
      })
      await writeSignedManifest(state, 'claude-code', 'project', [
        { step: 'agents', action: 'copy', inverse: 'remove', changes },
      ])
      await cli('uninstall', 'claude-code', '--yes', '--force')
      await cli('install', 'claude-code', '--yes', '--force')
      await writeSignedJournal(
        state,
        Array.from({ length: 1 + rand(3) }, () => ({
          area: rand(2) ? 'root' : 'state',
          path: hostilePath(),
          before: rand(2) ? { kind: 'absent' } : { kind: 'file', data: 'eA==', mode: 0o755 },
        })),
      )
      await cli('recover', '--yes')
      await rm(join(state.dir, 'journal'), { recursive: true, force: true })
      expect(await outsideTree(), `round ${i}`).toEqual(before)
    }
  }, 120_000)
})

// Every refusal of outfit's state (exit 4) names the command that gets out of it, and that command works: each case
// below breaks the state one way, runs outfit until it is refused, then runs exactly the command the message names
// (outfit's own with the sandbox's --home, or the shell's), and again, until outfit runs. `outfit forget` is the way out
// of most: it drops the records (never the files, never a backup) so that the next install treats the files as yours.
import { execFileSync } from 'node:child_process'
import {
  chmod,
  chown,
  mkdir,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { dropRecords as forget, planForget } from '../../src/api/forget.js'
import { realFs } from '../../src/fs/fs.js'
import { MANIFEST_VERSION, manifestPath } from '../../src/state/manifest-file.js'
import { seal } from '../../src/state/seal.js'
import { openScopeState, type ScopeState } from '../../src/state/scope-state.js'
import { runCli, type CliRun } from '../helpers/run-cli.js'
import { useSandbox } from '../integration/sandbox.js'

const sb = useSandbox()

const stateHome = () => join(sb.home, '.local', 'state', 'outfit')
const state = async (root = sb.project): Promise<ScopeState> =>
  (await openScopeState(realFs, stateHome(), root, { create: true })) as ScopeState

const cli = (...argv: string[]) =>
  runCli(
    [
      ...argv,
      ...(['install', 'plan'].includes(argv[0] ?? '') ? ['--kit', sb.kit] : []),
      '--home',
      sb.home,
      ...(argv.includes('--project') ? [] : ['--project', sb.project]),
    ],
    { cwd: sb.project, env: { HOME: sb.home } },
  )

/** The command a refusal names: the text in backticks after "run". */
function wayOut(run: CliRun): string {
  const m = /run `([^`]+)`/.exec(run.all)
  expect(m, `no command named in:\n${run.all}`).not.toBeNull()
  return m?.[1] ?? ''
}

/** Runs a named command as a person would: outfit's own (answering yes), or the shell's. */
async function follow(command: string): Promise<void> {
  if (command.startsWith('outfit ')) {
    const argv = (command.slice('outfit '.length).match(/'[^']*'|\S+/g) ?? []).map((a) =>
      a.replace(/^'|'$/g, ''),
    )
    const run = await cli(...argv, '--yes')
    expect(run.code, `${command}\n${run.all}`).toBe(0)
  } else execFileSync('sh', ['-c', command])
}

/** Runs `argv` until it is no longer refused, following each way out named; returns the ways out taken. */
async function getOut(argv: string[]): Promise<{ taken: string[]; last: CliRun; first: string }> {
  const taken: string[] = []
  let run = await cli(...argv)
  const first = run.all
  expect(run.code, run.all).toBe(4)
  while (run.code === 4 && taken.length < 4) {
    const command = wayOut(run)
    taken.push(command)
    await follow(command)
    run = await cli(...argv)
  }
  return { taken, last: run, first }
}

async function installed(scope = 'project'): Promise<string> {
  const run = await cli('install', 'claude-code', '--yes', '--scope', scope)
  expect(run.code, run.all).toBe(0)
  return manifestPath((await state(scope === 'global' ? sb.home : sb.project)).dir, 'claude-code', scope)
}

describe('a way out of every refusal of state (exit 4)', () => {
  it.each([
    ['truncated', (t: string) => t.slice(0, t.length / 2)],
    ['of another version', (t: string) => t.replace('"version":2', '"version":3')],
    // Flips the seal's first digit (a fixed digit would leave one seal in 16 unbroken).
    [
      'with a broken seal',
      (t: string) => t.replace(/"mac":"(.)/, (_m, c: string) => `"mac":"${c === '0' ? '1' : '0'}`),
    ],
    ['not an object', () => '[]'],
  ])(
    'a manifest %s: the named `outfit forget` drops it; install then runs and the files stay',
    async (_n, damage) => {
      const file = await installed()
      await writeFile(file, damage(await readFile(file, 'utf8')))
      const agents = await readdir(join(sb.project, '.claude', 'agents'))
      const { taken, last } = await getOut(['install', 'claude-code', '--yes'])
      expect(taken).toEqual([`outfit forget claude-code --scope project --project ${sb.project}`])
      expect(last.code, last.all).toBe(0)
      expect(await readdir(join(sb.project, '.claude', 'agents'))).toEqual(agents)
    },
  )

  it('a manifest that is a folder, and one naming a path outside its tool, are forgotten the same way', async () => {
    const file = await installed()
    await rm(file)
    await mkdir(file)
    expect((await getOut(['uninstall', 'claude-code', '--yes'])).last.code).toBe(0)
  })

  it('the lost state key (a new one made): every scope is refused until forgotten, global and project alike', async () => {
    await installed('global')
    await installed('project')
    await rm(join(stateHome(), 'key'))
    const global = await getOut(['uninstall', 'claude-code', '--yes', '--scope', 'global'])
    expect(global.taken).toEqual(['outfit forget claude-code --scope global'])
    expect(global.last.code).toBe(0)
    const uninstall = await getOut(['uninstall', 'claude-code', '--yes'])
    expect(uninstall.taken).toEqual([`outfit forget claude-code --scope project --project ${sb.project}`])
    // Forgotten: uninstall leaves the files, which now count as the user's.
    expect(uninstall.last.all).toMatch(/not installed|nothing/i)
    expect((await readdir(join(sb.project, '.claude', 'agents'))).length).toBeGreaterThan(0)
  })

  it.each([
    ['a folder', async (key: string) => (await rm(key), await mkdir(key))],
    ['not a key', (key: string) => writeFile(key, 'hello\n', { mode: 0o600 })],
    ['readable by others', (key: string) => chmod(key, 0o644)],
  ])('a state key that is %s: the named command, then forget where asked', async (_n, spoil) => {
    await installed()
    await spoil(join(stateHome(), 'key'))
    const { taken, last } = await getOut(['install', 'claude-code', '--yes'])
    expect(taken[0]).toMatch(/^(rm -r|chmod 600) /)
    expect(last.code, last.all).toBe(0)
  })

  it('a state home that is a symlink: the named mv', async () => {
    const elsewhere = join(sb.root, 'elsewhere')
    await mkdir(elsewhere, { mode: 0o700 })
    await rm(stateHome(), { recursive: true, force: true })
    await symlink(elsewhere, stateHome())
    const { taken, last } = await getOut(['install', 'claude-code', '--yes'])
    expect(taken).toEqual([`mv '${stateHome()}' '${stateHome()}.old'`])
    expect(last.code, last.all).toBe(0)
  })

  it('a state home others can enter (status refuses it): the named chmod', async () => {
    await installed()
    await chmod(stateHome(), 0o755)
    const { taken, last } = await getOut(['status', 'claude-code'])
    expect(taken).toEqual([`chmod 700 '${stateHome()}'`])
    expect(last.code).toBe(0)
  })

  it.skipIf(process.getuid?.() !== 0)('a state key or home of another user: the named mv', async () => {
    await installed()
    await chown(join(stateHome(), 'key'), 4242, 4242)
    const key = await getOut(['install', 'claude-code', '--yes'])
    expect(key.taken[0]).toBe(`mv '${join(stateHome(), 'key')}' '${join(stateHome(), 'key')}.not-mine'`)
    expect(key.last.code, key.last.all).toBe(0)
    await chown(stateHome(), 4242, 4242)
    const home = await getOut(['install', 'claude-code', '--yes'])
    expect(home.taken).toEqual([`mv '${stateHome()}' '${stateHome()}.not-mine'`])
    expect(home.last.code, home.last.all).toBe(0)
  })

  it('a manifest naming a path behind a symlink, or outside its tool (signed with the real key): forget', async () => {
    const file = await installed()
    const agents = join(sb.project, '.claude', 'agents')
    await rename(agents, join(sb.root, 'agents-elsewhere'))
    await symlink(join(sb.root, 'agents-elsewhere'), agents)
    const behind = await getOut(['uninstall', 'claude-code', '--yes'])
    expect(behind.taken).toEqual([`outfit forget claude-code --scope project --project ${sb.project}`])
    expect(behind.last.code).toBe(0)
    expect(await readdir(join(sb.root, 'agents-elsewhere'))).not.toEqual([])
    const s = await state()
    const body = {
      version: MANIFEST_VERSION,
      tool: 'claude-code',
      scope: 'project',
      kit: { name: 'k', version: '1' },
      installedAt: new Date().toISOString(),
      steps: [
        { step: 's', action: 'copy', inverse: 'remove', changes: [{ kind: 'dir', path: '../outside' }] },
      ],
    }
    const sealed = JSON.stringify(body)
    const mac = seal(s.key, ['manifest', String(MANIFEST_VERSION), s.id, 'claude-code', 'project', sealed])
    await mkdir(join(s.dir, 'manifests'), { recursive: true })
    await writeFile(file, `${sealed.slice(0, -1)},"mac":"${mac}"}\n`)
    const outside = await getOut(['uninstall', 'claude-code', '--yes'])
    expect(outside.first).toMatch(/outside the folders this tool installs into/)
    expect(outside.taken).toEqual([`outfit forget claude-code --scope project --project ${sb.project}`])
    expect(outside.last.code).toBe(0)
  })

  it('a crash journal without a valid seal: the named forget drops it; install then runs', async () => {
    const s = await state()
    const dir = join(s.dir, 'journal', '1-1-bbbbbb')
    await mkdir(dir, { recursive: true })
    await writeFile(
      join(dir, 'journal.jsonl'),
      `${JSON.stringify({ area: 'root', path: 'CLAUDE.md', before: { kind: 'absent' }, mac: 'f'.repeat(64) })}\n`,
    )
    for (const argv of [['recover'], ['install', 'claude-code', '--yes']]) {
      const { taken, last } = await getOut(argv)
      expect(taken).toEqual([`outfit forget --scope project --project ${sb.project}`])
      expect(last.code, last.all).toBe(0)
      await mkdir(dir, { recursive: true })
      await writeFile(join(dir, 'journal.jsonl'), `{"mac":"${'f'.repeat(64)}"}\n`)
    }
  })

  it.each([
    ['missing', (file: string) => rm(file)],
    ['corrupt', (file: string) => writeFile(file, 'not what was backed up\n')],
  ])('a backup the uninstall needs is %s: the named forget; the files stay', async (_n, spoil) => {
    const agent = join(sb.project, '.claude', 'agents', 'reviewer.md')
    await mkdir(join(sb.project, '.claude', 'agents'), { recursive: true })
    await writeFile(agent, 'my own reviewer\n')
    expect((await cli('install', 'claude-code', '--yes', '--force')).code).toBe(0)
    const backups = join((await state()).dir, 'backups')
    for (const name of await readdir(backups)) await spoil(join(backups, name))
    const { taken, last } = await getOut(['uninstall', 'claude-code', '--yes'])
    expect(taken).toEqual([`outfit forget claude-code --scope project --project ${sb.project}`])
    expect(last.code, last.all).toBe(0)
    expect(await stat(agent)).toBeTruthy()
  })
})

describe('outfit forget', () => {
  it('shows what it would forget and changes nothing without --yes (no terminal) or with --dry-run', async () => {
    const file = await installed()
    const dry = await cli('forget', '--dry-run')
    expect(dry.code).toBe(0)
    expect(dry.out).toContain(`the install of claude-code (${file})`)
    expect(dry.out).toMatch(/stay where they are and count as yours/)
    const noYes = await cli('forget')
    expect(noYes.code).toBe(2)
    expect(noYes.all).toMatch(/--yes/)
    expect(await readFile(file, 'utf8')).toMatch(/"mac"/)
  })

  it('forgets only the named tools of the named scope, keeps every backup, and says where they are', async () => {
    const agent = join(sb.project, '.claude', 'agents', 'reviewer.md')
    await mkdir(join(sb.project, '.claude', 'agents'), { recursive: true })
    await writeFile(agent, 'my own reviewer\n')
    expect((await cli('install', 'claude-code', 'cursor', '--yes', '--force')).code).toBe(0)
    const global = await installed('global')
    const s = await state()
    const backups = await readdir(join(s.dir, 'backups'))
    const run = await cli('forget', 'claude-code', '--yes')
    expect(run.code, run.all).toBe(0)
    expect(run.out).toMatch(/backups of 1 file outfit replaced stay in/)
    await expect(stat(manifestPath(s.dir, 'claude-code', 'project'))).rejects.toThrow()
    expect(await stat(manifestPath(s.dir, 'cursor', 'project'))).toBeTruthy()
    expect(await stat(global)).toBeTruthy()
    expect(await readdir(join(s.dir, 'backups'))).toEqual(backups)
    // The next install treats claude-code's files as the user's: the forced file is not overwritten silently.
    expect(await readFile(agent, 'utf8')).not.toBe('my own reviewer\n')
    const again = await cli('uninstall', 'claude-code', '--yes')
    expect(again.code).toBe(0)
    expect(await stat(agent)).toBeTruthy()
  })

  it('"I want outfit gone": forgetting both scopes leaves only the backups of replaced files', async () => {
    await installed('global')
    await installed('project')
    expect((await cli('forget', '--yes', '--scope', 'global')).code).toBe(0)
    expect((await cli('forget', '--yes')).code).toBe(0)
    const left = await readdir(join(stateHome(), 'scopes')).catch(() => [])
    expect(left).toEqual([])
    expect((await cli('status', '--json', '--scope', 'global')).out).not.toMatch(/"installed": *\{/)
  })

  it('waits for a running outfit: never drops records under another run', async () => {
    const file = await installed()
    const s = await state()
    await symlink(`outfit-lock:${process.pid}:now:token`, join(s.dir, 'lock'))
    const request = {
      fs: realFs,
      stateHome: stateHome(),
      scope: 'project',
      roots: [sb.project],
      lock: { waitMs: 0 },
    }
    const plans = await planForget(request)
    expect(plans.map((p) => p.installs.map((i) => i.tool))).toEqual([['claude-code']])
    await expect(forget(request, plans)).rejects.toThrow(/another outfit/)
    expect(await stat(file)).toBeTruthy()
  })

  it('refuses a tool or scope name that is not one (no path reaches the state folder)', async () => {
    expect((await cli('forget', '../../key', '--yes')).code).toBe(2)
  })
})

describe('a legacy <project>/.outfit/ folder', () => {
  it('is reported once per run with what to do, never read or deleted', async () => {
    await mkdir(join(sb.project, '.outfit', 'manifests'), { recursive: true })
    await writeFile(join(sb.project, '.outfit', 'manifests', 'x.json'), '{}')
    const run = await cli('install', 'claude-code', 'cursor', '--yes')
    expect(run.code).toBe(0)
    const lines = run.all.split('\n').filter((l) => l.includes('.outfit is state of an older outfit'))
    expect(lines).toEqual([
      `! ${join(sb.project, '.outfit')} is state of an older outfit, which this one neither reads nor deletes: the installs it recorded count as yours (uninstall leaves their files). Look at it, then remove it: rm -r '${join(sb.project, '.outfit')}'`,
    ])
    expect(await readFile(join(sb.project, '.outfit', 'manifests', 'x.json'), 'utf8')).toBe('{}')
  })
})

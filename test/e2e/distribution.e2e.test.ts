// outfit run by the engines teams already use, each the way that engine runs it: the GitHub Action's entry script
// with the runner's INPUT_* variables and output files, the dev container Feature's install.sh with the variables the
// Feature tooling sets (and its post-create script in the workspace), and the pre-commit hooks' entries.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process'
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { outfitArgs, packageSpec, planChanges } from '../../action/run.mjs'
import { builtCli } from '../helpers/built-cli.js'
import { repoRoot } from '../integration/sandbox.js'

let dir = ''
let home = ''
let project = ''
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'outfit-dist-'))
  home = join(dir, 'home')
  project = join(dir, 'project')
  await mkdir(home)
  await mkdir(join(project, '.git'), { recursive: true })
  await cp(join(repoRoot, 'examples/starter-kit'), join(project, 'kit'), { recursive: true })
  await writeFile(join(project, 'outfit.config.yaml'), 'kit: kit\ntools: [claude-code, codex]\n')
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** Reads a GITHUB_OUTPUT file written with `name<<delimiter` blocks. */
function outputs(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const re = /^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm
  for (const m of text.matchAll(re)) out[m[1] ?? ''] = m[3] ?? ''
  return out
}

describe('the GitHub Action (action/run.mjs as the runner runs it)', () => {
  async function action(inputs: Record<string, string>) {
    const files = { GITHUB_OUTPUT: join(dir, 'output'), GITHUB_STEP_SUMMARY: join(dir, 'summary') }
    await writeFile(files.GITHUB_OUTPUT, '')
    await writeFile(files.GITHUB_STEP_SUMMARY, '')
    const env: Record<string, string> = {
      ...process.env,
      HOME: home,
      ...files,
      OUTFIT_BIN: builtCli,
    } as never
    for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v
    const run = spawnSync(process.execPath, [join(repoRoot, 'action/run.mjs')], {
      cwd: project,
      env,
      encoding: 'utf8',
    })
    return {
      code: run.status,
      log: `${run.stdout}${run.stderr}`,
      outputs: outputs(await readFile(files.GITHUB_OUTPUT, 'utf8')),
      summary: await readFile(files.GITHUB_STEP_SUMMARY, 'utf8'),
    }
  }

  it('check fails the job on drift with the plan in the summary; install installs; check then passes', async () => {
    const drifted = await action({ mode: 'check' })
    expect(drifted.code, drifted.log).toBe(1)
    expect(drifted.outputs.drift).toBe('true')
    expect(JSON.parse(drifted.outputs.result ?? '')).toMatchObject({ command: 'plan' })
    expect(drifted.summary).toContain('## outfit: the kit is not installed as locked')
    expect(drifted.summary).toContain('+ .claude/agents/reviewer.md')

    const installed = await action({ mode: 'install', tools: 'claude-code, codex' })
    expect(installed.code, installed.log).toBe(0)
    expect(JSON.parse(installed.outputs.result ?? '')).toMatchObject({ command: 'install' })
    expect(await readdir(join(project, '.claude/agents'))).toEqual(['reviewer.md'])

    const clean = await action({ mode: 'check' })
    expect(clean.code, clean.log).toBe(0)
    expect(clean.outputs.drift).toBe('false')
    expect(clean.summary).toContain('## outfit: the kit is installed as locked')
  })

  it('a failure that is not drift fails the job as such, with the error in the summary', async () => {
    const failed = await action({ mode: 'check', kit: 'no-such-kit' })
    expect(failed.code).toBe(1)
    expect(failed.outputs.drift).toBe('false')
    expect(failed.summary).toContain('## outfit failed')
    expect(failed.summary).toContain('no-such-kit')
  })

  it('maps its inputs to one outfit command line, and the version input to one npm spec', () => {
    expect(outfitArgs({ mode: 'check', tools: 'all', scope: 'global' })).toEqual([
      'plan',
      '--check',
      '--frozen',
      '--all',
      '--scope',
      'global',
      '--json',
    ])
    expect(outfitArgs({ mode: 'install', tools: 'codex,cursor', kit: 'npm:@acme/kit@1.2.0' }, false)).toEqual(
      [
        'install',
        '--frozen',
        '--yes',
        'codex',
        'cursor',
        '--kit',
        'npm:@acme/kit@1.2.0',
        '--scope',
        'project',
      ],
    )
    expect(() => outfitArgs({ mode: 'apply' })).toThrow("input 'mode' must be check or install")
    expect(packageSpec('')).toBe('outfit-cli@latest')
    expect(packageSpec('^0.2')).toBe('outfit-cli@^0.2')
    expect(packageSpec('0.3.1')).toBe('outfit-cli@0.3.1')
    expect(packageSpec('./outfit-cli-0.3.1.tgz')).toBe('./outfit-cli-0.3.1.tgz')
    expect(packageSpec('github:me/outfit#fix')).toBe('github:me/outfit#fix')
    expect(planChanges('{"command":"plan","tools":[{"changes":[{}]}]}')).toBe(true)
    expect(planChanges('{"command":"plan","error":{"code":"KIT_NOT_FOUND"}}')).toBe(false)
  })
})

describe('the dev container Feature (features/src/outfit/install.sh as the Feature tooling runs it)', () => {
  function feature(options: Record<string, string>): SpawnSyncReturns<string> {
    return spawnSync('bash', [join(repoRoot, 'features/src/outfit/install.sh')], {
      cwd: dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        // As the tooling sets them: the options upper-cased, and the container's user.
        ...Object.fromEntries(Object.entries(options).map(([k, v]) => [k.toUpperCase(), v])),
        _REMOTE_USER: process.env.USER ?? 'root',
        _REMOTE_USER_HOME: home,
        // A clean global prefix and share folder instead of the image's /usr/local. Under `npm run`, npm exports its own
        // prefix in lower case (npm_config_prefix=/usr), which wins over the upper-case name: both are set, or the
        // test would install into this machine's real global prefix.
        NPM_CONFIG_PREFIX: join(dir, 'prefix'),
        npm_config_prefix: join(dir, 'prefix'),
        npm_config_global_prefix: join(dir, 'prefix'),
        OUTFIT_FEATURE_DIR: join(dir, 'share'),
        // This checkout stands for the published package (npm links a folder), so the test needs no registry.
        VERSION: repoRoot,
      },
    })
  }

  it('scope global installs the pinned kit into the user home at build time', async () => {
    const run = feature({ scope: 'global', kit: join(project, 'kit'), tools: 'claude-code codex' })
    expect(run.status, `${run.stdout}${run.stderr}`).toBe(0)
    expect(await readdir(join(home, '.claude/agents'))).toEqual(['reviewer.md'])
    expect(await readdir(join(home, '.codex/agents'))).toEqual(['reviewer.toml'])
    expect(run.stdout).toContain('installed (scope global)')
  }, 120_000)

  it('scope project writes the post-create script, which installs the workspace kit as locked', async () => {
    const run = feature({ tools: 'claude-code' })
    expect(run.status, `${run.stdout}${run.stderr}`).toBe(0)
    const postCreate = join(dir, 'share/post-create.sh')
    const created = spawnSync('bash', [postCreate], {
      cwd: project,
      encoding: 'utf8',
      env: { ...process.env, HOME: home },
    })
    expect(created.status, `${created.stdout}${created.stderr}`).toBe(0)
    expect(await readdir(join(project, '.claude/agents'))).toEqual(['reviewer.md'])
    // A workspace without outfit's files is left alone.
    const elsewhere = spawnSync('bash', [postCreate], { cwd: home, encoding: 'utf8' })
    expect(elsewhere.status).toBe(0)
    expect(elsewhere.stderr).toContain('nothing to install')
  }, 120_000)

  it('refuses unusable options with a message, before changing anything', () => {
    const run = feature({ scope: 'global', tools: 'codex' })
    expect(run.status).toBe(1)
    expect(run.stderr).toContain("scope global needs the 'kit' option")
    expect(run.stdout).toBe('')
  })
})

describe('the pre-commit hooks (.pre-commit-hooks.yaml entries, as pre-commit runs them)', () => {
  it('fail while an install would change files, and pass once the kit is installed', async () => {
    const hooks = parse(await readFile(join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8')) as {
      id: string
      entry: string
      pass_filenames: boolean
    }[]
    expect(hooks.map((h) => h.id)).toEqual(['outfit-check', 'outfit-check-system'])
    const hook = (entry: string) => {
      const [command, ...args] = entry.split(' ')
      expect(command).toBe('outfit')
      return spawnSync(process.execPath, [builtCli, ...args], {
        cwd: project,
        encoding: 'utf8',
        env: { ...process.env, HOME: home },
      })
    }
    for (const h of hooks) {
      expect(h.pass_filenames).toBe(false)
      expect(hook(h.entry).status).toBe(1)
    }
    const install = spawnSync(process.execPath, [builtCli, 'install', '--yes'], {
      cwd: project,
      encoding: 'utf8',
      env: { ...process.env, HOME: home },
    })
    expect(install.status, install.stderr).toBe(0)
    for (const h of hooks) expect(hook(h.entry).status).toBe(0)
  })
})

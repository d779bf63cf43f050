// Bad input, as a person meets it on the command line: a clear error naming the file (and position), the documented
// exit code, no stack trace, and nothing changed. Real temp dirs; FIFOs, devices and loops are real too.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, readdir, symlink } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { realFs, type Fs } from '../../src/fs/fs.js'
import { runCli } from '../helpers/run-cli.js'
import { useSandbox } from '../integration/sandbox.js'

const sb = useSandbox()

const cli = (...argv: string[]) => runCli(argv, { cwd: sb.project, env: { HOME: sb.home } })
const install = (...extra: string[]) =>
  cli('install', 'claude-code', '--yes', '--scope', 'global', '--kit', sb.kit, ...extra)

/** Exit code, no stack trace, and the home left exactly as it was. */
async function refused(run: Promise<Awaited<ReturnType<typeof cli>>>, code = 1) {
  const before = await sb.tree()
  const result = await run
  expect(result.code, result.all).toBe(code)
  expect(result.all).not.toMatch(/\n\s+at |internal error/)
  expect(await sb.tree()).toEqual(before)
  return result
}

describe('a kit file that install could not read', () => {
  it('broken frontmatter: validate --kit fails at the line in the file, and install refuses before changing anything', async () => {
    await sb.write('kit/agents/reviewer.md', '---\nname: reviewer\ndescription: [unclosed\n---\nbody\n')
    const validated = await cli('validate', '--kit', sb.kit)
    expect(validated.code).toBe(1)
    expect(validated.out).toContain(
      `${sb.kit}/agents/reviewer.md:3:23  frontmatter is not valid YAML: Flow sequence`,
    )
    const installed = await refused(install())
    expect(installed.err).toContain('agents/reviewer.md:3:23  frontmatter is not valid YAML')
    expect(installed.err.split('\n').filter((l) => l.includes('Flow sequence'))).toHaveLength(1)
  })

  it('a rule over 10 MiB is refused even where it would be inlined into a shared file (CLAUDE.md)', async () => {
    await sb.write('kit/rules/huge.md', `---\ndescription: big\n---\n${'x'.repeat(11 * 1024 * 1024)}\n`)
    const result = await refused(install())
    expect(result.err).toContain('rules/huge.md:1:1  is over 10 MiB; kit files over 10 MiB are refused')
  })

  it('a FIFO as kit.yaml or mcp.yaml is refused at once instead of blocking forever', async () => {
    execFileSync('rm', [join(sb.kit, 'mcp.yaml')])
    execFileSync('mkfifo', [join(sb.kit, 'mcp.yaml')])
    const result = await refused(install())
    expect(result.err).toContain(
      'mcp.yaml:1:1  is a named pipe (FIFO), not a regular file; only regular files are read',
    )
  })

  it('hooks.yaml linked to /dev/urandom is refused (a device reports size 0 and never ends)', async () => {
    execFileSync('rm', [join(sb.kit, 'hooks.yaml')])
    await symlink('/dev/urandom', join(sb.kit, 'hooks.yaml'))
    const result = await refused(install())
    expect(result.err).toContain('hooks.yaml:1:1  is a device, not a regular file')
  })

  it.each([['kit.yaml'], ['mcp.yaml']])('%s as a symlink loop is a clear error naming it', async (name) => {
    execFileSync('rm', [join(sb.kit, name)])
    await symlink(join(sb.kit, name), join(sb.kit, name))
    const result = await refused(install())
    expect(result.err).toContain(`${name}:1:1  is a symlink loop`)
  })

  it('--kit as a symlink loop is a clear error naming it', async () => {
    await symlink(join(sb.root, 'loop'), join(sb.root, 'loop'))
    const result = await refused(cli('install', 'claude-code', '--yes', '--kit', join(sb.root, 'loop')))
    expect(result.err).toContain('loop:1:1  is a symlink loop')
  })

  it('a YAML alias bomb is refused as a diagnostic', async () => {
    let bomb = 'servers: {}\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n'
    for (let i = 1; i < 9; i++)
      bomb += `a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(', ')}]\n`
    await sb.write('kit/mcp.yaml', bomb)
    const result = await refused(install())
    expect(result.err).toContain('mcp.yaml:1:1  YAML aliases expand too far (Excessive alias count')
  })

  it('links and pipes inside the kit are skipped with a warning', async () => {
    await symlink(join(sb.kit, 'agents/reviewer.md'), join(sb.kit, 'agents/alias.md'))
    execFileSync('mkfifo', [join(sb.kit, 'commands/pipe.md')])
    const result = await install()
    expect(result.code, result.all).toBe(0)
    expect(result.err).toContain('agents/alias.md:1:1  warning skipped: a symbolic link')
    expect(result.err).toContain('commands/pipe.md:1:1  warning skipped: a named pipe (FIFO)')
    expect(existsSync(join(sb.home, '.claude/agents/alias.md'))).toBe(false)
  })
})

describe('a missing kit', () => {
  it('says where it looked and what to do, with its own code', async () => {
    const result = await refused(cli('install', 'claude-code', '--yes'))
    expect(result.err).toBe(
      "error: no kit here: kit.yaml not found\n  → pass --kit <folder>, set 'kit:' in outfit.config.yaml, or create one with 'outfit init kit'",
    )
    const json = await cli('install', 'claude-code', '--yes', '--json')
    expect(JSON.parse(json.out).error.code).toBe('KIT_NOT_FOUND')
    expect((await cli('plan', 'cursor', '--kit', 'nope')).err).toContain('error: kit folder not found: nope')
  })
})

describe('folders on the command line and in the config', () => {
  it('expands ~ in --home=~/x instead of creating a folder named ~', async () => {
    await mkdir(join(sb.home, 'sandbox'))
    const result = await cli(
      'install',
      'claude-code',
      '--yes',
      '--scope',
      'global',
      '--kit',
      sb.kit,
      '--home=~/sandbox',
    )
    expect(result.code, result.all).toBe(0)
    expect(existsSync(join(sb.home, 'sandbox/.claude/agents/reviewer.md'))).toBe(true)
    expect(await readdir(sb.project)).toEqual([])
  })

  it.each([['--home'], ['--project']])(
    'refuses a %s folder that does not exist (a typo), creating nothing',
    async (flag) => {
      const result = await refused(
        cli('install', 'claude-code', '--yes', '--kit', sb.kit, flag, join(sb.root, 'hmoe')),
        2,
      )
      expect(result.err).toContain(`error: ${flag} folder not found: ${join(sb.root, 'hmoe')}`)
      expect(existsSync(join(sb.root, 'hmoe'))).toBe(false)
    },
  )

  it('refuses a --targets folder that does not exist, in validate too', async () => {
    const result = await cli('validate', '--targets', '/nonexistent')
    expect(result.code).toBe(1)
    expect(result.out).toContain('/nonexistent:1:1  targets folder not found')
    expect((await cli('list', '--targets', '/nonexistent')).code).toBe(1)
  })

  it('points at the config line whose targets folder does not exist', async () => {
    await sb.write('project/outfit.config.yaml', 'scope: global\ntargets:\n  - ai/targets\n')
    const validated = await cli('validate')
    expect(validated.code).toBe(1)
    expect(validated.out).toContain(
      `outfit.config.yaml:3:5  /targets/0: targets folder not found: ${join(sb.project, 'ai/targets')}`,
    )
    expect((await cli('list')).err).toContain('outfit.config.yaml:3:5  /targets/0: targets folder not found')
  })

  it('a home that cannot be written is a clear error naming the folder (FILE_ACCESS, exit 1)', async () => {
    // Tests may run as root, who writes anywhere: the refusal comes from the file system given to the CLI.
    const denied = (path: string) =>
      Object.assign(new Error(`EACCES: permission denied, mkdir '${path}'`), {
        code: 'EACCES',
        errno: -13,
        syscall: 'mkdir',
        path,
      })
    const fs: Fs = {
      ...realFs,
      mkdir: (async (path: string) => {
        throw denied(path)
      }) as Fs['mkdir'],
    }
    const argv = ['install', 'claude-code', '--yes', '--scope', 'global', '--kit', sb.kit]
    const result = await refused(runCli(argv, { cwd: sb.project, env: { HOME: sb.home }, fs }))
    const state = join(sb.home, '.local/state/outfit')
    expect(result.err).toBe(
      `error: cannot write ${state}: permission denied\n  → check who owns it and its permissions (ls -ld ${state}), or choose another folder with --home / --project`,
    )
    const json = await runCli([...argv, '--json'], { cwd: sb.project, env: { HOME: sb.home }, fs })
    expect(JSON.parse(json.out).error.code).toBe('FILE_ACCESS')
  })
})

describe('validate recognises what each file is', () => {
  it.each([
    ['kit.yaml', 'name: demo\nversion: 1.0.0\n', ''],
    ['kit.yaml', 'name: Demo\nversion: 1.0.0\n', 'kit.yaml:1:7  /name: must match'],
    ['mcp.yaml', 'servers:\n  x:\n    command: npx\n', ''],
    [
      'mcp.yaml',
      'servers:\n  x:\n    command: npx\n    url: https://x.example\n',
      "mcp.yaml:3:5  /servers/x: server 'x' is more than one kind",
    ],
    ['hooks.yaml', 'hooks:\n  - event: preToolUse\n    command: x\n', ''],
    ['outfit.config.yaml', 'scope: global\ntools: [cursor]\n', ''],
    [
      'custom-kit.yml',
      '# yaml-language-server: $schema=../schemas/kit.schema.json\nname: demo\nversion: 1.0.0\n',
      '',
    ],
    ['servers.yaml', 'servers:\n  x:\n    url: https://x.example\n', ''],
  ])('%s (%j) is checked against its own schema', async (name, text, problem) => {
    await sb.write(`project/${name}`, text)
    const result = await cli('validate', name)
    if (problem === '') expect(result.out, result.out).toBe('✓ 1 file valid')
    else {
      expect(result.code).toBe(1)
      expect(result.out).toContain(problem)
    }
  })

  it('a kit folder is checked as a whole kit', async () => {
    await sb.write('kit/agents/reviewer.md', '---\ndescription: [x\n---\n')
    const result = await cli('validate', sb.kit)
    expect(result.code).toBe(1)
    expect(result.out).toContain('agents/reviewer.md:2:16  frontmatter is not valid YAML')
  })
})

describe('--kit naming the file instead of its folder', () => {
  it('says --kit takes the folder', async () => {
    const result = await refused(cli('install', 'cursor', '--yes', '--kit', join(sb.kit, 'kit.yaml')))
    expect(result.err).toContain(
      'kit.yaml:1:1  is not a directory; --kit takes the folder that holds kit.yaml',
    )
  })
})

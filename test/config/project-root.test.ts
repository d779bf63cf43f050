// The project folder when none is named: the config's folder, else the git root, else the current folder; and a
// warning when that is the home.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { findProjectRoot } from '../../src/config/project-root.js'
import { createTestFs } from '../helpers/test-fs.js'
import { runCli } from '../helpers/run-cli.js'

describe('findProjectRoot', () => {
  const { fs } = createTestFs({
    '/home/me/.git/HEAD': 'dotfiles',
    '/home/me/src/app/.git/HEAD': 'x',
    '/home/me/src/app/packages/web/index.ts': '',
    '/home/me/src/scratch/notes.md': '',
    '/home/me/src/worktree/.git': 'gitdir: /elsewhere',
    '/home/me/src/worktree/lib/a.ts': '',
  })
  it.each([
    ['/home/me/src/app/packages/web', '/home/me/src/app'],
    ['/home/me/src/app', '/home/me/src/app'],
    ['/home/me/src/worktree/lib', '/home/me/src/worktree'],
    // A dotfiles repository in the home is not the root of every folder below it.
    ['/home/me/src/scratch', '/home/me/src/scratch'],
    ['/home/me', '/home/me'],
  ])('from %s it is %s', async (cwd, root) => {
    expect(await findProjectRoot(fs, cwd, '/home/me')).toBe(root)
  })
})

describe('the CLI', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'outfit-root-'))
  })
  afterEach(() => rm(dir, { recursive: true, force: true }))

  it('installs at the repository root when run from a subfolder', async () => {
    const home = join(dir, 'home')
    const repo = join(dir, 'repo')
    await mkdir(join(repo, '.git'), { recursive: true })
    await mkdir(join(repo, 'src'), { recursive: true })
    await mkdir(join(home, '.local/state'), { recursive: true })
    const run = await runCli(
      ['install', 'cursor', '--kit', join(process.cwd(), 'examples/starter-kit'), '--home', home, '--yes'],
      { cwd: join(repo, 'src') },
    )
    expect(run.code, run.all).toBe(0)
    const { existsSync } = await import('node:fs')
    expect(existsSync(join(repo, '.cursor'))).toBe(true)
    expect(existsSync(join(repo, 'src', '.cursor'))).toBe(false)
  })

  it('warns when the project folder is the home', async () => {
    const home = join(dir, 'home')
    await mkdir(join(home, '.local/state'), { recursive: true })
    await writeFile(join(home, 'x'), '')
    const run = await runCli(['status', '--home', home], { cwd: home })
    expect(run.err).toContain('! the project folder is your home')
    expect(run.err).toContain('--scope global')
  })
})

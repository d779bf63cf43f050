// gitignore from the manifests (config `gitignore: block | exclude`): after install, git shows none of the files outfit
// created and still shows the user's own; uninstall leaves the repository as it was; the user's lines are untouched.
import { execFileSync } from 'node:child_process'
import { readFile, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { ignorePattern } from '../../src/run/git-ignore.js'
import { runCli } from '../helpers/run-cli.js'
import { useSandbox } from '../integration/sandbox.js'

const sb = useSandbox()
const git = (...args: string[]) =>
  execFileSync('git', ['-c', 'core.excludesFile=/dev/null', ...args], { cwd: sb.project, encoding: 'utf8' })
/** What `git status` shows, untracked files one by one. */
const status = () => git('status', '--porcelain', '--untracked-files=all').split('\n').filter(Boolean).sort()
const tools = ['claude-code', 'codex']

beforeEach(async () => {
  git('init', '-q')
  await sb.write('project/.gitignore', '# mine\nnode_modules/\n')
  await sb.write('project/notes.md', 'my notes\n')
  await sb.write('project/.mcp.json', '{ "mcpServers": {} }\n')
})

describe('gitignore: block', () => {
  it('hides exactly the files outfit created, keeps the user ones in view, and goes away on uninstall', async () => {
    const before = await sb.tree()
    const report = await sb.install(tools, { scope: 'project', gitignore: 'block' })
    expect(report.results.map((r) => r.status)).toEqual(['installed', 'installed'])
    expect(report.notes?.[0]).toMatch(/^\d+ files outfit installed listed in \.gitignore$/)
    // The user's .mcp.json existed before outfit: its changes stay visible; everything outfit made is hidden.
    expect(status()).toEqual(['?? .gitignore', '?? .mcp.json', '?? notes.md'])
    const text = await sb.read('project/.gitignore')
    expect(text.startsWith('# mine\nnode_modules/\n\n# >>> outfit:gitignore ')).toBe(true)
    expect(text).toContain('\n/.claude/agents/reviewer.md\n')
    expect(text).toContain('\n/AGENTS.md\n')
    expect(text).not.toContain('.mcp.json')

    // Uninstalling one tool shrinks the list; the other's files stay hidden.
    await sb.uninstall(['codex'], { scope: 'project', gitignore: 'block' })
    expect(await sb.read('project/.gitignore')).not.toContain('/AGENTS.md')
    expect(await sb.read('project/.gitignore')).toContain('/.claude/agents/reviewer.md')
    await sb.uninstall(['claude-code'], { scope: 'project', gitignore: 'block' })
    expect(await sb.tree()).toEqual(before)
  })

  it('creates .gitignore when there is none, and removes it again when nothing is left', async () => {
    const { rm } = await import('node:fs/promises')
    await rm(join(sb.project, '.gitignore'))
    const before = await sb.tree()
    await sb.install(['claude-code'], { scope: 'project', gitignore: 'block' })
    expect(status()).toEqual(['?? .gitignore', '?? .mcp.json', '?? notes.md'])
    await sb.uninstall(['claude-code'], { scope: 'project', gitignore: 'block' })
    expect(await sb.tree()).toEqual(before)
  })

  it('keeps a .gitignore outfit created once the user has written in it', async () => {
    const { rm } = await import('node:fs/promises')
    await rm(join(sb.project, '.gitignore'))
    await sb.install(['claude-code'], { scope: 'project', gitignore: 'block' })
    await writeFile(join(sb.project, '.gitignore'), `dist/\n${await sb.read('project/.gitignore')}`)
    await sb.uninstall(['claude-code'], { scope: 'project', gitignore: 'block' })
    expect(await sb.read('project/.gitignore')).toBe('dist/\n')
  })

  it('refuses a .gitignore that is a symbolic link before changing anything', async () => {
    const { rm } = await import('node:fs/promises')
    await rm(join(sb.project, '.gitignore'))
    await writeFile(join(sb.root, 'elsewhere'), 'x\n')
    await symlink(join(sb.root, 'elsewhere'), join(sb.project, '.gitignore'))
    const before = await sb.tree()
    await expect(sb.install(tools, { scope: 'project', gitignore: 'block' })).rejects.toThrow(
      /\.gitignore is a symbolic link; outfit keeps its ignore block only in a regular file/,
    )
    expect(await sb.tree()).toEqual(before)
    expect(await readFile(join(sb.root, 'elsewhere'), 'utf8')).toBe('x\n')
  })
})

describe('gitignore: exclude', () => {
  it('lists the files in .git/info/exclude, commits nothing, and moves the block when the mode changes', async () => {
    await sb.install(tools, { scope: 'project', gitignore: 'exclude' })
    expect(status()).toEqual(['?? .gitignore', '?? .mcp.json', '?? notes.md'])
    expect(await sb.read('project/.gitignore')).toBe('# mine\nnode_modules/\n')
    expect(await readFile(join(sb.project, '.git/info/exclude'), 'utf8')).toContain('/AGENTS.md')
    // Switching to none takes the block out again (on the next run that changes anything).
    await sb.write('kit/rules/extra.md', '---\nalwaysApply: true\n---\nOne more rule.\n')
    await sb.install(tools, { scope: 'project', gitignore: 'none' })
    expect(await readFile(join(sb.project, '.git/info/exclude'), 'utf8')).not.toContain('outfit')
    expect(status()).toContain('?? AGENTS.md')
  })
})

describe('gitignore: none', () => {
  it('leaves git alone: every file outfit wrote shows up', async () => {
    await sb.install(['claude-code'], { scope: 'project' })
    expect(status()).toContain('?? .claude/agents/reviewer.md')
    expect(await sb.read('project/.gitignore')).toBe('# mine\nnode_modules/\n')
  })
})

it('escapes what gitignore would read as a pattern, and anchors each path', () => {
  expect(ignorePattern('.claude/agents/a.md')).toBe('/.claude/agents/a.md')
  expect(ignorePattern('#odd/[x]*?.md')).toBe('/#odd/\\[x\\]\\*\\?.md')
  expect(ignorePattern('!bang.md')).toBe('/!bang.md')
  expect(ignorePattern('trailing  ')).toBe('/trailing\\ \\ ')
})

describe('gitignore unset: the question on the first install', () => {
  const asking = (answer: 'none' | 'block' | 'exclude' | null) => {
    const asked: number[] = []
    return { asked, ask: async () => (asked.push(1), answer) }
  }

  it('asks once, on the first install into a git project, and remembers the answer for later runs', async () => {
    const q = asking('exclude')
    await sb.install(['claude-code'], { scope: 'project', askGitignore: q.ask })
    expect(q.asked).toHaveLength(1)
    expect(await readFile(join(sb.project, '.git/info/exclude'), 'utf8')).toContain(
      '/.claude/agents/reviewer.md',
    )
    expect(status()).toEqual(['?? .gitignore', '?? .mcp.json', '?? notes.md'])
    // The second tool and the uninstall follow the remembered answer without asking again.
    await sb.install(['codex'], { scope: 'project', askGitignore: q.ask })
    expect(q.asked).toHaveLength(1)
    expect(await readFile(join(sb.project, '.git/info/exclude'), 'utf8')).toContain('/AGENTS.md')
    await sb.uninstall(['codex'], { scope: 'project' })
    expect(await readFile(join(sb.project, '.git/info/exclude'), 'utf8')).not.toContain('/AGENTS.md')
    expect(await readFile(join(sb.project, '.git/info/exclude'), 'utf8')).toContain(
      '/.claude/agents/reviewer.md',
    )
  })

  it('does not ask where the config decides or after an earlier install; no means no block', async () => {
    const q = asking('block')
    await sb.install(['claude-code'], { scope: 'project', gitignore: 'none', askGitignore: q.ask })
    expect(q.asked).toHaveLength(0)
    // An install from before the question existed: a re-install does not spring it on the person.
    await sb.install(['codex'], { scope: 'project', askGitignore: q.ask })
    expect(q.asked).toHaveLength(0)
    expect(await sb.read('project/.gitignore')).toBe('# mine\nnode_modules/\n')

    const no = asking('none')
    await sb.uninstall(['claude-code', 'codex'], { scope: 'project' })
    await sb.install(['claude-code'], { scope: 'project', askGitignore: no.ask })
    expect(no.asked).toHaveLength(1)
    expect(await sb.read('project/.gitignore')).toBe('# mine\nnode_modules/\n')
  })

  it('a cancelled question changes nothing', async () => {
    const before = await sb.tree()
    await expect(
      sb.install(['claude-code'], { scope: 'project', askGitignore: asking(null).ask }),
    ).rejects.toThrow(/gitignore question; nothing was changed/)
    expect(await sb.tree()).toEqual(before)
  })
})

describe('the question in the CLI', () => {
  const cli = (env: Record<string, string>, asked: string[]) =>
    runCli(['install', 'claude-code', '--kit', sb.kit, '--home', sb.home, '--scope', 'project'], {
      cwd: sb.project,
      env,
      isTTY: true,
      prompter: {
        selectTools: async () => [],
        confirm: async () => true,
        selectOne: async <T extends string>(message: string, _o: unknown, initial: T) => (
          asked.push(message),
          initial
        ),
      },
    })

  it('is asked in a terminal (Enter: exclude, for me) and never in CI', async () => {
    const inCi: string[] = []
    expect((await cli({ CI: 'true' }, inCi)).code).toBe(0)
    expect(inCi).toEqual([])
    const off = ['uninstall', 'claude-code', '--home', sb.home, '--scope', 'project']
    expect((await runCli(off, { cwd: sb.project, env: { CI: 'true' } })).code).toBe(0)
    const asked: string[] = []
    expect((await cli({}, asked)).code).toBe(0)
    expect(asked).toEqual([expect.stringContaining('Keep the files outfit installs out of git?')])
    expect(await readFile(join(sb.project, '.git/info/exclude'), 'utf8')).toContain('/CLAUDE.md')
  })
})

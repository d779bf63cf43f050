// What the user changed in outfit's output is theirs: an edited file or an edited managed block is refused without
// --force, backed up with it, and put back (or kept) on uninstall. Never silently lost.
import { describe, expect, it } from 'vitest'
import { useSandbox } from './sandbox.js'

const sb = useSandbox()

const agent = 'home/.claude/agents/reviewer.md'
const memory = 'home/.claude/CLAUDE.md'

describe('an installed file the user edited', () => {
  it('kept by uninstall is removed by the --force the hint names', async () => {
    await sb.install(['claude-code'])
    await sb.write(agent, 'mine now\n')
    const first = await sb.uninstall(['claude-code'])
    expect(first.results[0]?.kept.map((k) => k.path)).toEqual([expect.stringContaining('reviewer.md')])
    expect(await sb.read(agent)).toBe('mine now\n')
    const forced = await sb.uninstall(['claude-code'], { force: true })
    expect(forced.results[0]?.status).toBe('uninstalled')
    await expect(sb.read(agent)).rejects.toThrow(/ENOENT/)
  })

  it('is refused without --force, and with it backed up and put back on uninstall', async () => {
    await sb.install(['claude-code'])
    const edited = `${await sb.read(agent)}\nMy own extra instruction.\n`
    await sb.write(agent, edited)
    const refused = await sb.install(['claude-code'])
    expect(refused.results[0]?.failure?.error.message).toMatch(
      /reviewer\.md was changed since outfit installed it/,
    )
    expect(await sb.read(agent)).toBe(edited)
    const forced = await sb.install(['claude-code'], { force: true })
    expect(forced.results[0]?.status).toBe('installed')
    expect(forced.results[0]?.log.map((l) => l.text).join('\n')).toMatch(
      /replaced your version of .*reviewer\.md; it is backed up/,
    )
    expect(await sb.read(agent)).not.toBe(edited)
    await sb.uninstall(['claude-code'])
    expect(await sb.read(agent)).toBe(edited)
  })
})

describe('a managed block the user edited', () => {
  async function installAndEdit(): Promise<string> {
    await sb.write(memory, '# Mine\n')
    await sb.install(['claude-code'])
    const text = await sb.read(memory)
    const edited = text.replace(
      'Comments explain why, not what.',
      'Comments explain why, not what. (And I mean it.)',
    )
    expect(edited).not.toBe(text)
    await sb.write(memory, edited)
    return edited
  }

  it('is refused by install without --force, changing nothing', async () => {
    const edited = await installAndEdit()
    const report = await sb.install(['claude-code'])
    expect(report.results[0]?.status).toBe('failed')
    expect(report.results[0]?.failure?.error.message).toMatch(
      /CLAUDE\.md: the outfit block 'starter-kit' was edited since outfit wrote it/,
    )
    expect(await sb.read(memory)).toBe(edited)
  })

  it('is kept and reported by uninstall without --force, and removed with it', async () => {
    const edited = await installAndEdit()
    const report = await sb.uninstall(['claude-code'])
    expect(report.results[0]?.kept).toEqual([
      expect.objectContaining({ reason: 'edited since outfit wrote it' }),
    ])
    expect(report.results[0]?.log.map((l) => l.text).join('\n')).toContain(
      '`outfit uninstall claude-code --scope global --force` removes it',
    )
    expect(await sb.read(memory)).toBe(edited)
    // The hint works when followed: the kept block is still on record, and --force removes it.
    const forced = await sb.uninstall(['claude-code'], { force: true })
    expect(forced.results[0]?.status).toBe('uninstalled')
    expect(await sb.read(memory)).toBe('# Mine\n')
  })

  it("with install --force, is replaced and put back (as the user's own text) on uninstall", async () => {
    await installAndEdit()
    const forced = await sb.install(['claude-code'], { force: true })
    expect(forced.results[0]?.status).toBe('installed')
    expect(forced.results[0]?.log.map((l) => l.text).join('\n')).toMatch(
      /replaced your edits to the outfit block 'starter-kit'/,
    )
    expect(await sb.read(memory)).not.toContain('(And I mean it.)')
    await sb.uninstall(['claude-code'])
    const after = await sb.read(memory)
    expect(after).toContain('Comments explain why, not what. (And I mean it.)')
    expect(after).not.toMatch(/outfit:starter-kit/)
    expect(after.startsWith('# Mine\n')).toBe(true)
  })
})

describe('shared config files that are symlinks or read-only', () => {
  it('follows a symlinked ~/.claude.json into a dotfiles folder, keeps the link, and uninstalls byte-exactly', async () => {
    const { readlink, symlink } = await import('node:fs/promises')
    const { join } = await import('node:path')
    await sb.write('home/dotfiles/claude.json', '{\n  // mine\n  "numStartups": 3\n}\n')
    await symlink('dotfiles/claude.json', join(sb.home, '.claude.json'))
    await sb.write('home/dotfiles/AGENTS.md', '# Shared rules\n')
    await sb.write('home/.claude/keep', '')
    await symlink('../dotfiles/AGENTS.md', join(sb.home, '.claude', 'CLAUDE.md'))
    const before = await sb.tree()
    const report = await sb.install(['claude-code'])
    expect(report.results.map((r) => [r.status, r.failure?.error.message])).toEqual([
      ['installed', undefined],
    ])
    expect(await readlink(join(sb.home, '.claude.json'))).toBe('dotfiles/claude.json')
    expect(await sb.read('home/dotfiles/claude.json')).toContain('"mcpServers"')
    expect(await sb.read('home/dotfiles/AGENTS.md')).toContain('Comments explain why')
    await sb.uninstall(['claude-code'])
    expect(await sb.tree()).toEqual(before)
  })

  it('refuses a symlink that leads outside the scope, changing nothing', async () => {
    const { symlink } = await import('node:fs/promises')
    const { join } = await import('node:path')
    await sb.write('elsewhere/claude.json', '{}\n')
    await symlink(join(sb.root, 'elsewhere', 'claude.json'), join(sb.home, '.claude.json'))
    const before = await sb.tree()
    const report = await sb.install(['claude-code'])
    expect(report.results[0]?.failure?.error.message).toMatch(
      /\.claude\.json is a symlink to .*elsewhere\/claude\.json, outside .*; outfit only edits files inside the scope/,
    )
    expect(await sb.tree()).toEqual(before)
    expect(await sb.read('elsewhere/claude.json')).toBe('{}\n')
  })

  it('refuses to rewrite a read-only (0444) config without --force, and keeps its mode with it', async () => {
    const { chmod, stat } = await import('node:fs/promises')
    const { join } = await import('node:path')
    await sb.write('home/.claude.json', '{ "numStartups": 3 }\n')
    await chmod(join(sb.home, '.claude.json'), 0o444)
    const report = await sb.install(['claude-code'])
    expect(report.results[0]?.failure?.error.message).toMatch(/\.claude\.json is read-only \(mode 444\)/)
    expect(await sb.read('home/.claude.json')).toBe('{ "numStartups": 3 }\n')
    expect((await sb.install(['claude-code'], { force: true })).results[0]?.status).toBe('installed')
    expect((await stat(join(sb.home, '.claude.json'))).mode & 0o777).toBe(0o444)
  })
})

describe('a managed block whose end marker the user deleted', () => {
  it('is refused with the file named, changing nothing', async () => {
    await sb.install(['claude-code'])
    const text = await sb.read(memory)
    const broken = text
      .split('\n')
      .filter((l) => !l.startsWith('<!-- outfit:starter-kit:end'))
      .join('\n')
    await sb.write(memory, broken)
    const report = await sb.install(['claude-code'])
    expect(report.results[0]?.failure?.error.message).toMatch(
      /CLAUDE\.md: the outfit block 'starter-kit' has a start marker but no end marker/,
    )
    expect(await sb.read(memory)).toBe(broken)
  })
})

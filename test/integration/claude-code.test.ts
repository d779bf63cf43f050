// Install → re-install → uninstall of the starter kit into Claude Code on real temp dirs, around user content.
import { describe, expect, it } from 'vitest'
import { rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { useSandbox } from './sandbox.js'

const sb = useSandbox()

const userClaudeJson = `{
  // Claude keeps its own state here too
  "numStartups": 12,
  "mcpServers": {
    "mine": { "command": "my-server" }
  }
}
`
const userSettings = `{
  "hooks": {
    "PostToolUse": [
      { "matcher": "Bash", "hooks": [{ "type": "command", "command": "echo mine" }] }
    ]
  },
  "permissions": { "allow": ["Bash(git status)"] }
}
`

describe('claude-code, global scope', () => {
  it('installs around user content and uninstalls to a byte-identical tree', async () => {
    await sb.write('home/.claude.json', userClaudeJson)
    await sb.write('home/.claude/settings.json', userSettings)
    await sb.write('home/.claude/CLAUDE.md', '# Me\n\nMy own memory.\n')
    const before = await sb.tree()

    const first = await sb.install(['claude-code'])
    expect(first.results.map((r) => r.status)).toEqual(['installed'])
    const claudeJson = JSON.parse((await sb.read('home/.claude.json')).replace(/^\s*\/\/.*$/gm, ''))
    expect(Object.keys(claudeJson.mcpServers)).toEqual(['mine', 'filesystem', 'issues', 'docs', 'events'])
    expect(claudeJson.mcpServers.events).toEqual({ type: 'sse', url: 'https://example.com/sse' })
    expect(claudeJson.numStartups).toBe(12)
    expect(await sb.read('home/.claude.json')).toContain('// Claude keeps its own state here too')
    const settings = JSON.parse(await sb.read('home/.claude/settings.json'))
    expect(settings.hooks.PostToolUse).toHaveLength(2)
    expect(settings.permissions).toEqual({ allow: ['Bash(git status)'] })
    expect(await sb.read('home/.claude/CLAUDE.md')).toMatch(
      /^# Me\n\nMy own memory\.\n\n<!-- outfit:starter-kit:begin/,
    )
    expect(await sb.read('home/.claude/agents/reviewer.md')).toContain('tools: Read, Grep, Glob')
    expect(await sb.read('home/.claude/skills/code-review/checklist.md')).toContain('Review checklist')

    const installed = await sb.tree()
    const second = await sb.install(['claude-code'])
    expect(second.results.map((r) => r.status)).toEqual(['unchanged'])
    expect(await sb.tree()).toEqual(installed)

    const removed = await sb.uninstall(['claude-code'])
    expect(removed.results.map((r) => r.status)).toEqual(['uninstalled'])
    expect(await sb.tree()).toEqual(before)
  })

  it('keeps user edits to installed files on uninstall, and removes them with --force', async () => {
    const before = await sb.tree()
    await sb.install(['claude-code'])
    await writeFile(join(sb.home, '.claude/agents/reviewer.md'), 'my edits\n')
    const kept = await sb.uninstall(['claude-code'])
    expect(kept.results[0]?.kept).toEqual([
      { path: join(sb.home, '.claude/agents/reviewer.md'), reason: 'changed since outfit wrote it' },
    ])
    expect(await sb.read('home/.claude/agents/reviewer.md')).toBe('my edits\n')
    // The manifest is gone, so a forced uninstall has nothing left to do: the file stays the user's.
    await rm(join(sb.home, '.claude'), { recursive: true })
    expect(await sb.tree()).toEqual(before)
  })

  it('refuses to replace a file outfit did not write, changing nothing; --force replaces and uninstall restores it', async () => {
    await sb.write('home/.claude/commands/changelog.md', 'my own command\n')
    const before = await sb.tree()
    const refused = await sb.install(['claude-code'])
    expect(refused.results[0]?.status).toBe('failed')
    expect(refused.results[0]?.failure?.error.message).toMatch(
      /changelog\.md already exists and was not installed by outfit/,
    )
    expect(await sb.tree()).toEqual(before)

    const forced = await sb.install(['claude-code'], { force: true })
    expect(forced.results[0]?.status).toBe('installed')
    expect(await sb.read('home/.claude/commands/changelog.md')).toContain('Draft a changelog entry')
    await sb.uninstall(['claude-code'])
    expect(await sb.tree()).toEqual(before)
  })

  it('refuses to replace an MCP server of the same name that the user wrote', async () => {
    await sb.write('home/.claude.json', '{ "mcpServers": { "docs": { "url": "https://mine.example" } } }\n')
    const before = await sb.tree()
    const report = await sb.install(['claude-code'])
    expect(report.results[0]?.status).toBe('failed')
    expect(report.results[0]?.failure?.error.message).toMatch(
      /'mcpServers\.docs' already holds a different value/,
    )
    expect(await sb.tree()).toEqual(before)
  })

  it('reports a config file that does not parse with file:line:col and changes nothing', async () => {
    await sb.write('home/.claude.json', '{\n  "a": 1\n  "b": 2\n}\n')
    const before = await sb.tree()
    const report = await sb.install(['claude-code'])
    expect(report.results[0]?.failure?.error.message).toContain(
      `${join(sb.home, '.claude.json')}:3:3: not valid JSON`,
    )
    expect(await sb.tree()).toEqual(before)
  })

  it('updates to a new kit version: changed files rewritten, removed ones pruned, uninstall still exact', async () => {
    const before = await sb.tree()
    await sb.install(['claude-code'])
    await writeFile(join(sb.kit, 'kit.yaml'), 'name: starter-kit\nversion: 1.1.0\n')
    await rm(join(sb.kit, 'commands/changelog.md'))
    await writeFile(
      join(sb.kit, 'agents/reviewer.md'),
      '---\nname: reviewer\ndescription: v2\n---\nNew body.\n',
    )
    await writeFile(join(sb.kit, 'mcp.yaml'), 'servers:\n  filesystem:\n    command: npx\n')
    const update = await sb.install(['claude-code'])
    expect(update.results[0]?.status).toBe('updated')
    await expect(sb.read('home/.claude/commands/changelog.md')).rejects.toThrow()
    expect(await sb.read('home/.claude/agents/reviewer.md')).toContain('New body.')
    expect(Object.keys(JSON.parse(await sb.read('home/.claude.json')).mcpServers)).toEqual(['filesystem'])
    await sb.uninstall(['claude-code'])
    expect(await sb.tree()).toEqual(before)
  })

  it('a version bump alone is an update: recorded, reported, and shown by status', async () => {
    const { toolStatus: status } = await import('../../src/api/status.js')
    const { requireTargets } = await import('../../src/api/targets.js')
    const { realFs } = await import('../../src/fs/fs.js')
    await sb.install(['claude-code'])
    await writeFile(join(sb.kit, 'kit.yaml'), 'name: starter-kit\nversion: 1.0.1\n')
    const bump = await sb.install(['claude-code'])
    expect(bump.results[0]?.status).toBe('updated')
    const targets = (await requireTargets({ fs: realFs })).filter((t) => t.spec.id === 'claude-code')
    const rows = await status({
      fs: realFs,
      targets,
      scope: 'global',
      home: sb.home,
      project: sb.project,
      stateHome: sb.state,
    })
    expect(rows[0]?.installed?.version).toBe('1.0.1')
    expect((await sb.install(['claude-code'])).results[0]?.status).toBe('unchanged')
  })
})

describe('a kit whose every rule is for some files only', () => {
  it('creates no empty CLAUDE.md, and a changed re-install and uninstall leave the project as it was', async () => {
    const { readdir, readFile } = await import('node:fs/promises')
    const rules = join(sb.kit, 'rules')
    for (const name of await readdir(rules)) {
      const text = await readFile(join(rules, name), 'utf8')
      await writeFile(join(rules, name), text.replace(/^alwaysApply: true\n/m, 'globs: "**/*.md"\n'))
    }
    const before = await sb.tree()
    expect((await sb.install(['claude-code'], { scope: 'project' })).results[0]?.status).toBe('installed')
    expect(Object.keys(await sb.tree())).not.toContain('project/CLAUDE.md')
    await writeFile(join(sb.kit, 'rules', 'extra.md'), '---\nglobs: "*.ts"\n---\nMore.\n')
    expect((await sb.install(['claude-code'], { scope: 'project' })).results[0]?.status).toBe('installed')
    expect(Object.keys(await sb.tree())).not.toContain('project/CLAUDE.md')
    await sb.uninstall(['claude-code'], { scope: 'project' })
    expect(await sb.tree()).toEqual(before)
  })
})

describe('a skill taken out of the kit', () => {
  it('leaves no empty skill folder behind on re-install, in any tool, and uninstall leaves nothing', async () => {
    const before = await sb.tree()
    await sb.install(['claude-code', 'codex', 'gemini-cli'])
    await rm(join(sb.kit, 'skills/code-review'), { recursive: true })
    const again = await sb.install(['claude-code', 'codex', 'gemini-cli'])
    const left = Object.entries(await sb.tree()).filter(([p]) => p.includes('code-review'))
    expect(
      left,
      JSON.stringify(again.results.map((r) => [r.tool, r.status, r.log.map((e) => e.text)])),
    ).toEqual([])
    await sb.uninstall(['claude-code', 'codex', 'gemini-cli'])
    expect(await sb.tree()).toEqual(before)
  })
})

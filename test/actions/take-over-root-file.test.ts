// On memfs (it is logic): a root instructions file without outfit's markers (CLAUDE.md, AGENTS.md, GEMINI.md) whose
// text is the kit's rules — what `outfit adopt` made of it — is taken over in place: not appended a second time, and
// uninstall leaves the project byte for byte as it was. A kit that changes its rules later gets its block, with the
// user's text put back on uninstall.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createMemSandbox, type MemSandbox } from '../helpers/mem-sandbox.js'

const RULE = `# Team rules

- Run \`npm test\` before each commit.
- Comments say why, not what.
`

/** A kit whose only rule is the text of the project's root file, as adopt writes it. */
async function kitWithRule(sb: MemSandbox, body: string): Promise<void> {
  for (const name of ['general.md', 'typescript.md']) await sb.fs.unlink(join(sb.kit, 'rules', name))
  await sb.fs.writeFile(join(sb.kit, 'rules', 'team.md'), `---\nalwaysApply: true\n---\n${body}`)
}

describe('a root file that is the kit’s rules', () => {
  it.each([
    ['claude-code', 'project', 'project/CLAUDE.md'],
    ['gemini-cli', 'project', 'project/GEMINI.md'],
    ['codex', 'project', 'project/AGENTS.md'],
    ['claude-code', 'global', 'home/.claude/CLAUDE.md'],
    ['copilot', 'global', 'home/.copilot/copilot-instructions.md'],
  ])('%s (%s): %s is taken over in place, and uninstall leaves it as it was', async (tool, scope, file) => {
    const sb = await createMemSandbox()
    await kitWithRule(sb, RULE)
    await sb.write(file, RULE)
    // (Gemini CLI's project uninstall leaves an empty .gemini/ it created behind, as on main: a folder users have.)
    if (tool === 'gemini-cli') await sb.write('project/.gemini/settings.json', '{ "theme": "GitHub" }\n')
    const before = await sb.tree()
    const report = await sb.install([tool], { scope })
    expect(report.results.map((r) => [r.status, r.failure?.error.message])).toEqual([
      ['installed', undefined],
    ])
    expect(await sb.read(file)).toBe(RULE)
    expect((await sb.install([tool], { scope })).results[0]?.status).toBe('unchanged')
    await sb.uninstall([tool], { scope })
    expect(await sb.tree()).toEqual(before)
  })

  it('AGENTS.md shared by Codex and OpenCode: both take it over, neither appends, the last uninstall leaves it', async () => {
    const sb = await createMemSandbox()
    await kitWithRule(sb, RULE)
    await sb.write('project/AGENTS.md', RULE)
    const before = await sb.tree()
    await sb.install(['codex', 'opencode'], { scope: 'project' })
    expect(await sb.read('project/AGENTS.md')).toBe(RULE)
    await sb.uninstall(['codex'], { scope: 'project' })
    await sb.uninstall(['opencode'], { scope: 'project' })
    expect(await sb.tree()).toEqual(before)
  })

  it('a file that holds more than the rules still gets the block appended, as before', async () => {
    const sb = await createMemSandbox()
    await kitWithRule(sb, RULE)
    await sb.write('project/CLAUDE.md', `${RULE}\nMy own notes.\n`)
    await sb.install(['claude-code'], { scope: 'project' })
    const text = await sb.read('project/CLAUDE.md')
    expect(text.startsWith(`${RULE}\nMy own notes.\n`)).toBe(true)
    expect(text).toContain('outfit:')
  })

  it('when the kit’s rules change, the file becomes the kit’s block, and uninstall puts the user’s text back', async () => {
    const sb = await createMemSandbox()
    await kitWithRule(sb, RULE)
    await sb.write('project/CLAUDE.md', RULE)
    const before = await sb.tree()
    await sb.install(['claude-code'], { scope: 'project' })
    await sb.fs.writeFile(
      join(sb.kit, 'rules', 'team.md'),
      `---\nalwaysApply: true\n---\n${RULE}- Also lint.\n`,
    )
    await sb.install(['claude-code'], { scope: 'project' })
    const text = await sb.read('project/CLAUDE.md')
    expect(text).toContain('- Also lint.')
    expect(text.split('# Team rules')).toHaveLength(2)
    await sb.uninstall(['claude-code'], { scope: 'project' })
    expect(await sb.tree()).toEqual(before)
  })

  it('text changed by the user since it was taken over is refused, not overwritten', async () => {
    const sb = await createMemSandbox()
    await kitWithRule(sb, RULE)
    await sb.write('project/CLAUDE.md', RULE)
    await sb.install(['claude-code'], { scope: 'project' })
    await sb.write('project/CLAUDE.md', `${RULE}- My edit.\n`)
    await sb.fs.writeFile(
      join(sb.kit, 'rules', 'team.md'),
      `---\nalwaysApply: true\n---\n${RULE}- Also lint.\n`,
    )
    const report = await sb.install(['claude-code'], { scope: 'project' })
    expect(report.results[0]?.failure?.error.message).toMatch(
      /CLAUDE\.md was changed since outfit took it over/,
    )
    expect(await sb.read('project/CLAUDE.md')).toBe(`${RULE}- My edit.\n`)
  })
})

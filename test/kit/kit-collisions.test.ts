import { describe, expect, it } from 'vitest'
import { findCollisions } from '../../src/kit/kit-collisions.js'
import type { Kit } from '../../src/types.js'

const kit = (files: string[], mcp: string[] = []): Kit => ({
  dir: '/k',
  name: 'k',
  version: '1.0.0',
  files,
  mcp: mcp.map((name) => ({ name, command: 'x' })),
  hooks: [],
})

describe('findCollisions', () => {
  it('names both kits for the same skill, command (whatever its extension), agent, file or MCP server', () => {
    const a = kit(
      ['skills/review/SKILL.md', 'commands/deploy.md', 'agents/pm.md', 'scripts/x.sh', 'rules/style.md'],
      ['github'],
    )
    const b = kit(
      ['skills/review/notes.md', 'commands/deploy.toml', 'agents/pm.md', 'scripts/x.sh', 'rules/other.md'],
      ['github', 'jira'],
    )
    expect(
      findCollisions([
        { name: 'a', kit: a },
        { name: 'b', kit: b },
      ]),
    ).toEqual([
      { what: "skill 'review' (skills/review/notes.md)", kits: ['a', 'b'] },
      { what: "command 'deploy' (commands/deploy.toml)", kits: ['a', 'b'] },
      { what: "agent 'pm' (agents/pm.md)", kits: ['a', 'b'] },
      { what: 'file scripts/x.sh', kits: ['a', 'b'] },
      { what: "MCP server 'github'", kits: ['a', 'b'] },
    ])
  })

  it('finds nothing in kits that do not overlap (a skill with many files is one item)', () => {
    expect(
      findCollisions([
        { name: 'a', kit: kit(['skills/a/SKILL.md', 'skills/a/ref.md']) },
        { name: 'b', kit: kit(['skills/b/SKILL.md']) },
      ]),
    ).toEqual([])
  })
})

// What `outfit recover` (and the automatic recovery before a run) prints: a count per folder, every path on request.
import { describe, expect, it } from 'vitest'
import { renderRecovered } from '../../src/report/render.js'

const recovered = [
  {
    journal: '/home/me/.outfit/journal/run-1',
    restored: [
      ...Array.from({ length: 1204 }, (_, i) => `/home/me/.claude/skills/s${i}/SKILL.md`),
      '/home/me/.claude.json',
      '/home/me/.codex/config.toml',
      '/home/me/.codex/AGENTS.md',
    ],
  },
]

describe('renderRecovered', () => {
  it('summarises thousands of restored paths as one line per top folder', () => {
    expect(renderRecovered(recovered, { color: false })).toEqual([
      '! an earlier outfit run was interrupted; rolled it back (1,207 paths restored)',
      '    /home/me/.claude       1,204 paths',
      '    /home/me/.claude.json  1 path',
      '    /home/me/.codex        2 paths',
    ])
  })

  it('lists every path with verbose', () => {
    const lines = renderRecovered(recovered, { color: false, verbose: true })
    expect(lines).toHaveLength(1208)
    expect(lines[0]).toBe('! an earlier outfit run was interrupted; rolled it back (1,207 paths restored):')
    expect(lines[1208 - 1]).toBe('    /home/me/.codex/AGENTS.md')
  })
})

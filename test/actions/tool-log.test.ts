// Kit content a tool does not take: every piece in `dropped` (--json), one readable line per reason in the log.
import { describe, expect, it } from 'vitest'
import { droppedLine, ToolLog } from '../../src/actions/tool-log.js'

describe('dropped content', () => {
  it('names every piece when there are a few, else the first three and how many more', () => {
    expect(droppedLine(['a.md'], 'why')).toBe('a.md not installed: why')
    expect(droppedLine(['a', 'b', 'c', 'd'], 'why')).toBe('a, b, c, d not installed: why')
    expect(droppedLine(['a', 'b', 'c', 'd', 'e'], 'why')).toBe('a, b, c and 2 more not installed: why')
  })

  it('keeps each piece for --json and writes one warning for the group', () => {
    const log = new ToolLog()
    const rules = Array.from({ length: 400 }, (_, i) => `rules/rule-${i}.md`)
    log.dropAll(rules, 'no place for rules')
    log.dropAll([], 'nothing')
    log.drop("MCP server 'x'", 'no SSE servers')
    expect(log.dropped).toHaveLength(401)
    expect(log.dropped[399]).toEqual({ what: 'rules/rule-399.md', reason: 'no place for rules' })
    expect(log.entries).toEqual([
      {
        level: 'warn',
        text: 'rules/rule-0.md, rules/rule-1.md, rules/rule-2.md and 397 more not installed: no place for rules',
      },
      { level: 'warn', text: "MCP server 'x' not installed: no SSE servers" },
    ])
  })
})

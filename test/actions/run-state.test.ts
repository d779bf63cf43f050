// The run state's rules: what the first tool of a run decides stays for the others (a key's owner and its "before",
// a block's separator), what the latest tool did is what the next one checks against (a block's content).
import { describe, expect, it } from 'vitest'
import { RunState } from '../../src/actions/run-state.js'

describe('RunState', () => {
  it('knows the tools of the run, none by default', () => {
    expect(new RunState(['claude', 'codex']).tools).toEqual(['claude', 'codex'])
    expect(new RunState().tools).toEqual([])
  })

  it("keeps the first tool's claim on a key, so a later tool finds the user's original before", () => {
    const run = new RunState()
    run.ownKey('/p/.mcp.json', ['mcpServers', 'a'], {
      path: ['mcpServers', 'a'],
      value: 1,
      before: { value: 0 },
    })
    run.ownKey('/p/.mcp.json', ['mcpServers', 'a'], {
      path: ['mcpServers', 'a'],
      value: 1,
      before: { value: 1 },
    })
    expect(run.keyOwner('/p/.mcp.json', ['mcpServers', 'a'])?.before).toEqual({ value: 0 })
    // Keys are told apart by file and whole path, even where joining them would read the same.
    expect(run.keyOwner('/p/.mcp.json', ['mcpServers.a'])).toBeUndefined()
    expect(run.keyOwner('/p/.mcp.json\0mcpServers', ['a'])).toBeUndefined()
  })

  it('knows which tool of the run first created a container in a shared config', () => {
    const run = new RunState()
    expect(run.containerCreator('/p/.mcp.json', ['mcpServers'])).toBeUndefined()
    run.createdContainer('/p/.mcp.json', ['mcpServers'], 'claude-code')
    run.createdContainer('/p/.mcp.json', ['mcpServers'], 'copilot')
    expect(run.containerCreator('/p/.mcp.json', ['mcpServers'])).toBe('claude-code')
    expect(run.containerCreator('/h/.mcp.json', ['mcpServers'])).toBeUndefined()
  })

  it("keeps the first writer's block separator and the latest writer's content", () => {
    const run = new RunState()
    expect(run.block('/p/AGENTS.md', 'kit')).toBeUndefined()
    run.wroteBlock('/p/AGENTS.md', 'kit', '\n\n', 'hash-1')
    run.wroteBlock('/p/AGENTS.md', 'kit', '', 'hash-2')
    expect(run.block('/p/AGENTS.md', 'kit')).toEqual({ prefix: '\n\n', contentHash: 'hash-2' })
    expect(run.block('/p/AGENTS.md', 'other')).toBeUndefined()
  })

  it('warns about an unset variable once per tool and server', () => {
    const run = new RunState()
    expect(run.firstWarning('copilot', 'gh', 'TOKEN')).toBe(true)
    expect(run.firstWarning('copilot', 'gh', 'TOKEN')).toBe(false)
    expect(run.firstWarning('claude', 'gh', 'TOKEN')).toBe(true)
    expect(run.firstWarning('copilot', 'other', 'TOKEN')).toBe(true)
  })

  it("remembers per tool whether other tools' manifests claim a folder", () => {
    const run = new RunState()
    expect(run.dirClaimedByOthers('codex', '/h/.agents')).toBeUndefined()
    run.rememberDirClaim('codex', '/h/.agents', true)
    expect(run.dirClaimedByOthers('codex', '/h/.agents')).toBe(true)
    expect(run.dirClaimedByOthers('claude', '/h/.agents')).toBeUndefined()
  })

  it('shares one containment cache per scope root', () => {
    const run = new RunState()
    expect(run.containCache('/home')).toBe(run.containCache('/home'))
    expect(run.containCache('/home')).not.toBe(run.containCache('/project'))
  })
})

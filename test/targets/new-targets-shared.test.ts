// The targets that write another target's files: Zoo Code writes what Roo Code writes (the same .roo layout), Command
// Code writes Claude Code's project .mcp.json entries, Kimi Code appends [[hooks]] after the user's own. Each pair
// co-owns what both write: the files stay until the last of them is uninstalled, in either order, and the user's own
// content is never touched.
import { describe, expect, it } from 'vitest'
import { useSandbox } from '../integration/sandbox.js'

const sb = useSandbox()

describe.each([
  ['roo-code', 'zoo-code', 'project/.roo/rules/general.md'],
  ['claude-code', 'command-code', 'project/.mcp.json'],
])('%s and %s', (first, second, shared) => {
  it.each([
    [first, second],
    [second, first],
  ])('keep %s’s files when %s is uninstalled first, and leave the project as it was', async (keep, drop) => {
    const before = await sb.tree()
    const installed = await sb.install([first, second], { scope: 'project' })
    expect(installed.results.map((r) => r.status)).toEqual(['installed', 'installed'])
    const kept = await sb.read(shared)
    await sb.uninstall([drop], { scope: 'project' })
    // What both wrote stays (Claude Code's SSE server, which Command Code does not take, leaves with it).
    if (shared.endsWith('.json'))
      expect(JSON.parse(await sb.read(shared)).mcpServers.filesystem).toEqual(
        JSON.parse(kept).mcpServers.filesystem,
      )
    else expect(await sb.read(shared)).toBe(kept)
    await sb.uninstall([keep], { scope: 'project' })
    expect(await sb.tree()).toEqual(before)
  })
})

describe('kimi-code hooks in ~/.kimi-code/config.toml', () => {
  it('come after the user’s own settings and hooks, and uninstall gives the file back byte for byte', async () => {
    const mine = 'default_model = "kimi"  # mine\n\n[[hooks]]\nevent = "Stop"\ncommand = "notify-send done"\n'
    await sb.write('home/.kimi-code/config.toml', mine)
    const before = await sb.tree()
    expect((await sb.install(['kimi-code'], { scope: 'global' })).results[0]?.status).toBe('installed')
    const text = await sb.read('home/.kimi-code/config.toml')
    expect(text.startsWith(mine)).toBe(true)
    expect(text.match(/^\[\[hooks\]\]$/gm)).toHaveLength(3)
    await sb.uninstall(['kimi-code'], { scope: 'global' })
    expect(await sb.tree()).toEqual(before)
  })
})

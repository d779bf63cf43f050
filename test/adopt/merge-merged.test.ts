// Servers and hooks of several tools as one kit: one item where the tools agree, targeted at the tools that have it,
// each tool's own keys kept as its overrides, and differing versions reported side by side unless one is preferred.
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { hooksYaml, mcpYaml, mergeMergedKinds } from '../../src/adopt/merge-merged.js'
import type { AdoptPart, KitHookEntry, KitMcpServer } from '../../src/adopt/types.js'

function part<T>(value: T, sources: Record<string, string[]>): AdoptPart<T> {
  return { value, sources, skipped: [], secrets: [] }
}

type Servers = Record<string, KitMcpServer>

const fsServer: KitMcpServer = { command: 'npx', args: ['-y', 'server-fs', '.'] }

describe('mergeMergedKinds', () => {
  it('one server for the tools that agree, targeted where not every adopted tool has it, overrides kept', () => {
    const mcp = new Map<string, AdoptPart<Servers>>([
      [
        'claude-code',
        part({ fs: fsServer, gh: { command: 'gh-mcp' } }, { fs: ['/p/.mcp.json'], gh: ['/p/.mcp.json'] }),
      ],
      [
        'codex',
        part(
          { fs: { ...fsServer, outfit: { overrides: { codex: { startup_timeout_sec: 20 } } } } },
          { fs: ['/p/.codex/config.toml'] },
        ),
      ],
    ])
    const merged = mergeMergedKinds(mcp, new Map(), ['claude-code', 'codex', 'cursor'])
    expect(merged.conflicts).toEqual([])
    expect(merged.servers).toEqual({
      fs: {
        ...fsServer,
        outfit: { tools: ['claude-code', 'codex'], overrides: { codex: { startup_timeout_sec: 20 } } },
      },
      gh: { command: 'gh-mcp', outfit: { tools: ['claude-code'] } },
    })
    expect(parse(mcpYaml(merged.servers) ?? '')).toEqual({ servers: merged.servers })
  })

  it('servers of one name that differ are a conflict with each version and where it came from', () => {
    const mcp = new Map<string, AdoptPart<Servers>>([
      ['claude-code', part({ fs: fsServer }, { fs: ['/p/.mcp.json'] })],
      ['cursor', part({ fs: { command: 'npx', args: ['server-fs'] } }, { fs: ['/p/.cursor/mcp.json'] })],
    ])
    const merged = mergeMergedKinds(mcp, new Map(), ['claude-code', 'cursor'])
    expect(merged.servers).toEqual({})
    expect(merged.conflicts).toEqual([
      {
        kind: 'mcp',
        path: 'mcp.yaml › servers › fs',
        versions: [
          { tools: ['claude-code'], files: ['/p/.mcp.json'], text: expect.stringContaining('server-fs') },
          { tools: ['cursor'], files: ['/p/.cursor/mcp.json'], text: expect.stringContaining('server-fs') },
        ],
      },
    ])
    const preferred = mergeMergedKinds(mcp, new Map(), ['claude-code', 'cursor'], () => 'cursor')
    expect(preferred.servers).toEqual({ fs: { command: 'npx', args: ['server-fs'] } })
    expect(preferred.skipped.map((s) => [s.tool, s.what])).toEqual([
      ['claude-code', 'mcp.yaml › servers › fs'],
    ])
  })

  it('hooks by event, matcher and command, targeted at the tools that run them', () => {
    const fmt: KitHookEntry = { event: 'postToolUse', matcher: 'Edit|Write', command: 'fmt' }
    const hooks = new Map<string, AdoptPart<KitHookEntry[]>>([
      ['claude-code', part([fmt, { event: 'stop', command: 'bye' }], {})],
      ['gemini-cli', part([fmt], {})],
    ])
    const merged = mergeMergedKinds(new Map(), hooks, ['claude-code', 'gemini-cli'])
    expect(merged.hooks).toEqual([fmt, { event: 'stop', command: 'bye', outfit: { tools: ['claude-code'] } }])
    expect(parse(hooksYaml(merged.hooks) ?? '')).toEqual({ hooks: merged.hooks })
    expect(hooksYaml([])).toBeUndefined()
  })
})

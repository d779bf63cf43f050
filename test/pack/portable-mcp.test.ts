// Which kit servers Agent Plugins 1.0's mcp.json can carry (spec/1.0.0.md §7.2, §9.2), and the reason for each it
// cannot: every rule of the portable form, one row each.
import { describe, expect, it } from 'vitest'
import { portableServer } from '../../src/pack/portable-mcp.js'
import type { McpServer } from '../../src/types.js'

describe('portableServer', () => {
  it.each<[string, McpServer, unknown]>([
    [
      'a stdio server',
      { name: 's', command: 'npx', args: ['-y', 'x@1'] },
      { type: 'stdio', command: 'npx', args: ['-y', 'x@1'] },
    ],
    ['a bundled command', { name: 's', command: './bin/server' }, { type: 'stdio', command: './bin/server' }],
    [
      'the placeholders Agent Plugins expand',
      { name: 's', command: 'node', args: ['${PLUGIN_ROOT}/server.js'], env: { DATA: '${PLUGIN_DATA}/db' } },
      {
        type: 'stdio',
        command: 'node',
        args: ['${PLUGIN_ROOT}/server.js'],
        env: { DATA: '${PLUGIN_DATA}/db' },
      },
    ],
    [
      'streamable HTTP (the kit default)',
      { name: 'r', url: 'https://x.dev/mcp' },
      { type: 'streamable-http', url: 'https://x.dev/mcp' },
    ],
    [
      'SSE',
      { name: 'r', url: 'https://x.dev/sse', transport: 'sse' },
      { type: 'sse', url: 'https://x.dev/sse' },
    ],
    [
      'http on loopback',
      { name: 'r', url: 'http://127.0.0.1:8080/mcp' },
      { type: 'streamable-http', url: 'http://127.0.0.1:8080/mcp' },
    ],
    [
      'a header without a variable',
      { name: 'r', url: 'https://x.dev/mcp', headers: { 'X-Team': 'docs' } },
      { type: 'streamable-http', url: 'https://x.dev/mcp', headers: { 'X-Team': 'docs' } },
    ],
  ])('carries %s', (_what, server, expected) => {
    expect(portableServer(server)).toEqual({ server: expected })
  })

  it.each<[McpServer, string]>([
    [{ name: 's', command: 'npx', env: { TOKEN: '${TOKEN}' } }, 'its env uses ${TOKEN}'],
    [{ name: 's', command: 'npx', args: ['--token', '${TOKEN}'] }, 'its args use ${TOKEN}'],
    [{ name: 's', command: 'npx -y server' }, 'not one executable token'],
    [{ name: 's', command: '/usr/bin/server' }, 'a path outside the plugin'],
    [{ name: 's', command: 'npx', env: { PLUGIN_ROOT: '/x' } }, 'PLUGIN_ROOT, which Agent Plugins reserve'],
    [
      { name: 'r', url: 'https://x.dev/mcp', headers: { Authorization: 'Bearer ${TOKEN}' } },
      'its Authorization header uses a variable',
    ],
    [{ name: 'r', url: 'http://x.dev/mcp' }, 'not https'],
    [{ name: 'r', url: 'https://${HOST}/mcp' }, 'its url uses a variable'],
    [{ name: 'r', url: 'https://user:pw@x.dev/mcp' }, 'user information'],
    [{ name: 'r', url: 'not a url' }, 'not an absolute URL'],
  ])('leaves out %j: %s', (server, reason) => {
    const result = portableServer(server)
    expect(result).toEqual({ reason: expect.stringContaining(reason) as string })
  })
})

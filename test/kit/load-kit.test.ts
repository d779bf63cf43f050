import { Volume, createFsFromVolume } from 'memfs'
import { describe, expect, it } from 'vitest'
import type { Fs } from '../../src/fs/fs.js'
import { loadKit } from '../../src/kit/load-kit.js'
import { renderDiagnostics } from '../../src/report/render.js'

function kitFs(files: Record<string, string | Buffer>): Fs {
  return createFsFromVolume(Volume.fromJSON(files as Record<string, string>)).promises as unknown as Fs
}

async function problems(files: Record<string, string | Buffer>): Promise<string[]> {
  const result = await loadKit(kitFs(files), '/kit')
  if (result.ok) return []
  return renderDiagnostics(result.diagnostics, { color: false, cwd: '/kit' })
}

describe('loadKit', () => {
  it('reads identity, MCP servers, hooks and the file list', async () => {
    const result = await loadKit(
      kitFs({
        '/kit/kit.yaml': 'name: demo\nversion: 1.2.3\nprefix: dm\n',
        '/kit/mcp.yaml': 'servers:\n  fs:\n    command: npx\n    args: [a]\n  docs:\n    url: https://x.example/mcp\n',
        '/kit/hooks.yaml': 'hooks:\n  - event: postToolUse\n    matcher: Edit\n    command: fmt\n',
        '/kit/agents/a.md': '---\nname: a\n---\nbody\n',
        '/kit/skills/s/SKILL.md': 'x',
        '/kit/skills/s/ref/more.md': 'y',
        '/kit/.git/HEAD': 'ignored',
      }),
      '/kit',
    )
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value).toMatchObject({ name: 'demo', version: '1.2.3', prefix: 'dm' })
    expect(result.value.mcp).toEqual([
      { name: 'fs', command: 'npx', args: ['a'] },
      { name: 'docs', url: 'https://x.example/mcp' },
    ])
    expect(result.value.hooks).toEqual([{ event: 'postToolUse', matcher: 'Edit', command: 'fmt' }])
    expect(result.value.files).toEqual(['agents/a.md', 'skills/s/SKILL.md', 'skills/s/ref/more.md'])
  })

  it.each([
    ['a missing kit.yaml', { '/kit/agents/a.md': 'x' }, ['kit.yaml:1:1  file not found']],
    ['a kit.yaml without version', { '/kit/kit.yaml': 'name: demo\n' }, ["kit.yaml:1:1  missing required key 'version'"]],
    ['an unknown key', { '/kit/kit.yaml': 'name: demo\nversion: 1.0.0\nauthor: me\n' }, ["kit.yaml:3:1  unknown key 'author'"]],
    [
      'a YAML syntax error',
      { '/kit/kit.yaml': 'name: demo\nversion: [1.0.0\n' },
      ['kit.yaml:3:1  YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]'],
    ],
    [
      'a server with both command and url, and a bad hook event',
      {
        '/kit/kit.yaml': 'name: demo\nversion: 1.0.0\n',
        '/kit/mcp.yaml': 'servers:\n  both:\n    command: x\n    url: https://x.example\n',
        '/kit/hooks.yaml': 'hooks:\n  - event: afterEverything\n    command: x\n',
      },
      [
        "mcp.yaml:3:5  /servers/both: server 'both' has both command and url; a server is either local (command) or remote (url)",
        'hooks.yaml:2:12  /hooks/0/event: must be one of: "sessionStart", "sessionEnd", "userPromptSubmit", "preToolUse", "postToolUse", "stop", "subagentStop", "notification", "preCompact"',
      ],
    ],
    ['a kit.yaml that is not UTF-8', { '/kit/kit.yaml': Buffer.from([0xff, 0xfe, 0x00, 0x41]) }, ['kit.yaml:1:1  is not valid UTF-8 text']],
  ])('reports %s with its position', async (_name, files, expected) => {
    expect(await problems(files)).toEqual(expected)
  })

  it('reports a missing kit directory', async () => {
    const result = await loadKit(kitFs({ '/other/x': '' }), '/kit')
    expect(result.ok ? [] : result.diagnostics.map((d) => d.message)).toEqual(['kit directory not found'])
  })
})

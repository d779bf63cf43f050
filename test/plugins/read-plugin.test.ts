// The pieces of reading a plugin, on memfs: which format a folder is, files read back through a declaration, entries
// that do not fit the kit, and the kit folder written again without touching what did not change.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { backwardHooks, backwardServers } from '../../src/plugins/backward-entries.js'
import { backwardMarkdown } from '../../src/plugins/backward-markdown.js'
import { copyDeclaration, entriesDeclaration } from '../../src/plugins/declarations.js'
import { detectPlugin } from '../../src/plugins/detect-plugin.js'
import { pluginAsKit } from '../../src/plugins/plugin-as-kit.js'
import { createTestFs } from '../helpers/test-fs.js'
import { agentPlugin, claudePlugin } from './fixtures.js'

const at = (dir: string, files: Record<string, string>) =>
  Object.fromEntries(Object.entries(files).map(([p, c]) => [join(dir, p), c]))

describe('detectPlugin', () => {
  it('a folder with kit.yaml is a kit, whatever manifests it also has', async () => {
    const { fs } = createTestFs(at('/p', { ...claudePlugin, 'kit.yaml': 'name: k\nversion: 1.0.0\n' }))
    expect(await detectPlugin(fs, '/p')).toBeUndefined()
  })

  it('of several manifests the richest is read and the others are named', async () => {
    const { fs } = createTestFs(at('/p', { ...agentPlugin, ...claudePlugin }))
    expect(await detectPlugin(fs, '/p')).toEqual({ format: 'claude-plugin', others: ['agent-plugin'] })
    const read = await pluginAsKit(fs, '/p', '/cache')
    expect(read?.ok && read.notes).toContain('it is also a Agent Plugin; read as a Claude Code plugin')
  })

  it('an Agent Plugin with dev.outfit/kit.yaml is outfit-made; a root plugin.json without the 1.0.0 schema is a Copilot CLI plugin', async () => {
    const outfit = createTestFs(
      at('/p', { ...agentPlugin, 'dev.outfit/kit.yaml': 'name: portable\nversion: 1.0.0\n' }),
    )
    expect(await detectPlugin(outfit.fs, '/p')).toEqual({ format: 'outfit-agent-plugin', others: [] })
    const other = createTestFs(at('/p', { 'plugin.json': '{ "name": "x" }' }))
    // Copilot CLI reads a manifest at the root, in .plugin/ and in .github/plugin/.
    expect(await detectPlugin(other.fs, '/p')).toEqual({ format: 'copilot-plugin', others: [] })
    const github = createTestFs(at('/p', { '.github/plugin/plugin.json': '{ "name": "x" }' }))
    expect(await detectPlugin(github.fs, '/p')).toEqual({ format: 'copilot-plugin', others: [] })
    expect(await detectPlugin(createTestFs(at('/p', { 'README.md': '# x' })).fs, '/p')).toBeUndefined()
  })
})

describe('reading back through a declaration', () => {
  it('keeps a file the declaration does not change byte for byte, odd formatting and all', async () => {
    const text = '---\ndescription:    Review   \nallowed-tools: Bash(git diff:*)\n---\n\nReview.\n'
    expect(backwardMarkdown('review.md', text, await copyDeclaration('claude-plugin', 'commands'))).toEqual({
      path: 'commands/review.md',
      text,
      notes: [],
    })
  })

  it('refuses a file whose form is a free template, saying why', async () => {
    expect(
      backwardMarkdown('a.md', 'x', { from: 'rules/*.md', transform: [{ template: '{{item.body}}' }] }),
    ).toEqual({
      refused: 'its form is a template outfit cannot read back',
    })
  })

  it('names TOML fields the kit has no place for', async () => {
    const back = backwardMarkdown(
      'x.toml',
      'description = "d"\nprompt = "p"\nmodel = "flash"\n',
      await copyDeclaration('gemini-extension', 'commands'),
    )
    expect(back).toEqual({
      path: 'commands/x.md',
      text: '---\ndescription: d\n---\np\n',
      notes: ["'model' (no kit equivalent)"],
    })
  })

  it('hooks: an event the kit lacks, a matcher naming no kit tool, and a non-command hook are each named', async () => {
    const read = backwardHooks(
      {
        hooks: {
          BeforeModel: [{ hooks: [{ type: 'command', command: 'a' }] }],
          BeforeTool: [
            { matcher: 'google_web_search|unknown_tool', hooks: [{ type: 'command', command: 'b' }] },
            { matcher: 'unknown_tool', hooks: [{ type: 'command', command: 'd' }] },
          ],
          AfterTool: [
            { matcher: 'read_file', hooks: [{ type: 'command', command: 'c', timeout: 1500, name: 'n' }] },
          ],
        },
      },
      await entriesDeclaration('gemini-extension', 'hooks'),
      'hooks/hooks.json',
    )
    expect(read.value).toEqual([
      { event: 'preToolUse', matcher: 'WebSearch', command: 'b' },
      { event: 'postToolUse', matcher: 'Read', command: 'c', timeout: 2 },
    ])
    expect(read.notes).toEqual([
      "hooks on 'BeforeModel' (hooks/hooks.json): the kit has no such event; left out",
      "a hook on 'BeforeTool' (hooks/hooks.json) matches only WebSearch: unknown_tool has no kit name",
      "a hook on 'BeforeTool' (hooks/hooks.json): its matcher 'unknown_tool' names no tool the kit knows; left out",
      "name of hooks on 'AfterTool' (hooks/hooks.json) left out (no kit field)",
    ])
  })

  it('servers: a name the kit cannot take is renamed, a malformed entry is named and left out', async () => {
    const read = backwardServers(
      { 'acme.search': { url: 'https://a.example/mcp' }, broken: { command: 3 }, odd: 'x' },
      await entriesDeclaration('agent-plugin', 'servers'),
      '.mcp.json',
    )
    expect(read.value).toEqual({ 'acme-search': { url: 'https://a.example/mcp' } })
    expect(read.notes).toEqual([
      "MCP server 'acme.search' (.mcp.json): named 'acme-search' (a kit server name is letters, digits, - and _)",
      "MCP server 'broken' (.mcp.json): its command is not text; left out",
      "MCP server 'odd' (.mcp.json): not an object; left out",
    ])
  })
})

describe('pluginAsKit', () => {
  it('a plugin without a usable name cannot install, and says where', async () => {
    const { fs } = createTestFs(at('/p', { '.claude-plugin/plugin.json': '{ "name": "!!" }' }))
    expect(await pluginAsKit(fs, '/p', '/cache')).toEqual({
      ok: false,
      diagnostics: [
        expect.objectContaining({
          file: '/p/.claude-plugin/plugin.json',
          pointer: '/name',
          message: 'a Claude Code plugin needs a name (letters, digits and -) to install as a kit',
        }),
      ],
    })
  })

  it('writes the kit again without touching unchanged files, and drops what the plugin no longer has', async () => {
    const { fs } = createTestFs(at('/p', claudePlugin))
    const first = await pluginAsKit(fs, '/p', '/cache')
    if (!first?.ok) throw new Error('not read')
    const agent = join(first.dir, 'agents/critic.md')
    const before = (await fs.stat(agent)).mtimeMs
    await fs.unlink('/p/commands/review.md')
    await new Promise((resolve) => setTimeout(resolve, 5))
    const second = await pluginAsKit(fs, '/p', '/cache')
    expect(second?.ok && second.dir).toBe(first.dir)
    expect((await fs.stat(agent)).mtimeMs).toBe(before)
    await expect(fs.stat(join(first.dir, 'commands/review.md'))).rejects.toThrow()
    // A script in a skill keeps its mode.
    expect(Number((await fs.stat(join(first.dir, 'skills/lint/helper.py'))).mode) & 0o777).toBe(
      Number((await fs.stat('/p/skills/lint/helper.py')).mode) & 0o777,
    )
  })
})

describe('manifest paths and inline parts', () => {
  it("reads a Claude manifest's extra folders and its inline hooks and servers; a path out of the plugin is refused", async () => {
    const { fs } = createTestFs(
      at('/p', {
        '.claude-plugin/plugin.json': JSON.stringify({
          name: 'inline',
          version: '1.0.0',
          commands: ['./extra/commands/', '../outside/'],
          hooks: { hooks: { Stop: [{ hooks: [{ type: 'command', command: 'echo stop' }] }] } },
          mcpServers: [{ mcpServers: { one: { command: 'one-mcp' } } }, './more.mcp.json'],
        }),
        'extra/commands/ship.md': '---\ndescription: Ship it\n---\nShip.\n',
        'more.mcp.json': '{ "mcpServers": { "two": { "url": "https://two.example/mcp" } } }',
      }),
    )
    const read = await pluginAsKit(fs, '/p', '/cache')
    if (!read?.ok) throw new Error('not read')
    expect(String(await fs.readFile(join(read.dir, 'commands/ship.md')))).toBe(
      '---\ndescription: Ship it\n---\nShip.\n',
    )
    expect(String(await fs.readFile(join(read.dir, 'hooks.yaml')))).toBe(
      'hooks:\n  - event: stop\n    command: echo stop\n',
    )
    expect(String(await fs.readFile(join(read.dir, 'mcp.yaml')))).toBe(
      'servers:\n  one:\n    command: one-mcp\n  two:\n    url: https://two.example/mcp\n',
    )
    expect(read.notes).toEqual(["'../outside/' (the manifest) left out: it is not a path inside the plugin"])
  })
})

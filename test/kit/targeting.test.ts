// Per-item tool choice and per-tool overrides (`outfit:` blocks) through a whole install, on memfs: which tools get an
// item, overrides set last on what a tool gets, the block never written, and re-install / uninstall exact when an
// item's tools change.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadKit } from '../../src/kit/load-kit.js'
import { createMemSandbox, type MemSandbox } from '../helpers/mem-sandbox.js'
import { builtinTargets } from '../integration/sandbox.js'

const REVIEWER = `---
name: reviewer
description: Reviews a diff.
tools: [Read, Grep]
model: sonnet
outfit:
  tools: [claude-code, cursor, opencode]
  overrides:
    claude-code: { model: opus }
    opencode: { model: anthropic/claude-opus-4, temperature: 0.1 }
---
Review the change.
`

async function allFiles(sb: MemSandbox): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const [path, kind] of Object.entries(await sb.tree()))
    if (kind !== 'dir') out[path] = await sb.read(path)
  return out
}

describe('outfit.tools on Markdown items', () => {
  it('installs an agent only into its tools, with their overrides, and never writes the block', async () => {
    const sb = await createMemSandbox()
    await sb.write('kit/agents/reviewer.md', REVIEWER)
    const report = await sb.install(['claude-code', 'codex', 'cursor', 'opencode'], { scope: 'project' })
    expect(report.results.map((r) => [r.tool, r.status, r.failure?.error.message])).toEqual([
      ['claude-code', 'installed', undefined],
      ['codex', 'installed', undefined],
      ['cursor', 'installed', undefined],
      ['opencode', 'installed', undefined],
    ])
    const files = await allFiles(sb)
    expect(files['project/.claude/agents/reviewer.md']).toBe(
      '---\nname: reviewer\ndescription: Reviews a diff.\ntools: Read, Grep\nmodel: opus\n---\nReview the change.\n',
    )
    // Codex is not among the agent's tools: no agent file, and no empty agents folder.
    expect(Object.keys(files).filter((p) => p.includes('.codex/agents'))).toEqual([])
    expect(Object.keys(await sb.tree()).filter((p) => p.includes('.codex/agents'))).toEqual([])
    expect(files['project/.cursor/agents/reviewer.md']).toBe(
      '---\nname: reviewer\ndescription: Reviews a diff.\n---\nReview the change.\n',
    )
    expect(files['project/.opencode/agents/reviewer.md']).toBe(
      '---\ndescription: Reviews a diff.\nmode: subagent\nmodel: anthropic/claude-opus-4\ntemperature: 0.1\n---\nReview the change.\n',
    )
    for (const [path, text] of Object.entries(files)) expect(text, path).not.toMatch(/^outfit:/m)
  })

  it('takes the block out of a skill copied as it is, keeping every other byte', async () => {
    const sb = await createMemSandbox()
    await sb.write(
      'kit/skills/code-review/SKILL.md',
      "---\nname: code-review\noutfit:\n  tools: { not: [codex] }\ndescription: 'Review code'   # quoted\n---\nBody\n",
    )
    await sb.install(['claude-code', 'codex'], { scope: 'project' })
    expect(await sb.read('project/.claude/skills/code-review/SKILL.md')).toBe(
      "---\nname: code-review\ndescription: 'Review code'   # quoted\n---\nBody\n",
    )
    // Every file of the skill follows its SKILL.md: Codex gets none of them.
    const tree = await sb.tree()
    expect(Object.keys(tree).filter((p) => p.startsWith('project/.agents/skills/code-review'))).toEqual([])
  })

  it('removes an item from a tool that it leaves on re-install, and uninstall restores the tree exactly', async () => {
    const sb = await createMemSandbox()
    const before = await sb.tree()
    await sb.write('kit/agents/reviewer.md', REVIEWER)
    await sb.write(
      'kit/rules/typescript.md',
      '---\ndescription: TS\nglobs: ["**/*.ts"]\noutfit: { tools: [claude-code, codex] }\n---\nUse strict types.\n',
    )
    const tools = ['claude-code', 'codex']
    await sb.install(tools, { scope: 'project' })
    expect(await sb.read('project/AGENTS.md')).toContain('Use strict types.')
    expect(Object.keys(await sb.tree())).toContain('project/.claude/agents/reviewer.md')
    // The agent leaves Claude Code; the rule leaves Codex.
    await sb.write('kit/agents/reviewer.md', REVIEWER.replace('[claude-code, cursor, opencode]', '[cursor]'))
    await sb.write(
      'kit/rules/typescript.md',
      '---\ndescription: TS\nglobs: ["**/*.ts"]\noutfit: { tools: [claude-code] }\n---\nUse strict types.\n',
    )
    const again = await sb.install(tools, { scope: 'project' })
    expect(again.results.map((r) => [r.tool, r.status])).toEqual([
      ['claude-code', 'installed'],
      ['codex', 'installed'],
    ])
    const tree = await sb.tree()
    expect(Object.keys(tree).filter((p) => p.includes('.claude/agents'))).toEqual([])
    expect(await sb.read('project/AGENTS.md')).not.toContain('Use strict types.')
    expect(await sb.read('project/.claude/rules/typescript.md')).toContain('Use strict types.')
    // A third install with nothing changed is up to date (the fast path and the manifests agree).
    const third = await sb.install(tools, { scope: 'project' })
    expect(third.results.map((r) => r.status)).toEqual(['unchanged', 'unchanged'])
    await sb.uninstall(tools, { scope: 'project' })
    expect(await sb.tree()).toEqual(before)
  })
})

describe('a block several tools share', () => {
  it('refuses rules that pick some of the tools sharing AGENTS.md, and writes nothing', async () => {
    const sb = await createMemSandbox()
    const before = await sb.tree()
    await sb.write('kit/rules/typescript.md', '---\noutfit: { tools: [codex] }\n---\nUse strict types.\n')
    const report = await sb.install(['codex', 'opencode'], { scope: 'project' })
    const failed = report.results.find((r) => r.failure?.error.message.includes('shares this file'))
    expect(failed?.failure?.error.message).toContain(
      `${join(sb.project, 'AGENTS.md')}: ${failed?.name} shares this file's outfit block with another tool of this run, which gets other rules (rules/typescript.md picks its tools)`,
    )
    expect(report.results.map((r) => r.status).sort()).toEqual(['cancelled', 'failed'].sort())
    expect(await sb.tree()).toEqual(before)
  })
})

describe('outfit blocks on MCP servers and hooks', () => {
  it('installs a server and a hook only into their tools, with entry overrides', async () => {
    const sb = await createMemSandbox()
    await sb.write(
      'kit/mcp.yaml',
      [
        'servers:',
        '  filesystem:',
        '    command: npx',
        '    args: ["-y", "fs-server"]',
        '    outfit:',
        '      tools: [claude-code]',
        '  docs:',
        '    url: https://example.com/mcp',
        '    outfit:',
        '      overrides:',
        '        codex: { startup_timeout_sec: 30 }',
        '',
      ].join('\n'),
    )
    await sb.write(
      'kit/hooks.yaml',
      'hooks:\n  - event: sessionStart\n    command: git status\n    outfit: { tools: { not: [claude-code] } }\n',
    )
    const report = await sb.install(['claude-code', 'codex'], { scope: 'project' })
    expect(report.results.map((r) => [r.tool, r.status, r.failure?.error.message])).toEqual([
      ['claude-code', 'installed', undefined],
      ['codex', 'installed', undefined],
    ])
    const mcp = JSON.parse(await sb.read('project/.mcp.json')) as { mcpServers: Record<string, unknown> }
    expect(Object.keys(mcp.mcpServers).sort()).toEqual(['docs', 'filesystem'])
    const toml = await sb.read('project/.codex/config.toml')
    expect(toml).not.toContain('filesystem')
    expect(toml).toContain('startup_timeout_sec = 30')
    expect(toml).not.toMatch(/^(tools|overrides|\[mcp_servers\.docs\.outfit)/m)
    // The hook is for every tool but Claude Code: no settings.json hooks there, one in Codex's hooks.json.
    expect(Object.keys(await sb.tree())).not.toContain('project/.claude/settings.json')
    expect(await sb.read('project/.codex/hooks.json')).toContain('git status')
  })
})

describe('checking outfit blocks against the known tools', () => {
  it('reports an unknown tool id at its file:line:col with did-you-mean', async () => {
    const sb = await createMemSandbox()
    await sb.write(
      'kit/agents/reviewer.md',
      '---\nname: reviewer\ndescription: d\noutfit:\n  tools: [claude-code, curser]\n---\nBody\n',
    )
    const result = await loadKit(sb.fs, sb.kit, { checkContent: true, targets: await builtinTargets() })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.diagnostics.map((d) => [d.file, d.line, d.column, d.message])).toEqual([
      [join(sb.kit, 'agents/reviewer.md'), 5, 24, "unknown tool 'curser'; did you mean 'cursor'?"],
    ])
  })

  it('reports an override key the tool does not take, with the keys it does take', async () => {
    const sb = await createMemSandbox()
    await sb.write(
      'kit/agents/reviewer.md',
      '---\nname: reviewer\ndescription: d\noutfit:\n  overrides:\n    codex:\n      model_reasoning_efort: high\n---\nBody\n',
    )
    const result = await loadKit(sb.fs, sb.kit, { checkContent: true, targets: await builtinTargets() })
    expect(result.ok).toBe(false)
    if (result.ok) return
    const [d] = result.diagnostics
    expect([d?.line, d?.column]).toEqual([7, 7])
    expect(d?.message).toMatch(
      /^'model_reasoning_efort' is not a key Codex CLI takes for agents\/reviewer\.md \(it takes: .*model_reasoning_effort.*\); did you mean 'model_reasoning_effort'\?$/,
    )
  })

  it('checks kit.yaml items and mcp.yaml blocks, and names an item that does not exist', async () => {
    const sb = await createMemSandbox()
    await sb.write(
      'kit/kit.yaml',
      ['name: starter-kit', 'version: 1.0.0', 'items:', '  agents/reviewr.md: { tools: [cursor] }', ''].join(
        '\n',
      ),
    )
    const targets = await builtinTargets()
    const missing = await loadKit(sb.fs, sb.kit, { checkContent: true, targets })
    expect(!missing.ok && missing.diagnostics.map((d) => [d.line, d.column, d.message])).toEqual([
      [4, 3, "the kit has no item 'agents/reviewr.md'; did you mean 'agents/reviewer.md'?"],
    ])
    await sb.write(
      'kit/kit.yaml',
      'name: starter-kit\nversion: 1.0.0\nitems:\n  "mcp:docs": { overrides: { cursor: { headerz: {} } } }\n',
    )
    const unknownKey = await loadKit(sb.fs, sb.kit, { checkContent: true, targets })
    expect(!unknownKey.ok && unknownKey.diagnostics.map((d) => [d.line, d.column, d.message])).toEqual([
      [
        4,
        40,
        "'headerz' is not a key Cursor takes for MCP server 'docs' (it takes: args, command, env, headers, url); did you mean 'headers'?",
      ],
    ])
  })

  it("applies kit.yaml items over the item's own block", async () => {
    const sb = await createMemSandbox()
    await sb.write(
      'kit/kit.yaml',
      'name: starter-kit\nversion: 1.0.0\nitems:\n  agents/reviewer.md: { tools: [claude-code], overrides: { claude-code: { model: haiku } } }\n  skills/code-review: { tools: [cursor] }\n',
    )
    const result = await loadKit(sb.fs, sb.kit, { checkContent: true, targets: await builtinTargets() })
    expect(result.ok && result.value.items).toEqual({
      'agents/reviewer.md': { tools: ['claude-code'], overrides: { 'claude-code': { model: 'haiku' } } },
      'skills/code-review/SKILL.md': { tools: ['cursor'] },
    })
  })
})

describe('a file several tools share', () => {
  it('refuses overrides that would give the tools sharing a skill folder different copies', async () => {
    const sb = await createMemSandbox()
    const before = await sb.tree()
    await sb.write(
      'kit/skills/code-review/SKILL.md',
      '---\nname: code-review\ndescription: d\noutfit: { overrides: { codex: { license: MIT } } }\n---\nBody\n',
    )
    const report = await sb.install(['codex', 'gemini-cli'], { scope: 'project' })
    const failed = report.results.find((r) => r.status === 'failed')
    expect(failed?.failure?.error.message).toContain(
      `${join(sb.project, '.agents/skills/code-review/SKILL.md')}: another tool of this run writes other content to this shared file`,
    )
    expect(await sb.tree()).toEqual(before)
  })
})

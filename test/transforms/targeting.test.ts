// The pure parts of per-item targeting: who gets an item, the kit one tool sees, the block taken out of a file's text,
// the keys a step accepts, and overrides set last.
import { describe, expect, it } from 'vitest'
import { applyTransforms } from '../../src/transforms/apply.js'
import { copyAccepts, writtenKeys } from '../../src/transforms/accepted-keys.js'
import { makeItem } from '../../src/transforms/item.js'
import {
  acceptedOverrides,
  applyOverrides,
  isFor,
  itemPathOf,
  kitForTool,
  stripOutfitBlock,
} from '../../src/transforms/targeting.js'
import type { Kit } from '../../src/types.js'

const kit = (over: Partial<Kit> = {}): Kit => ({
  dir: '/kit',
  name: 'k',
  version: '1.0.0',
  mcp: [
    { name: 'a', command: 'a' },
    { name: 'b', command: 'b', outfit: { tools: ['codex'] } },
  ],
  hooks: [{ event: 'stop', command: 'x', outfit: { tools: { not: ['codex'] } } }],
  files: ['agents/r.md', 'commands/c.md', 'skills/s/SKILL.md', 'skills/s/ref.md', 'rules/g.md'],
  ...over,
})

describe('which tools get an item', () => {
  it('reads a list, a { not } list and no block', () => {
    expect(isFor(undefined, 'codex')).toBe(true)
    expect(isFor({ tools: ['cursor'] }, 'codex')).toBe(false)
    expect(isFor({ tools: { not: ['codex'] } }, 'codex')).toBe(false)
    expect(isFor({ tools: { not: ['codex'] } }, 'cursor')).toBe(true)
  })

  it('puts every file of a skill under its SKILL.md', () => {
    expect(itemPathOf('skills/s/ref.md')).toBe('skills/s/SKILL.md')
    expect(itemPathOf('agents/r.md')).toBe('agents/r.md')
    expect(itemPathOf('mcp.yaml')).toBeUndefined()
  })

  it('gives each tool only its items, and the kit itself when nothing picks tools', () => {
    const k = kit({ items: { 'skills/s/SKILL.md': { tools: ['cursor'] }, 'agents/r.md': { overrides: {} } } })
    const codex = kitForTool(k, 'codex')
    expect(codex.files).toEqual(['agents/r.md', 'commands/c.md', 'rules/g.md'])
    expect(codex.mcp.map((s) => s.name)).toEqual(['a', 'b'])
    expect(codex.hooks).toEqual([])
    expect(kitForTool(k, 'cursor').files).toEqual(k.files)
    expect(kitForTool(k, 'cursor').mcp.map((s) => s.name)).toEqual(['a'])
    const plain = kit({
      mcp: [],
      hooks: [],
      items: { 'agents/r.md': { overrides: { codex: { model: 'x' } } } },
    })
    expect(kitForTool(plain, 'codex')).toBe(plain)
  })
})

describe('the block taken out of the text', () => {
  it('keeps every other byte: quoting, comments, key order', () => {
    const text =
      "---\nname: x   # the name\noutfit:\n  tools: [codex]\n  overrides:\n    codex: { model: y }\ndescription: 'q'\n---\nBody\n"
    expect(stripOutfitBlock(text)).toBe("---\nname: x   # the name\ndescription: 'q'\n---\nBody\n")
  })

  it('takes out a last key, a flow block, and CRLF text', () => {
    expect(stripOutfitBlock('---\nname: x\noutfit: { tools: [a] }\n---\nB')).toBe('---\nname: x\n---\nB')
    expect(stripOutfitBlock('---\r\nname: x\r\noutfit:\r\n  tools: [a]\r\nz: 1\r\n---\r\nB')).toBe(
      '---\r\nname: x\r\nz: 1\r\n---\r\nB',
    )
  })

  it('drops a frontmatter left empty, and leaves a text without the block alone', () => {
    expect(stripOutfitBlock('---\noutfit: { tools: [a] }\n---\nBody\n')).toBe('Body\n')
    const plain = '---\nname: outfit\ndescription: the outfit: tool\n---\nBody\n'
    expect(stripOutfitBlock(plain)).toBe(plain)
  })

  it('is gone from the parsed item, its variables and what any transform writes', () => {
    const item = makeItem('r.md', '---\nname: r\noutfit: { tools: [a] }\n---\nBody\n', '/kit/agents/r.md')
    expect(item.doc.frontmatter).toEqual({ name: 'r' })
    expect(item.content).toBe('---\nname: r\n---\nBody\n')
    expect(applyTransforms(item, [{ frontmatter: {} }], (s) => s)).toBe('---\nname: r\n---\nBody\n')
  })
})

describe('the keys a step accepts and overrides set last', () => {
  it('follows what the transforms write, unless the step declares accepts', () => {
    expect(writtenKeys([])).toBe('any')
    expect(writtenKeys([{ frontmatter: { keep: ['description'], set: { mode: 'subagent' } } }])).toEqual(
      new Set(['description', 'mode']),
    )
    expect(
      writtenKeys([
        { frontmatter: { cases: { applyTo: [{ value: '**' } as never] } } },
        { frontmatter: { keep: ['description', 'applyTo'] } },
      ]),
    ).toEqual(new Set(['description', 'applyTo']))
    expect(writtenKeys([{ frontmatter: { keep: ['globs'], rename: { globs: 'paths' } } }])).toEqual(
      new Set(['paths']),
    )
    expect(writtenKeys([{ frontmatter: { remove: true } }])).toEqual(new Set())
    expect(writtenKeys([{ template: '{{item.body}}' }])).toEqual(new Set())
    expect(writtenKeys([{ toml: { description: 'd', prompt: 'p' } }])).toEqual(
      new Set(['description', 'prompt']),
    )
    expect(copyAccepts({ accepts: ['model'], transform: [{ frontmatter: { remove: true } }] })).toEqual(
      new Set(['model']),
    )
  })

  it('sets accepted keys in order, removes null ones, and returns the refused', () => {
    const { accepted, refused } = acceptedOverrides(
      { model: 'opus', tools: null, colour: 'red' },
      new Set(['model', 'tools']),
    )
    expect(refused).toEqual(['colour'])
    expect(applyOverrides({ name: 'r', tools: 'Read', model: 'sonnet' }, accepted)).toEqual({
      name: 'r',
      model: 'opus',
    })
  })

  it('sets overrides on a TOML table', () => {
    const item = makeItem('r.md', '---\nname: r\ndescription: d\n---\nDo it.\n', '/kit/agents/r.md')
    const out = applyTransforms(
      item,
      [
        {
          toml: {
            name: '{{item.title}}',
            description: '{{item.description}}',
            developer_instructions: '{{item.body}}',
          },
        },
      ],
      (t, v) => t.replace(/\{\{([^}]+)\}\}/g, (_, k: string) => v[k] ?? ''),
      { model_reasoning_effort: 'high', description: null },
    )
    // Text with line breaks is written last, as a multi-line string (src/formats/toml-text.ts).
    expect(out).toBe(
      'name = "r"\nmodel_reasoning_effort = "high"\ndeveloper_instructions = """\nDo it.\n"""\n',
    )
  })
})

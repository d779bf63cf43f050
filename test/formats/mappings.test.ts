// Every mapping a built-in target declares reads both ways: kit → tool form → kit gives back what the kit wrote
// (the declaration `outfit adopt` will read a tool's files back with), and the forward direction is what install does.
import { describe, expect, it } from 'vitest'
import { requireTargets } from '../../src/api/targets.js'
import { realFs } from '../../src/fs/fs.js'
import {
  ambiguity,
  backward,
  backwardAll,
  declaredMappings,
  forward,
  forwardAll,
  type Mapping,
} from '../../src/formats/mappings.js'

const targets = await requireTargets({ fs: realFs })
const declared = targets.flatMap((t) =>
  t.spec.steps.flatMap((step) => declaredMappings(step).map((d) => ({ target: t.spec.id, ...d }))),
)

/** Kit-side samples for each kind of mapping. */
function samples(mapping: Mapping): unknown[] {
  switch (mapping.kind) {
    case 'rename':
      return [
        Object.fromEntries(Object.keys(mapping.map).map((k, i) => [k, `v${i}`])),
        ...Object.keys(mapping.map),
      ]
    case 'join':
      return [{ [mapping.key]: ['src/**/*.ts', 'test/**'], description: 'x' }]
    case 'split':
      return [{ [mapping.key]: 'src/**/*.ts,test/**', description: 'x' }]
    case 'envRefs':
      return ['${GITHUB_TOKEN}', 'Bearer ${DOCS_TOKEN}', 'https://example.com/${REGION}/mcp', 'no reference']
    case 'tools':
      return Object.keys(mapping.map)
    case 'timeUnit':
      return [30, 1.5]
  }
}

describe('declared mappings of the built-in targets', () => {
  it('are found in every kind the targets use', () => {
    const kinds = new Set(declared.flatMap((d) => d.mappings.map((m) => m.kind)))
    expect([...kinds].sort()).toEqual(['envRefs', 'join', 'rename', 'split', 'timeUnit', 'tools'])
  })

  it.each(declared)('$target › $step › $applies: kit → tool → kit', ({ mappings, applies }) => {
    for (const mapping of mappings) expect(ambiguity(mapping)).toBeUndefined()
    if (applies === 'frontmatter') {
      // The whole transform's mappings at once, as install applies them to one file.
      const kit = { description: 'x', globs: ['src/**/*.ts', 'test/**'], tools: ['Read', 'Grep'] }
      const split = mappings.some((m) => m.kind === 'split')
      const sample = split ? { ...kit, globs: 'src/**/*.ts,test/**', tools: 'Read,Grep' } : kit
      const tool = forwardAll(mappings, sample)
      expect(tool).not.toEqual(sample)
      expect(backwardAll(mappings, tool)).toEqual(sample)
    }
    for (const mapping of mappings) {
      for (const sample of samples(mapping)) {
        const tool = forward(mapping, sample)
        if (mapping.kind === 'tools') {
          // Several kit names may map onto one tool name: back, it reads as all of them (a matcher of alternatives),
          // which maps forward to the same tool names again.
          expect(String(backward(mapping, tool)).split('|')).toContain(sample)
          expect(forward(mapping, backward(mapping, tool))).toBe(tool)
        } else expect(backward(mapping, tool)).toEqual(sample)
      }
    }
  })
})

describe('a mapping', () => {
  it('renames keys both ways, and a swap too', () => {
    const swap: Mapping = { kind: 'rename', map: { a: 'b', b: 'a' } }
    expect(forward(swap, { a: 1, b: 2 })).toEqual({ b: 1, a: 2 })
    expect(backward(swap, { b: 1, a: 2 })).toEqual({ a: 1, b: 2 })
  })

  it('is refused for reading back when two names become one', () => {
    expect(ambiguity({ kind: 'rename', map: { globs: 'paths', files: 'paths' } })).toBe(
      "'globs' and 'files' both become 'paths'",
    )
  })

  it("reads a tool's environment references back into ${VAR}", () => {
    const opencode: Mapping = { kind: 'envRefs', prefix: '{env:', suffix: '}' }
    expect(forward(opencode, 'Bearer ${TOKEN}')).toBe('Bearer {env:TOKEN}')
    expect(backward(opencode, 'Bearer {env:TOKEN} and {env:OTHER}')).toBe('Bearer ${TOKEN} and ${OTHER}')
  })

  it('maps matcher alternatives, and back to every kit name a tool name stands for', () => {
    const codex: Mapping = { kind: 'tools', map: { Bash: 'Bash', Edit: 'apply_patch', Write: 'apply_patch' } }
    expect(forward(codex, 'Edit|Write')).toBe('apply_patch')
    expect(backward(codex, 'apply_patch|Bash')).toBe('Bash|Edit|Write')
    const antigravity: Mapping = {
      kind: 'tools',
      map: { Edit: 'replace|multi_replace', MultiEdit: 'multi_replace' },
    }
    expect(backward(antigravity, 'multi_replace')).toBe('MultiEdit')
    expect(backward(antigravity, 'replace|multi_replace')).toBe('Edit|MultiEdit')
  })

  it('converts timeouts to milliseconds and back', () => {
    expect(forward({ kind: 'timeUnit', unit: 'milliseconds' }, 30)).toBe(30000)
    expect(backward({ kind: 'timeUnit', unit: 'milliseconds' }, 30000)).toBe(30)
  })
})

// Preset expansion: parameters fill `{ $param }` places, what is left unset disappears, a target's own keys win, and
// the manifest step is appended. Presets here are in-memory, so each rule is seen on the smallest example.
import { describe, expect, it } from 'vitest'
import { expandTarget, sourcePointer } from '../../src/load/expand.js'
import { builtinPresets, type Preset, type Presets } from '../../src/load/presets.js'
import { validateValue } from '../../src/schema/validate-shape.js'
import type { TargetSource } from '../../src/types.js'

const copy: Preset = {
  name: 'copy-things',
  file: 'copy-things.yaml',
  description: 'test preset',
  params: {
    to: { description: 'folder', default: 'things' },
    keep: { description: 'keys' },
    arguments: { description: 'args' },
    transform: {
      description: 'all transforms',
      default: [
        { frontmatter: { keep: { $param: 'keep' } } },
        { replace: { $ARGUMENTS: { $param: 'arguments' } } },
      ],
    },
  },
  step: {
    name: 'things',
    when: { kit: 'things/*.md' },
    run: {
      action: 'copy',
      with: { from: 'things/*.md', to: { $param: 'to' }, transform: { $param: 'transform' } },
    },
  },
}
const presets: Presets = { byName: new Map([[copy.name, copy]]), broken: new Map() }

function target(steps: unknown[]): TargetSource {
  return { id: 't', name: 'T', scopes: { global: { root: '/h', dir: '/h/.t' } }, steps } as TargetSource
}

describe('expandTarget', () => {
  it('uses the defaults, and leaves out every place whose parameter is unset', () => {
    const { spec, problems } = expandTarget(target([{ preset: 'copy-things' }]), presets)
    expect(problems).toEqual([])
    expect(spec.steps).toEqual([
      {
        name: 'things',
        when: { kit: 'things/*.md' },
        run: { action: 'copy', with: { from: 'things/*.md', to: 'things' } },
      },
      { name: 'manifest', run: { action: 'manifest' } },
    ])
  })

  it('fills the given parameters, also inside a default, and never expands the values a target gives', () => {
    const given = { $param: 'keep' } // a target's value is data, even when it looks like a parameter
    const { spec } = expandTarget(
      target([{ preset: 'copy-things', to: 'x', keep: ['description'], arguments: given }]),
      presets,
    )
    expect(spec.steps[0]?.run).toEqual({
      action: 'copy',
      with: {
        from: 'things/*.md',
        to: 'x',
        transform: [
          { frontmatter: { keep: ['description'] } },
          { replace: { $ARGUMENTS: { $param: 'keep' } } },
        ],
      },
    })
  })

  it('leaves out what a parameter given as null would set, default included', () => {
    const { spec } = expandTarget(target([{ preset: 'copy-things', to: null }]), presets)
    expect(spec.steps[0]?.run).toEqual({ action: 'copy', with: { from: 'things/*.md' } })
  })

  it("lets the target name the step and add conditions to the preset's", () => {
    const { spec } = expandTarget(
      target([{ preset: 'copy-things', name: 'stuff', when: { scope: 'project', exists: '/h/x' } }]),
      presets,
    )
    expect(spec.steps[0]).toMatchObject({
      name: 'stuff',
      when: { kit: 'things/*.md', scope: 'project', exists: '/h/x' },
    })
  })

  it('keeps a manifest step the target writes, and full steps as written', () => {
    const full = { name: 'notes', run: { action: 'write', with: { path: 'a', content: 'b' } } }
    const manifest = { name: 'record', run: { action: 'manifest' } }
    const { spec } = expandTarget(target([full, manifest]), presets)
    expect(spec.steps).toEqual([full, manifest])
  })

  it('points a problem in an expanded step back at the parameter that caused it', () => {
    const expanded = expandTarget(target([{ preset: 'copy-things', to: 5 }]), presets)
    const inSource = (p: string) => p === '/steps/0' || p === '/steps/0/to' || p === '/steps/0/preset'
    expect(sourcePointer(expanded, '/steps/0/run/with/to', inSource)).toBe('/steps/0/to')
    expect(sourcePointer(expanded, '/steps/0/run/with/from', inSource)).toBe('/steps/0/preset')
    expect(sourcePointer(expanded, '/steps/1/run', inSource)).toBe('/steps/1/run')
  })
})

describe('the built-in presets', () => {
  it('all load, and each says what it is for', () => {
    const { byName, broken } = builtinPresets()
    expect([...broken.keys()]).toEqual([])
    expect(byName.size).toBeGreaterThanOrEqual(10)
    for (const preset of byName.values()) expect(preset.description.length).toBeGreaterThan(20)
  })

  it('each expand, given only their required parameters, into a step the schema accepts', () => {
    for (const preset of builtinPresets().byName.values()) {
      const required = Object.entries(preset.params).filter(([, p]) => p.required)
      const use = {
        preset: preset.name,
        ...Object.fromEntries(required.map(([name]) => [name, 'file.json'])),
      }
      const { spec, problems } = expandTarget(target([use]))
      expect(problems, preset.name).toEqual([])
      expect(validateValue('target.schema.json', spec), preset.name).toEqual([])
    }
  })

  it('use only parameters they declare', () => {
    for (const preset of builtinPresets().byName.values()) {
      const used = new Set<string>()
      const walk = (node: unknown): void => {
        if (Array.isArray(node)) node.forEach(walk)
        else if (node && typeof node === 'object') {
          const name = (node as { $param?: unknown }).$param
          if (typeof name === 'string') used.add(name)
          Object.values(node).forEach(walk)
        }
      }
      walk(preset.step)
      Object.values(preset.params).forEach((p) => walk(p.default))
      expect(
        [...used].filter((name) => !Object.hasOwn(preset.params, name)),
        preset.name,
      ).toEqual([])
    }
  })
})

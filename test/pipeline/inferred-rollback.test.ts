// A step may leave out `rollback`: every action has exactly one inverse, and the pipeline uses it. An explicit
// rollback (legal, and checked by the loader) gives the same pipeline.
import { describe, expect, it } from 'vitest'
import { realFs } from '../../src/fs/fs.js'
import { loadTarget } from '../../src/load/load-target.js'
import { buildPipeline } from '../../src/pipeline/build-pipeline.js'
import type { TargetSpec } from '../../src/types.js'
import { repoRoot } from '../integration/sandbox.js'

const ctx = { home: '/h', project: '/p', platform: 'linux' }

describe('inferred rollback', () => {
  it("uses each action's inverse when the step does not name one", async () => {
    const loaded = await loadTarget(realFs, `${repoRoot}/test/fixtures/targets/valid/inferred-rollback.yaml`)
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics))
    const steps = buildPipeline(loaded.value.spec, 'global', ctx).steps
    expect(steps.map((s) => [s.name, s.action, s.inverse])).toEqual([
      ['agents', 'copy', 'remove'],
      ['manifest', 'manifest', 'unmanifest'],
    ])
  })

  it('builds the same steps with the rollback written out', () => {
    const step = { name: 'mcp', run: { action: 'json-merge', with: { file: 'x.json', entries: {} } } }
    const spec = (rollback?: object): TargetSpec =>
      ({
        id: 't',
        name: 'T',
        scopes: { global: { root: '{{home}}', dir: '{{home}}/.t' } },
        steps: [{ ...step, ...(rollback ? { rollback } : {}) }],
      }) as unknown as TargetSpec
    const inverses = (s: TargetSpec) => buildPipeline(s, 'global', ctx).steps.map((x) => x.inverse)
    expect(inverses(spec())).toEqual(['json-unmerge'])
    expect(inverses(spec({ action: 'json-unmerge' }))).toEqual(inverses(spec()))
  })
})

import { describe, expect, it } from 'vitest'
import { runPipeline } from '../../src/pipeline/run-pipeline.js'
import { runAll } from '../../src/run/run-all.js'
import type { ToolResult } from '../../src/types.js'
import { fakePipeline, gate, type Events } from '../helpers/fake-steps.js'
import { createTestFs } from '../helpers/test-fs.js'
import { testState } from '../helpers/context.js'

const kit = { dir: '/kit', name: 'k', version: '1.0.0', mcp: [], hooks: [], files: [] }
const options = (extra: Partial<Parameters<typeof runAll>[1]> = {}) => ({
  fs: createTestFs({ '/home/.keep': '' }).fs,
  kit,
  home: '/home',
  project: '/project',
  runner: runPipeline,
  stateFor: () => testState(),
  ...extra,
})

describe('runAll', () => {
  it('really runs pipelines at the same time', async () => {
    const events: Events = []
    const aGate = gate()
    const bGate = gate()
    // A cannot finish step one until B has started it, and vice versa: only concurrent execution completes.
    const a = fakePipeline('a', [{ name: 'one', waitFor: aGate, onStart: () => bGate.open() }], events)
    const b = fakePipeline('b', [{ name: 'one', waitFor: bGate, onStart: () => aGate.open() }], events)
    const { results } = await runAll([a, b], options())
    expect(events.slice(0, 2).sort()).toEqual(['a:one:start', 'b:one:start'])
    expect(results.map((r) => r.status)).toEqual(['unchanged', 'unchanged'])
  })

  it('respects the concurrency limit', async () => {
    const events: Events = []
    const pipelines = ['a', 'b', 'c'].map((t) => fakePipeline(t, [{ name: 'one' }, { name: 'two' }], events))
    await runAll(pipelines, options({ concurrency: 1 }))
    expect(events).toEqual(
      ['a', 'b', 'c'].flatMap((t) => [`${t}:one:start`, `${t}:one:done`, `${t}:two:start`, `${t}:two:done`]),
    )
  })

  it('fails fast: the first failure cancels the others at their next step, all roll back, and it settles last', async () => {
    const events: Events = []
    const bInFlight = gate()
    const slowUndo = gate()
    const a = fakePipeline(
      'a',
      [
        { name: 'one', waitFor: bInFlight },
        { name: 'two', fails: true },
      ],
      events,
    )
    const b = fakePipeline('b', [{ name: 'one' }, { name: 'two' }], events)
    // B's first step finishes only after A has failed; its undo is the slowest thing in the run.
    const bStepOne = b.steps[0]
    if (!bStepOne) throw new Error('no step')
    const aFailed = gate()
    bStepOne.run = async (ctx) => {
      events.push('b:one:start')
      bInFlight.open()
      await aFailed.promise
      ctx.record({ kind: 'dir', path: '/home/.x/b-one' })
      events.push('b:one:done')
    }
    const bStepOneUndo = bStepOne.undo
    bStepOne.undo = async (...args) => {
      events.push('b:one:undo')
      await slowUndo.promise
      events.push('b:one:undo-finished')
      return bStepOneUndo(...args)
    }
    const done: string[] = []
    const running = runAll(
      [a, b],
      options({
        onToolDone: (r: ToolResult) => {
          done.push(r.tool)
          if (r.tool === 'a') {
            aFailed.open()
            slowUndo.open()
          }
        },
      }),
    ).then((r) => {
      events.push('runAll:settled')
      return r
    })
    const { results } = await running
    expect(results.map((r) => [r.tool, r.status])).toEqual([
      ['a', 'failed'],
      ['b', 'cancelled'],
    ])
    // B never started step two; it rolled back step one; runAll settled after B's slow undo finished.
    expect(events).not.toContain('b:two:start')
    expect(events.indexOf('b:one:undo-finished')).toBeLessThan(events.indexOf('runAll:settled'))
    expect(events.at(-1)).toBe('runAll:settled')
    expect(done).toEqual(['a', 'b'])
  })

  it('hands each tool its own complete log, once, when that tool finishes', async () => {
    const events: Events = []
    const blocks: ToolResult[] = []
    const pipelines = ['a', 'b', 'c'].map((t) => fakePipeline(t, [{ name: 'one' }, { name: 'two' }], events))
    await runAll(pipelines, options({ onToolDone: (r: ToolResult) => blocks.push(r) }))
    expect(blocks.map((b) => b.tool).sort()).toEqual(['a', 'b', 'c'])
    for (const block of blocks)
      expect(block.log.map((l) => l.text)).toEqual(['one: up to date', 'two: up to date'])
  })

  it('works the same for one tool', async () => {
    const events: Events = []
    const { results, cancelled } = await runAll(
      [fakePipeline('solo', [{ name: 'one' }, { name: 'two', fails: true }], events)],
      options(),
    )
    expect(results.map((r) => r.status)).toEqual(['failed'])
    expect(cancelled).toBe(false)
    expect(events).toEqual([
      'solo:one:start',
      'solo:one:done',
      'solo:two:start',
      'solo:two:fail',
      'solo:two:undo',
      'solo:one:undo',
    ])
  })

  it('an outer abort (Ctrl-C) cancels every pipeline and marks the run cancelled', async () => {
    const events: Events = []
    const controller = new AbortController()
    const pipelines = ['a', 'b'].map((t) =>
      fakePipeline(t, [{ name: 'one', onStart: () => controller.abort() }, { name: 'two' }], events),
    )
    const { results, cancelled } = await runAll(pipelines, options({ signal: controller.signal }))
    expect(cancelled).toBe(true)
    expect(results.map((r) => r.status)).toEqual(['cancelled', 'cancelled'])
    expect(events.filter((e) => e.includes(':two:'))).toEqual([])
  })
})

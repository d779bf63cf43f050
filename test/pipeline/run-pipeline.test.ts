import { describe, expect, it } from 'vitest'
import { CancelledError, StepFailedError } from '../../src/errors.js'
import { runPipeline } from '../../src/pipeline/run-pipeline.js'
import { testContext } from '../helpers/context.js'
import { fakePipeline, gate, type Events } from '../helpers/fake-steps.js'
import { createTestFs } from '../helpers/test-fs.js'

const ctx = (overrides = {}) => testContext(createTestFs({ '/home/.keep': '' }).fs, overrides)

describe('runPipeline', () => {
  it('runs the steps in order and reports each one', async () => {
    const events: Events = []
    const result = await runPipeline(
      fakePipeline('a', [{ name: 'one' }, { name: 'two' }, { name: 'three' }], events),
      ctx(),
    )
    expect(events).toEqual([
      'a:one:start',
      'a:one:done',
      'a:two:start',
      'a:two:done',
      'a:three:start',
      'a:three:done',
    ])
    // The fake steps only create directories, which are not counted as installed files.
    expect(result.status).toBe('unchanged')
    expect(result.steps.map((s) => [s.name, s.status])).toEqual([
      ['one', 'unchanged'],
      ['two', 'unchanged'],
      ['three', 'unchanged'],
    ])
  })

  it('skips a step whose guard does not hold, and says why', async () => {
    const events: Events = []
    const { fs } = createTestFs({ '/home/.tool/exists': '' })
    const kit = { dir: '/kit', name: 'k', version: '1.0.0', mcp: [], hooks: [], files: ['rules/a.md'] }
    const pipeline = fakePipeline(
      'a',
      [
        { name: 'no-agents', when: { kit: 'agents/*.md' } },
        { name: 'no-mcp', when: { kit: 'mcp' } },
        { name: 'already', when: { missing: '{{dir}}/exists' } },
        { name: 'absent', when: { exists: '{{dir}}/nope' } },
        { name: 'rules', when: { kit: 'rules/*.md', exists: '{{dir}}/exists' } },
      ],
      events,
    )
    const result = await runPipeline(pipeline, testContext(fs, { kit }))
    expect(events).toEqual(['a:rules:start', 'a:rules:done'])
    expect(result.log.map((l) => l.text)).toEqual([
      'no-agents: skipped (the kit has no agents/*.md)',
      'no-mcp: skipped (the kit has no MCP servers)',
      'already: skipped (/home/.tool/exists already exists)',
      'absent: skipped (/home/.tool/nope does not exist)',
      'rules: up to date',
    ])
  })

  it("rolls back the completed steps in reverse, and the failed step's own partial changes, naming tool and step", async () => {
    const events: Events = []
    const result = await runPipeline(
      fakePipeline(
        'a',
        [{ name: 'one' }, { name: 'two' }, { name: 'three', fails: true }, { name: 'four' }],
        events,
      ),
      ctx(),
    )
    expect(events).toEqual([
      'a:one:start',
      'a:one:done',
      'a:two:start',
      'a:two:done',
      'a:three:start',
      'a:three:fail',
      'a:three:undo',
      'a:two:undo',
      'a:one:undo',
    ])
    expect(result.status).toBe('failed')
    expect(result.failure?.step).toBe('three')
    expect(result.failure?.error).toBeInstanceOf(StepFailedError)
    expect(result.failure?.error.message).toBe('A › three: three broke')
    expect((result.failure?.error.cause as Error).message).toBe('three broke')
    expect(result.steps.map((s) => s.status)).toEqual(['rolled-back', 'rolled-back', 'failed'])
  })

  it('keeps unwinding when a rollback fails, and reports it beside the cause', async () => {
    const events: Events = []
    const result = await runPipeline(
      fakePipeline(
        'a',
        [{ name: 'one' }, { name: 'two', undoFails: true }, { name: 'three', fails: true }],
        events,
      ),
      ctx(),
    )
    expect(events.filter((e) => e.endsWith(':undo'))).toEqual(['a:three:undo', 'a:two:undo', 'a:one:undo'])
    expect(result.failure?.error.message).toBe('A › three: three broke')
    expect(result.rollbackErrors.map((e) => [e.step, e.error.message])).toEqual([
      ['two', 'undo of two broke'],
    ])
    expect(result.steps.map((s) => s.status)).toEqual(['rolled-back', 'rollback-failed', 'failed'])
  })

  it('stops at the next step boundary when aborted, and rolls back', async () => {
    const events: Events = []
    const controller = new AbortController()
    const hold = gate()
    const pipeline = fakePipeline(
      'a',
      [{ name: 'one' }, { name: 'two', waitFor: hold, onStart: () => controller.abort() }, { name: 'three' }],
      events,
    )
    const running = runPipeline(pipeline, ctx({ signal: controller.signal }))
    hold.open()
    const result = await running
    // The step in flight finishes; the next one never starts.
    expect(events).toEqual([
      'a:one:start',
      'a:one:done',
      'a:two:start',
      'a:two:done',
      'a:two:undo',
      'a:one:undo',
    ])
    expect(result.status).toBe('cancelled')
    expect(result.failure?.error).toBeInstanceOf(CancelledError)
    expect(result.failure?.step).toBe('three')
  })

  it('never rejects, even when an undo throws a non-Error', async () => {
    const pipeline = fakePipeline('a', [{ name: 'one' }, { name: 'two', fails: true }], [])
    const first = pipeline.steps[0]
    if (first) first.undo = async () => Promise.reject('plain string')
    const result = await runPipeline(pipeline, ctx())
    expect(result.rollbackErrors.map((e) => e.error.message)).toEqual(['plain string'])
  })
})

// Pipelines made of fake steps that record what happens, in order, into a shared event list. Steps can succeed,
// fail, fail in rollback, or wait on a gate the test opens: ordering is proved by events, never by timing.
import type { Pipeline, Step } from '../../src/pipeline/types.js'

export type Events = string[]

export interface Gate {
  promise: Promise<void>
  open(): void
}

export function gate(): Gate {
  let open!: () => void
  const promise = new Promise<void>((resolve) => (open = resolve))
  return { promise, open }
}

export interface FakeStep {
  name: string
  /** Throw when run. */
  fails?: boolean
  /** Throw when undone. */
  undoFails?: boolean
  /** Wait for this gate before finishing the run. */
  waitFor?: Gate
  /** Wait for this gate before finishing the undo. */
  undoWaitFor?: Gate
  /** Called once the step has started (e.g. to open another pipeline's gate). */
  onStart?: () => void
  when?: Step['when']
}

export function fakePipeline(tool: string, steps: FakeStep[], events: Events): Pipeline {
  return {
    tool: { id: tool, name: tool.toUpperCase() },
    scope: { name: 'global', root: '/home', dir: '/home/.x' },
    scopeVars: {},
    areas: ['/home/.x'],
    steps: steps.map((s): Step => ({
      name: s.name,
      action: 'write',
      inverse: 'remove',
      ...(s.when ? { when: s.when } : {}),
      async run(ctx) {
        events.push(`${tool}:${s.name}:start`)
        s.onStart?.()
        await s.waitFor?.promise
        // Each step "changes" one file, so the runner has something to undo.
        ctx.record({ kind: 'dir', path: `/home/.x/${tool}-${s.name}` })
        if (s.fails) {
          events.push(`${tool}:${s.name}:fail`)
          throw new Error(`${s.name} broke`)
        }
        events.push(`${tool}:${s.name}:done`)
      },
      async undo() {
        events.push(`${tool}:${s.name}:undo`)
        await s.undoWaitFor?.promise
        if (s.undoFails) throw new Error(`undo of ${s.name} broke`)
        return { kept: [] }
      },
    })),
  }
}

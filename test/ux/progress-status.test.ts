// Telling people where they are: which scope and folder `status` describes, and how far a long step has got.
import { describe, expect, it } from 'vitest'
import { liveProgress } from '../../src/cli/progress.js'
import { runCli } from '../helpers/run-cli.js'
import { useSandbox } from '../integration/sandbox.js'

const sb = useSandbox()

describe('status', () => {
  it('says which scope and which folder it describes', async () => {
    const global = await runCli(['status', 'cursor', '--scope', 'global', '--home', sb.home], {
      cwd: sb.project,
    })
    expect(global.out.split('\n')[0]).toBe(`global scope, in ${sb.home}`)
    const project = await runCli(['status', 'cursor'], { cwd: sb.project, env: { HOME: sb.home } })
    expect(project.out.split('\n')[0]).toBe(`project scope, in ${sb.project}`)
  })
})

describe('live progress', () => {
  it('shows an item counter in a long step, redrawn at most every 100 ms, always at the end', () => {
    const writes: string[] = []
    let clock = 0
    const progress = liveProgress(
      [{ id: 'cursor', name: 'Cursor' }],
      (t) => writes.push(t),
      false,
      () => clock,
    )
    progress.step('cursor', 'skills', 2, 9)
    const drawsBefore = writes.length
    for (let done = 1; done <= 2000; done++) {
      if (done % 100 === 0) clock += 50
      progress.step('cursor', 'skills', 2, 9, { done, total: 2000 })
    }
    const redraws = (writes.length - drawsBefore) / 2 // a redraw is one clear and one draw
    expect(redraws).toBeGreaterThan(5)
    expect(redraws).toBeLessThan(20)
    expect(writes.at(-1)).toContain('Cursor  › step 3 of 9: skills 2,000/2,000')
    expect(writes.join('')).toContain('skills 1,')
  })

  it('comes from the copy step of a real install in a terminal', async () => {
    const run = await runCli(
      ['install', 'cursor', '--kit', sb.kit, '--scope', 'global', '--home', sb.home, '--yes'],
      { cwd: sb.root, isTTY: true },
    )
    expect(run.code, run.all).toBe(0)
    expect(run.tty).toMatch(/step \d+ of \d+: skills 2\/2/)
  })
})

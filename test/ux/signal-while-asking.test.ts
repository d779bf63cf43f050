// SIGINT/SIGTERM while the tool picker is open: nothing has changed yet, so outfit ends at once (130 / 143) instead of
// announcing a rollback and waiting for an answer that will not come.
import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { clackPrompter } from '../../src/cli/prompts.js'
import { runCli } from '../helpers/run-cli.js'
import { useSandbox } from '../integration/sandbox.js'

const sb = useSandbox()

/** A terminal nobody types into: the question stays open until something else ends it. */
function silentTerminal() {
  const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => input })
  const output = Object.assign(new PassThrough(), { isTTY: true, columns: 80, rows: 24 })
  output.resume()
  return { input, output }
}

describe('a signal while the question is open', () => {
  it('ends the clack multiselect at once (it resolves as cancelled)', async () => {
    const controller = new AbortController()
    const asking = clackPrompter(silentTerminal()).selectTools(
      [{ value: 'cursor', label: 'Cursor' }],
      [],
      controller.signal,
    )
    setTimeout(() => controller.abort(), 50)
    await expect(asking).resolves.toBeNull()
  })

  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)('%s: exit %i, nothing changed, no rollback announced', async (signal, code) => {
    const controller = new AbortController()
    const before = await sb.tree()
    const run = runCli(['install', '--kit', sb.kit, '--scope', 'global', '--home', sb.home], {
      cwd: sb.root,
      isTTY: true,
      signal: controller.signal,
      abortedBy: () => (controller.signal.aborted ? signal : undefined),
      prompter: clackPrompter(silentTerminal()),
    })
    setTimeout(() => controller.abort(), 100)
    const result = await run
    expect(result.code).toBe(code)
    expect(result.err).toBe('error: interrupted while asking; nothing was changed')
    expect(await sb.tree()).toEqual(before)
  })
})

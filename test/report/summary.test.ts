// The summary says what really happened: an uninstall is not rolled back, an interrupt names the tools that had
// finished, and an interrupt after every tool finished is not a failure.
import { describe, expect, it } from 'vitest'
import { ExitCode, exitCodeForReport } from '../../src/cli/exit-code.js'
import { CancelledError, StepFailedError } from '../../src/errors.js'
import { renderSummary } from '../../src/report/render.js'
import type { RunReport, ToolResult } from '../../src/types.js'

const tool = (name: string, status: ToolResult['status'], failure?: ToolResult['failure']): ToolResult => ({
  tool: name.toLowerCase(),
  name,
  scope: 'global',
  status,
  steps: [],
  ...(failure ? { failure } : {}),
  rollbackErrors: [],
  kept: [],
  log: [],
  written: 0,
})

describe('summary', () => {
  it('an uninstall that fails says what stays removed and how to finish, not "rolled back"', () => {
    const enospc = new StepFailedError(
      'Codex',
      'skills',
      'rollback',
      Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }),
    )
    const report: RunReport = {
      command: 'uninstall',
      cancelled: false,
      results: [tool('Codex', 'failed', { step: 'skills', error: enospc })],
    }
    expect(renderSummary(report, { color: false })).toEqual([
      "✗ Codex  failed at step 'skills': ENOSPC: no space left on device; what was already removed stays removed; run the uninstall again to finish",
    ])
  })

  it('an interrupted install names the tools that had finished and stay installed', () => {
    const report: RunReport = {
      command: 'install',
      cancelled: true,
      results: [
        tool('Cursor', 'installed'),
        tool('Codex', 'cancelled', { step: 'skills', error: new CancelledError('interrupted') }),
      ],
    }
    expect(renderSummary(report, { color: false }).at(-1)).toBe(
      'Interrupted: Codex was rolled back; Cursor had already finished and stays installed.',
    )
    expect(exitCodeForReport(report, 'SIGTERM')).toBe(ExitCode.Terminated)
  })

  it('an interrupt after every tool had finished is a success', () => {
    const report: RunReport = {
      command: 'install',
      cancelled: true,
      results: [tool('Cursor', 'installed'), tool('Codex', 'unchanged')],
    }
    expect(exitCodeForReport(report, 'SIGINT')).toBe(ExitCode.Success)
  })
})

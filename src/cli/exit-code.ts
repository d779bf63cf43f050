// Exit codes, mapped in exactly one place and documented in the README.
import type { OutfitError } from '../errors.js'
import type { RunReport } from '../types.js'

export enum ExitCode {
  Success = 0,
  /** A tool failed (and was rolled back), or input is invalid (validate, bad kit or target). */
  Failed = 1,
  /** Bad command line: unknown command, flag or tool. */
  Usage = 2,
  /** A rollback failed: some files may need attention (the report lists them). */
  RollbackFailed = 3,
  /** Interrupted by SIGINT (Ctrl-C); everything was rolled back. */
  Interrupted = 130,
  /** Stopped by SIGTERM; everything was rolled back. */
  Terminated = 143,
}

export function exitCodeForReport(report: RunReport, signal?: 'SIGINT' | 'SIGTERM'): ExitCode {
  if (report.results.some((r) => r.rollbackErrors.length > 0)) return ExitCode.RollbackFailed
  if (report.cancelled) return signal === 'SIGTERM' ? ExitCode.Terminated : ExitCode.Interrupted
  return report.results.some((r) => r.status === 'failed' || r.status === 'cancelled') ? ExitCode.Failed : ExitCode.Success
}

export function exitCodeForError(error: OutfitError): ExitCode {
  switch (error.code) {
    case 'USAGE':
      return ExitCode.Usage
    case 'ROLLBACK_FAILED':
      return ExitCode.RollbackFailed
    case 'CANCELLED':
      return ExitCode.Interrupted
    default:
      return ExitCode.Failed
  }
}

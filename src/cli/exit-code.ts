// Exit codes, mapped in exactly one place and documented in the README.
import { StateError, type OutfitError } from '../errors.js'
import type { RunReport } from '../types.js'

export enum ExitCode {
  Success = 0,
  /** A tool failed (and was rolled back), or input is invalid (validate, bad kit or target). */
  Failed = 1,
  /** Bad command line: unknown command, flag or tool. */
  Usage = 2,
  /** A rollback failed: some files may need attention (the report lists them). */
  RollbackFailed = 3,
  /**
   * outfit's own state (an install manifest, crash journal, backup or the state key) is damaged, from another version,
   * or not provably outfit's for this user: it was not used, and nothing it names was changed.
   */
  StateInvalid = 4,
  /** `install --frozen`: outfit.lock is missing or would change. */
  LockMismatch = 5,
  /**
   * A kit from an untrusted source would run commands or has audit findings, and nobody could be asked (no terminal,
   * no --trust).
   */
  Untrusted = 6,
  /** `outfit audit` found hidden characters or commands that run fetched code in a kit. */
  Findings = 7,
  /** Interrupted by SIGINT (Ctrl-C); tools that had not finished were rolled back. */
  Interrupted = 130,
  /** Stopped by SIGTERM; tools that had not finished were rolled back. */
  Terminated = 143,
}

export function exitCodeForReport(report: RunReport, signal?: 'SIGINT' | 'SIGTERM'): ExitCode {
  if (report.results.some((r) => r.rollbackErrors.length > 0)) return ExitCode.RollbackFailed
  // An interrupt that came after every tool had finished changed nothing: the run succeeded.
  const unfinished = report.results.some((r) => r.status === 'cancelled' || r.status === 'failed')
  if (report.cancelled && unfinished) return signal === 'SIGTERM' ? ExitCode.Terminated : ExitCode.Interrupted
  if (report.results.some((r) => isStateError(r.failure?.error))) return ExitCode.StateInvalid
  return report.results.some((r) => r.status === 'failed' || r.status === 'cancelled')
    ? ExitCode.Failed
    : ExitCode.Success
}

export function exitCodeForError(error: OutfitError, signal?: 'SIGINT' | 'SIGTERM'): ExitCode {
  switch (error.code) {
    case 'USAGE':
      return ExitCode.Usage
    case 'ROLLBACK_FAILED':
      return ExitCode.RollbackFailed
    case 'LOCK_MISMATCH':
      return ExitCode.LockMismatch
    case 'UNTRUSTED':
      return ExitCode.Untrusted
    case 'CANCELLED':
      return signal === 'SIGTERM' ? ExitCode.Terminated : ExitCode.Interrupted
    case 'STATE_INVALID':
      return ExitCode.StateInvalid
    default:
      return ExitCode.Failed
  }
}

// --- internal ---

/** Whether a failure was caused, at any depth, by state outfit refused to trust. */
function isStateError(error: unknown): boolean {
  for (let e = error; e instanceof Error; e = e.cause) if (e instanceof StateError) return true
  return false
}

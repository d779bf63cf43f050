// The closed error taxonomy. Every expected failure is one of these; the CLI maps `code` to an exit code in one place.
import type { Diagnostic } from './types.js'

export type ErrorCode =
  | 'USAGE'
  | 'TARGET_INVALID'
  | 'KIT_NOT_FOUND'
  | 'FILE_ACCESS'
  | 'STEP_FAILED'
  | 'ROLLBACK_FAILED'
  | 'CANCELLED'
  | 'CONFLICT'
  | 'STATE_INVALID'
  | 'SOURCE_FAILED'
  | 'LOCK_MISMATCH'
  | 'UNTRUSTED'
  | 'INTERNAL'

export class OutfitError extends Error {
  readonly code: ErrorCode = 'INTERNAL'
  /** Extra lines for humans: where, what to do. */
  readonly hint?: string
  constructor(message: string, options?: { cause?: unknown; hint?: string }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    this.name = new.target.name
    if (options?.hint) this.hint = options.hint
  }
}

/** Bad command-line input. */
export class UsageError extends OutfitError {
  override readonly code = 'USAGE'
}

/** A target, kit or config file failed validation; holds every diagnostic. */
export class TargetInvalidError extends OutfitError {
  override readonly code = 'TARGET_INVALID'
  constructor(readonly diagnostics: Diagnostic[]) {
    super(`${diagnostics.length} problem${diagnostics.length === 1 ? '' : 's'} found`)
  }
}

/** There is no kit where one was expected (no folder, or no kit.yaml in it). */
export class KitNotFoundError extends OutfitError {
  override readonly code = 'KIT_NOT_FOUND'
}

/** The system refused outfit a file or folder it needs (permission denied, read-only file system). */
export class FileAccessError extends OutfitError {
  override readonly code = 'FILE_ACCESS'
}

/** Refusing to overwrite something the user owns. */
export class ConflictError extends OutfitError {
  override readonly code = 'CONFLICT'
}

/** A pipeline step failed; names the tool and step and keeps the cause. */
/** A kit could not be fetched, or what was fetched is not what the lock or cache says (names the kit and source). */
export class SourceError extends OutfitError {
  override readonly code = 'SOURCE_FAILED'
}

/** `install --frozen`: outfit.lock is missing or would change. */
export class LockMismatchError extends OutfitError {
  override readonly code = 'LOCK_MISMATCH'
}

/** A kit would run commands (hooks, MCP servers) and its source is not trusted. */
export class UntrustedError extends OutfitError {
  override readonly code = 'UNTRUSTED'
}

export class StepFailedError extends OutfitError {
  override readonly code = 'STEP_FAILED'
  constructor(
    readonly tool: string,
    readonly step: string,
    readonly phase: 'run' | 'rollback',
    cause: unknown,
  ) {
    super(`${tool} › ${step}: ${describeCause(cause)}`, { cause })
  }
}

/**
 * outfit's own state (a manifest, crash journal, backup or the state key) is unreadable, from another version, or not
 * provably written by outfit for this user. Fail closed: it is never acted on, and nothing is changed.
 */
export class StateError extends OutfitError {
  override readonly code = 'STATE_INVALID'
}

export class RollbackFailedError extends OutfitError {
  override readonly code = 'ROLLBACK_FAILED'
}

export class CancelledError extends OutfitError {
  override readonly code = 'CANCELLED'
  constructor(message = 'cancelled') {
    super(message)
  }
}

export class InternalError extends OutfitError {
  override readonly code = 'INTERNAL'
}

/** One line for a cause: our own messages as they are, system errors without the stack. */
export function describeCause(cause: unknown): string {
  if (cause instanceof Error) return cause.message
  return String(cause)
}

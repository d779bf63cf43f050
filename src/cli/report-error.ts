// A failure as people read it: located diagnostics for broken input, one line and a hint for an expected error, a
// stack trace only for a bug. Returns the exit code.
import { OutfitError, TargetInvalidError, UsageError } from '../errors.js'
import { renderDiagnostics } from '../report/render.js'
import { errorDocument } from '../report/to-json.js'
import type { CliDeps } from './deps.js'
import { ExitCode, exitCodeForError } from './exit-code.js'
import { fileAccessError } from './file-access.js'

/** Whatever a command threw, as people (and, with --json, scripts) should see it; returns the exit code. */
export function reportFailure(caught: unknown, deps: CliDeps, command: string, json: boolean): number {
  // cac's own parse errors (missing argument or option value) are usage errors, not crashes.
  const error =
    caught instanceof Error && caught.name === 'CACError'
      ? new UsageError(caught.message)
      : (fileAccessError(caught) ?? caught)
  // Scripts asked for JSON: give them the error as a document too (the human text still goes to stderr).
  if (json && error instanceof OutfitError) deps.out(JSON.stringify(errorDocument(command, error), null, 2))
  return reportError(error, deps)
}

// --- internal ---

function reportError(error: unknown, deps: CliDeps): number {
  if (error instanceof TargetInvalidError) {
    for (const line of renderDiagnostics(error.diagnostics, { color: deps.color, cwd: deps.cwd }))
      deps.err(line)
    deps.err(`✗ ${error.message}; nothing was changed`)
    return ExitCode.Failed
  }
  if (error instanceof OutfitError) {
    deps.err(`error: ${error.message}`)
    if (error.hint) deps.err(`  → ${error.hint}`)
    return exitCodeForError(error, deps.abortedBy?.())
  }
  deps.err(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
  deps.err('  → this is a bug in outfit; please report it with the command you ran')
  return ExitCode.Failed
}

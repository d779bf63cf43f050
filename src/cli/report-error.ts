// A failure as people read it: located diagnostics for broken input, one line and a hint for an expected error, a
// stack trace only for a bug. Returns the exit code.
import { OutfitError, TargetInvalidError } from '../errors.js'
import { renderDiagnostics } from '../report/render.js'
import type { CliDeps } from './deps.js'
import { ExitCode, exitCodeForError } from './exit-code.js'

export function reportError(error: unknown, deps: CliDeps): number {
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

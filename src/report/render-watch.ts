// `install --watch` as lines: one per install that a change started (what changed, what each tool did), or per
// change that could not be installed (the kit file at fault, at its file:line:col). Pure, for the CLI to print.
import { createColors } from 'picocolors'
import type { WatchEvent } from '../api/watch.js'
import { TargetInvalidError } from '../errors.js'
import { escapeForTerminal } from '../formats/escape.js'
import { renderDiagnostics, type RenderOptions } from './render.js'

const DONE: Record<string, string> = {
  installed: 'installed',
  updated: 'updated',
  unchanged: 'up to date',
  failed: 'failed (rolled back)',
  cancelled: 'stopped (rolled back)',
  skipped: 'skipped',
}

export function renderWatchEvent(event: WatchEvent, options: RenderOptions): string[] {
  const c = createColors(options.color)
  if (event.kind === 'watcher-error') return [c.yellow(`! watching: ${message(event.error)}`)]
  const what = event.changed.length === 0 ? 'start' : event.changed.map(escapeForTerminal).join(', ')
  if (event.kind === 'installed') {
    const failed = event.report.results.some((r) => r.status === 'failed' || r.status === 'cancelled')
    const tools = event.report.results.map((r) => `${r.name} ${DONE[r.status] ?? r.status}`).join(', ')
    return [`${failed ? c.red('✗') : c.green('✓')} ${what} → ${tools}`]
  }
  // Refused before anything was written: the first problem on the line, each further one below it.
  if (event.error instanceof TargetInvalidError) {
    const [first = '', ...rest] = renderDiagnostics(event.error.diagnostics, options)
    return [`${c.red('✗')} ${what} → nothing installed: ${first.trim()}`, ...rest]
  }
  return [`${c.red('✗')} ${what} → nothing installed: ${message(event.error)}`]
}

// --- internal ---

function message(error: unknown): string {
  return escapeForTerminal(error instanceof Error ? error.message : String(error))
}

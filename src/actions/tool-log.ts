// Each pipeline writes here instead of to stdout; the runner prints the whole block when the tool finishes, so the
// output of concurrent tools never interleaves.
import type { Dropped, LogEntry } from '../types.js'

/**
 * One line for kit content a tool does not take, for one reason: every piece when there are a few, else the first
 * few and how many more (a kit of 400 rules made 400 identical warnings per tool; --json still lists every piece).
 */
export function droppedLine(whats: readonly string[], reason: string): string {
  const shown =
    whats.length <= SHOWN + 1
      ? whats.join(', ')
      : `${whats.slice(0, SHOWN).join(', ')} and ${whats.length - SHOWN} more`
  return `${shown} not installed: ${reason}`
}
const SHOWN = 3

export class ToolLog {
  readonly entries: LogEntry[] = []
  /** Kit content this tool could not take: also a warning in the log, and a structured field of --json. */
  readonly dropped: Dropped[] = []
  constructor(private readonly onEntry?: (entry: LogEntry) => void) {}

  info(text: string): void {
    this.push({ level: 'info', text })
  }
  warn(text: string): void {
    this.push({ level: 'warn', text })
  }
  error(text: string): void {
    this.push({ level: 'error', text })
  }
  /** Something in the kit is not installed into this tool, and why. */
  drop(what: string, reason: string): void {
    this.dropAll([what], reason)
  }
  /** Several pieces left out for one reason: each in `dropped` (--json), one line in the log (see droppedLine). */
  dropAll(whats: readonly string[], reason: string): void {
    if (whats.length === 0) return
    for (const what of whats) this.dropped.push({ what, reason })
    this.warn(droppedLine(whats, reason))
  }
  step(text: string): void {
    this.push({ level: 'step', text })
  }

  private push(entry: LogEntry): void {
    this.entries.push(entry)
    this.onEntry?.(entry)
  }
}

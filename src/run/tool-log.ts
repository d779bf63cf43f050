// Each pipeline writes here instead of to stdout; the runner prints the whole block when the tool finishes, so the
// output of concurrent tools never interleaves.
import type { Dropped, LogEntry } from '../types.js'

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
    this.dropped.push({ what, reason })
    this.warn(`${what} not installed: ${reason}`)
  }
  step(text: string): void {
    this.push({ level: 'step', text })
  }

  private push(entry: LogEntry): void {
    this.entries.push(entry)
    this.onEntry?.(entry)
  }
}

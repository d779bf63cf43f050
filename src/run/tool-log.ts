// Each pipeline writes here instead of to stdout; the runner prints the whole block when the tool finishes, so the
// output of concurrent tools never interleaves.
import type { LogEntry } from '../types.js'

export class ToolLog {
  readonly entries: LogEntry[] = []
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
  step(text: string): void {
    this.push({ level: 'step', text })
  }

  private push(entry: LogEntry): void {
    this.entries.push(entry)
    this.onEntry?.(entry)
  }
}

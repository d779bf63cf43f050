// What the CLI takes from the process around it, so tests can drive it without a terminal (run.ts wires the real one).
import type { Fs } from '../fs/fs.js'
import type { Prompter } from './prompts.js'

export interface CliDeps {
  fs: Fs
  cwd: string
  env: Record<string, string | undefined>
  /** Regular output (reports, lists). */
  out: (line: string) => void
  /** Problems and hints. */
  err: (line: string) => void
  color: boolean
  isTTY: boolean
  signal?: AbortSignal
  /** Which signal aborted the run, for the exit code. */
  abortedBy?: () => 'SIGINT' | 'SIGTERM' | undefined
  /** Answers the interactive questions (default: @clack/prompts, only in a terminal). */
  prompter?: Prompter
  /** Raw terminal output for live progress lines (default: none). */
  tty?: (text: string) => void
}

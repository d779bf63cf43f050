// One command of the table in index.ts: how cac learns it (name, options, examples), and what it does once parsed.
import type { CAC, Command } from 'cac'
import type { CliDeps } from './deps.js'

export interface CliCommand<Args extends unknown[] = unknown[], Flags = Record<string, unknown>> {
  define(cli: CAC): Command
  /** Flags → one api call → rendered lines; returns the exit code. */
  run(deps: CliDeps, args: Args, flags: Flags): Promise<number>
}

/** Keeps each command's argument and flag types while the table holds them side by side. */
export function command<Args extends unknown[], Flags>(spec: CliCommand<Args, Flags>): CliCommand {
  return spec as unknown as CliCommand
}

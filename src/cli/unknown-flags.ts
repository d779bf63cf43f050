// cac accepts any flag; outfit refuses one its command does not know (a typo must not be silently ignored).
import type { Command } from 'cac'
import { didYouMean } from '../did-you-mean.js'
import { UsageError } from '../errors.js'

export function rejectUnknownFlags(command: Command, options: Record<string, unknown>): void {
  const known = new Set(['--', 'help', 'h', 'version', 'v', ...command.options.flatMap((o) => o.names)])
  const unknown = Object.keys(options).filter((k) => !known.has(k))
  if (unknown.length > 0) {
    const flag = (u: string) => (u.length === 1 ? `-${u}` : `--${kebab(u)}`)
    const flags = command.options
      .map((o) => o.rawName.split(/[ ,]/)[0] ?? '')
      .filter((f) => f.startsWith('--'))
    throw new UsageError(
      `unknown option${unknown.length > 1 ? 's' : ''}: ${unknown.map(flag).join(', ')}${didYouMean(flag(unknown[0] ?? ''), flags)}`,
      {
        hint: `run 'outfit ${command.name.split(' ')[0]} --help' for its options`,
      },
    )
  }
}

// --- internal ---

/** cac camel-cases option names (--dry-run → dryRun); messages show them as typed. */
function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)
}

// Trust before install: a kit from a fetched source that would run commands (hooks, local MCP servers) needs its
// source trusted — by the config's `trust:` list, by --trust, by an earlier yes, or by asking now. Local folders are
// the user's own files and always trusted. Every command is shown before the question.
import picomatch from 'picomatch'
import { UntrustedError } from '../errors.js'
import type { Kit } from '../types.js'
import { kitCommands } from './kit-commands.js'
import { readTrustChecked, recordTrust } from './trust-store.js'

export interface TrustCandidate {
  /** The kit's name in the config (or its source). */
  name: string
  /** The source without ref or version: what trust is given to. */
  source: string
  kit: Kit
  local: boolean
}

export interface Untrusted {
  name: string
  source: string
  /** Commands not yet trusted for this source. */
  commands: string[]
}

export interface TrustOptions {
  /** Patterns from the config's `trust:` list. */
  patterns: string[]
  /** The user's trust file (trust-store.ts). */
  file: string
  /** --trust: accept (and record) every source in this run. */
  trustAll: boolean
  /** Asks a person; absent when nobody can be asked (no terminal, --yes, --json). */
  ask?: (untrusted: Untrusted[]) => Promise<boolean>
}

/** Resolves when every kit may be installed; records new decisions; throws UntrustedError otherwise. */
export async function ensureTrusted(candidates: TrustCandidate[], options: TrustOptions): Promise<void> {
  const { pending, ignored } = await untrustedChecked(candidates, options)
  if (pending.length === 0) return
  const accepted = options.trustAll || (options.ask !== undefined && (await options.ask(pending)))
  if (!accepted) {
    const lines = pending.flatMap((p) => [
      `${p.name} (${p.source}) would run:`,
      ...p.commands.map((c) => `    ${c}`),
    ])
    throw new UntrustedError(
      `not installing: ${pending.map((p) => `'${p.name}'`).join(', ')} would run commands from ${pending.length === 1 ? 'a source' : 'sources'} you have not trusted\n  ${lines.join('\n  ')}`,
      {
        hint: `${ignored ? `earlier decisions were not used: ${ignored}; ` : ''}${
          options.ask
            ? 'nothing was changed'
            : `review the commands, then run again with --trust, or add the source to trust: in outfit.config.yaml (e.g. ${pending[0]?.source})`
        }`,
      },
    )
  }
  await recordTrust(
    options.file,
    pending.map((p) => ({ source: p.source, commands: p.commands })),
  )
}

/** The kits whose commands are not yet trusted, each with the commands that are new for its source. */
export async function untrusted(
  candidates: TrustCandidate[],
  options: Pick<TrustOptions, 'patterns' | 'file'>,
): Promise<Untrusted[]> {
  return (await untrustedChecked(candidates, options)).pending
}

// --- internal ---

async function untrustedChecked(
  candidates: TrustCandidate[],
  options: Pick<TrustOptions, 'patterns' | 'file'>,
): Promise<{ pending: Untrusted[]; ignored?: string }> {
  const matches = options.patterns.length > 0 ? picomatch(options.patterns, { dot: true }) : () => false
  const { store, ignored } = await readTrustChecked(options.file)
  const out: Untrusted[] = []
  for (const c of candidates) {
    if (c.local || matches(c.source)) continue
    const known = new Set(store.sources[c.source]?.commands ?? [])
    const commands = kitCommands(c.kit).filter((cmd) => !known.has(cmd))
    if (commands.length > 0) out.push({ name: c.name, source: c.source, commands })
  }
  return { pending: out, ...(ignored ? { ignored } : {}) }
}

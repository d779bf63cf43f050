// Trust before install: a kit from a fetched source that would run commands (hooks, local MCP servers), or whose text
// the content audit flagged (hidden characters, commands that run fetched code), needs its source trusted — by the
// config's `trust:` list, by --trust, by an earlier yes, or by asking now. Local folders are the user's own files and
// always trusted. Every command and finding is shown before the question; findings that need no decision (a local
// kit's, a trusted source's) are handed to `warn`, so they are never silent.
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
  /** The audit's findings in this kit, one line each, escaped for the terminal (recorded like commands). */
  findings?: string[]
}

export interface Untrusted {
  name: string
  source: string
  /** Commands not yet trusted for this source. */
  commands: string[]
  /** Audit findings not yet accepted for this source (absent when none). */
  findings?: string[]
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
  /** Told of the findings that need no decision: a local kit's, a trusted source's, or ones accepted before. */
  warn?: (kit: { name: string; source: string; local: boolean; findings: string[] }) => void
}

/** Resolves when every kit may be installed; records new decisions; throws UntrustedError otherwise. */
export async function ensureTrusted(candidates: TrustCandidate[], options: TrustOptions): Promise<void> {
  const { pending, ignored, known } = await untrustedChecked(candidates, options)
  for (const k of known) options.warn?.(k)
  if (pending.length === 0) return
  const accepted = options.trustAll || (options.ask !== undefined && (await options.ask(pending)))
  if (!accepted) {
    const lines = pending.flatMap((p) => [
      ...(p.commands.length > 0
        ? [`${p.name} (${p.source}) would run:`, ...p.commands.map((c) => `    ${c}`)]
        : []),
      ...(p.findings
        ? [`${p.name} (${p.source}): the audit found:`, ...p.findings.map((f) => `    ${f}`)]
        : []),
    ])
    const commands = pending.some((p) => p.commands.length > 0)
    const findings = pending.some((p) => p.findings)
    const what = [
      ...(commands ? ['would run commands'] : []),
      ...(findings ? ['has hidden characters or remote code the audit found'] : []),
    ].join(' and ')
    throw new UntrustedError(
      `not installing: ${pending.map((p) => `'${p.name}'`).join(', ')} ${what} from ${pending.length === 1 ? 'a source' : 'sources'} you have not trusted\n  ${lines.join('\n  ')}`,
      {
        hint: `${ignored ? `earlier decisions were not used: ${ignored}; ` : ''}${
          options.ask
            ? 'nothing was changed'
            : `review ${findings ? 'the findings (outfit audit --kit <source> shows them)' : 'the commands'}, then run again with --trust, or add the source to trust: in outfit.config.yaml (e.g. ${pending[0]?.source})`
        }`,
      },
    )
  }
  await recordTrust(
    options.file,
    pending.map((p) => ({
      source: p.source,
      commands: [...p.commands, ...(p.findings ?? []).map((f) => `${AUDIT}${f}`)],
    })),
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

/** Accepted findings are recorded beside the commands in trust.json, told apart by this prefix. */
const AUDIT = 'audit: '

async function untrustedChecked(
  candidates: TrustCandidate[],
  options: Pick<TrustOptions, 'patterns' | 'file'>,
): Promise<{
  pending: Untrusted[]
  ignored?: string
  known: Required<Pick<TrustCandidate, 'name' | 'source' | 'local' | 'findings'>>[]
}> {
  const matches = options.patterns.length > 0 ? picomatch(options.patterns, { dot: true }) : () => false
  const { store, ignored } = await readTrustChecked(options.file)
  const out: Untrusted[] = []
  const known: Required<Pick<TrustCandidate, 'name' | 'source' | 'local' | 'findings'>>[] = []
  const warn = (c: TrustCandidate, findings: string[]) => {
    if (findings.length > 0) known.push({ name: c.name, source: c.source, local: c.local, findings })
  }
  for (const c of candidates) {
    const findings = c.findings ?? []
    if (c.local || matches(c.source)) {
      warn(c, findings)
      continue
    }
    const accepted = new Set(store.sources[c.source]?.commands ?? [])
    const commands = kitCommands(c.kit).filter((cmd) => !accepted.has(cmd))
    const fresh = findings.filter((f) => !accepted.has(`${AUDIT}${f}`))
    warn(
      c,
      findings.filter((f) => accepted.has(`${AUDIT}${f}`)),
    )
    if (commands.length > 0 || fresh.length > 0)
      out.push({ name: c.name, source: c.source, commands, ...(fresh.length > 0 ? { findings: fresh } : {}) })
  }
  return { pending: out, known, ...(ignored ? { ignored } : {}) }
}

// From --kit / the config's kit or kits to the kit the pipelines install: fetched, locked and trusted. The core work
// is api/kits.ts and trust/; this file only picks the sources and the user folders, and asks the trust question.
import { join, resolve } from 'node:path'
import { auditKits } from '../api/audit.js'
import { prepareKits, type KitsRequest, type PreparedKits } from '../api/kits.js'
import { CancelledError, UsageError } from '../errors.js'
import { LOCK_FILE, readLock } from '../lock/lock-file.js'
import { npmOptions } from '../sources/npm-config.js'
import type { KitSource } from '../sources/resolve-kits.js'
import { cacheHome } from '../sources/xdg.js'
import { parseAge } from '../sources/release-age.js'
import { ensureTrusted, type Untrusted } from '../trust/check-trust.js'
import { escapeForTerminal } from '../formats/escape.js'
import { findingLine } from '../report/render-audit.js'
import { trustFile } from '../trust/trust-store.js'
import type { Context } from './context.js'
import type { CliDeps } from './index.js'
import { clackPrompter } from './prompts.js'

export interface KitFlagsIn {
  kit?: string
  home?: string
  yes?: boolean
  json?: boolean
  trust?: boolean
  /** Refuse a kit with a secret written as a literal (else a warning). */
  strict?: boolean
  /** update: skip releases younger than this (overrides the config's minReleaseAge). */
  minReleaseAge?: string
}

/**
 * The kit sources of this run: --kit, else the config's kit or kits, else a kit in the current folder, else the kits
 * outfit.lock remembers (an earlier `install --kit <source>` wrote them there: `install --frozen`, `plan` and
 * `update` then work without --kit), else the current folder (which gets the "no kit here" error).
 */
export async function kitSources(deps: CliDeps, ctx: Context, flags: KitFlagsIn): Promise<KitSource[]> {
  if (flags.kit !== undefined) return [{ name: flags.kit, source: flags.kit, baseDir: deps.cwd }]
  if (ctx.config?.kits) return ctx.config.kits.map((k) => ({ ...k, baseDir: ctx.config?.dir ?? deps.cwd }))
  const here = [{ name: '.', source: resolve(deps.cwd), baseDir: deps.cwd }]
  if (
    await deps.fs.stat(join(deps.cwd, 'kit.yaml')).then(
      () => true,
      () => false,
    )
  )
    return here
  const lock = await readLock(join(ctx.project, LOCK_FILE))
  const remembered = Object.entries(lock?.kits ?? {})
  if (remembered.length === 0) return here
  if (!flags.json)
    deps.err(
      `note: using the kits outfit.lock remembers (${remembered.map(([name]) => name).join(', ')}); \`outfit init kit\` or a kit: line in outfit.config.yaml makes it explicit`,
    )
  return remembered.map(([name, entry]) => ({ name, source: entry.source, baseDir: ctx.project }))
}

export async function prepare(
  deps: CliDeps,
  ctx: Context,
  flags: KitFlagsIn,
  mode: 'install' | 'frozen' | 'update',
  only?: string[],
  remember?: boolean,
): Promise<PreparedKits> {
  const kits = await kitSources(deps, ctx, flags)
  const unknown = (only ?? []).filter((name) => !kits.some((k) => k.name === name))
  if (unknown.length > 0)
    throw new UsageError(`unknown kit '${unknown[0]}'`, {
      hint: `the configured kits: ${kits.map((k) => k.name).join(', ')}`,
    })
  return prepareKits({
    ...kitsRequest(deps, ctx, flags, kits),
    mode,
    ...(only ? { only } : {}),
    remember: remember ?? mode !== 'update',
  })
}

/** Where the kits of a run come from and go: the lock, the cache, npm's settings (shared by install and audit). */
export function kitsRequest(
  deps: CliDeps,
  ctx: Context,
  flags: KitFlagsIn,
  kits: KitSource[],
): Omit<KitsRequest, 'mode' | 'only' | 'remember'> {
  return {
    fs: deps.fs,
    kits,
    lockFile: join(ctx.config?.dir ?? ctx.project, LOCK_FILE),
    cacheDir: cacheHome(deps.env, ctx.home, flags.home !== undefined),
    npm: () => npmOptions(deps.env, ctx.home, ctx.project),
    baseDir: deps.cwd,
    stateHome: ctx.stateHome,
    ...(flags.strict ? { strict: true } : {}),
    ...(ctx.config?.mcpRegistry ? { mcpRegistry: ctx.config.mcpRegistry } : {}),
    ...(deps.signal ? { signal: deps.signal } : {}),
    ...minReleaseAge(flags, ctx),
  }
}

/** --min-release-age, else the config's minReleaseAge (checked by its schema); a malformed flag is a usage error. */
function minReleaseAge(flags: KitFlagsIn, ctx: Context): { minReleaseAge?: string } {
  const value = flags.minReleaseAge ?? ctx.config?.minReleaseAge
  if (value === undefined) return {}
  if (parseAge(String(value)) === undefined)
    throw new UsageError(
      `--min-release-age must be a duration like 3d, 12h, 90m or 1w (0 turns it off), got '${value}'`,
    )
  return { minReleaseAge: String(value) }
}

/**
 * Every fetched kit that would run commands, or in which the content audit finds something, needs a trusted source;
 * asks in a terminal, refuses otherwise. A local kit's findings (and a trusted source's) are printed as warnings.
 */
export async function checkTrust(
  deps: CliDeps,
  ctx: Context,
  flags: KitFlagsIn,
  prepared: PreparedKits,
): Promise<void> {
  const canAsk = deps.isTTY && !flags.yes && !flags.json
  const prompter = deps.prompter ?? clackPrompter()
  const audits = await auditKits(deps.fs, prepared.kits)
  await ensureTrusted(
    prepared.kits.map((k, i) => ({
      name: k.name,
      source: k.trustId,
      kit: k.kit,
      local: k.spec.kind === 'local',
      findings: (audits[i]?.findings ?? []).map((f) => findingLine({ source: k.source, local: true }, f)),
    })),
    {
      warn: (k) => {
        deps.err(
          `! the audit found ${k.findings.length} thing${k.findings.length === 1 ? '' : 's'} to look at in ${escapeForTerminal(k.name)} (${k.local ? 'a folder of your own' : `${escapeForTerminal(k.source)}, trusted`}); installing anyway:`,
        )
        for (const line of k.findings) deps.err(`    ${line}`)
      },
      patterns: ctx.config?.trust ?? [],
      file: trustFile(ctx.stateHome),
      trustAll: flags.trust ?? false,
      ...(canAsk
        ? {
            ask: async (pending: Untrusted[]) => {
              for (const p of pending) {
                if (p.commands.length > 0)
                  deps.err(
                    `${escapeForTerminal(p.name)} (${escapeForTerminal(p.source)}) would run these commands in your tools:`,
                  )
                for (const c of p.commands) deps.err(`    ${c}`)
                if (p.findings) {
                  deps.err(
                    `${escapeForTerminal(p.name)}: the content audit found (outfit audit explains each rule):`,
                  )
                  for (const f of p.findings) deps.err(`    ${f}`)
                }
              }
              // No is the default: running a stranger's commands takes a deliberate yes.
              const answer = await prompter.confirm(
                `Trust ${pending.map((p) => escapeForTerminal(p.source)).join(', ')} and install?`,
                deps.signal,
                false,
              )
              if (answer === null || deps.signal?.aborted)
                throw new CancelledError('interrupted at the trust question; nothing was changed')
              return answer
            },
          }
        : {}),
    },
  )
}

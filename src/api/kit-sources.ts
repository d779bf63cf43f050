// From --kit / the config's kit or kits to the kit the pipelines install: which sources, whether a local one is
// there at all, then fetched, locked (api/kits.ts) and trusted (trust/). The trust question itself is injected: the
// core shows nothing and asks nothing.
import { join, relative, resolve } from 'node:path'
import { prepareKits, type PreparedKits } from './kits.js'
import { CancelledError, KitNotFoundError, UsageError } from '../errors.js'
import { LOCK_FILE, readLock } from '../lock/lock-file.js'
import { npmOptions } from '../sources/npm-config.js'
import { parseSource } from '../sources/parse-source.js'
import { detectPlugin, isKitOrPlugin } from '../plugins/detect-plugin.js'
import type { KitSource } from '../sources/resolve-kits.js'
import { cacheHome } from '../sources/xdg.js'
import { ensureTrusted, type Untrusted } from '../trust/check-trust.js'
import { trustFile } from '../trust/trust-store.js'
import { findingLine } from '../audit/finding-line.js'
import { escapeForTerminal } from '../formats/escape.js'
import { parseAge } from '../sources/release-age.js'
import { auditKit } from '../audit/audit-kit.js'
import type { Note, Workspace } from './workspace.js'

export const KIT_HINT =
  "pass --kit <folder>, set 'kit:' in outfit.config.yaml, or create one with 'outfit init kit'"

/** Shows a person what the pending sources would run and asks whether to trust them; null when they cancel. */
export type TrustQuestion = (pending: Untrusted[]) => Promise<boolean | null>

export interface KitChoice {
  /** The kit source (--kit): a folder, github:…, a git URL, npm:… or a tarball. */
  kit?: string
  /** Refuse a kit with a secret written as a literal (else a warning). */
  strict?: boolean
  /** update: skip releases younger than this (`3d`; overrides the config's minReleaseAge). */
  minReleaseAge?: string
  /** The MCP registry that `registry:` servers are resolved in (--mcp-registry; else the config's, else the official). */
  mcpRegistry?: string
  onNote?: (note: Note) => void
}

export interface TrustChoice {
  /** Trust the kit sources of this run, and remember it (--trust). */
  trust?: boolean
  /** Asked when a source that would run commands is not trusted yet; absent: refuse (exit 6). */
  askTrust?: TrustQuestion
  /** Told of audit findings that need no decision (a local kit's, a trusted source's). */
  onNote?: (note: Note) => void
}

/**
 * The kit sources of this run: --kit, else the config's kit or kits, else a kit in the current folder, else the kits
 * outfit.lock remembers (an earlier `install --kit <source>` wrote them there: `install --frozen`, `plan` and
 * `update` then work without --kit), else the current folder (which gets the "no kit here" error).
 */
export async function kitSources(ctx: Workspace, request: KitChoice): Promise<KitSource[]> {
  if (request.kit !== undefined) return [{ name: request.kit, source: request.kit, baseDir: ctx.cwd }]
  if (ctx.config?.kits) return ctx.config.kits.map((k) => ({ ...k, baseDir: ctx.config?.dir ?? ctx.cwd }))
  const here = [{ name: '.', source: resolve(ctx.cwd), baseDir: ctx.cwd }]
  if (await isKitOrPlugin(ctx.fs, ctx.cwd)) return here
  const lock = await readLock(join(ctx.project, LOCK_FILE))
  const remembered = Object.entries(lock?.kits ?? {})
  if (remembered.length === 0) return here
  request.onNote?.({
    about: 'setup',
    text: `note: using the kits outfit.lock remembers (${remembered.map(([name]) => name).join(', ')}); \`outfit init kit\` or a kit: line in outfit.config.yaml makes it explicit`,
  })
  return remembered.map(([name, entry]) => ({ name, source: entry.source, baseDir: ctx.project }))
}

/** Every local kit source must be a folder that holds kit.yaml or a plugin manifest; fetched ones are checked by their fetch. */
export async function checkKitSources(ctx: Workspace, sources: KitSource[]): Promise<void> {
  for (const source of sources) {
    const spec = parseSource(source.source, source.baseDir ?? ctx.cwd)
    if (spec.kind !== 'local') continue
    const shown = relative(ctx.cwd, spec.dir) || '.'
    if (!(await present(ctx, spec.dir)))
      throw new KitNotFoundError(`kit folder not found: ${shown}`, { hint: KIT_HINT })
    if (!(await present(ctx, join(spec.dir, 'kit.yaml'))) && !(await detectPlugin(ctx.fs, spec.dir)))
      throw new KitNotFoundError(`no kit here: ${join(shown, 'kit.yaml')} not found`, { hint: KIT_HINT })
  }
}

/** The sources fetched (or taken from the cache) under the lock policy of `mode`, loaded, checked and merged. */
export async function prepare(
  ctx: Workspace,
  kits: KitSource[],
  request: KitChoice & {
    mode: 'install' | 'frozen' | 'update'
    only?: string[]
    /** Whether to save what the content check learned (install and update do; plan does not). */
    remember: boolean
    /** Whether to run the content audit now (install, update and audit do; plan does not). */
    audit?: boolean
  },
): Promise<PreparedKits> {
  const unknown = (request.only ?? []).filter((name) => !kits.some((k) => k.name === name))
  if (unknown.length > 0)
    throw new UsageError(`unknown kit '${unknown[0]}'`, {
      hint: `the configured kits: ${kits.map((k) => k.name).join(', ')}`,
    })
  return prepareKits({
    fs: ctx.fs,
    kits,
    lockFile: join(ctx.config?.dir ?? ctx.project, LOCK_FILE),
    mode: request.mode,
    ...(request.only ? { only: request.only } : {}),
    cacheDir: cacheHome(ctx.env, ctx.home, ctx.sandboxed),
    npm: () => npmOptions(ctx.env, ctx.home, ctx.project),
    baseDir: ctx.cwd,
    stateHome: ctx.stateHome,
    remember: request.remember,
    ...(request.audit ? { audit: true } : {}),
    targets: ctx.all,
    ...(request.strict ? { strict: true } : {}),
    ...((request.mcpRegistry ?? ctx.config?.mcpRegistry)
      ? { mcpRegistry: request.mcpRegistry ?? ctx.config?.mcpRegistry }
      : {}),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    ...minReleaseAge(request.minReleaseAge ?? ctx.config?.minReleaseAge),
  })
}

/** --min-release-age, else the config's minReleaseAge (checked by its schema); a malformed flag is a usage error. */
function minReleaseAge(value: string | undefined): { minReleaseAge?: string } {
  if (value === undefined) return {}
  if (parseAge(String(value)) === undefined)
    throw new UsageError(
      `--min-release-age must be a duration like 3d, 12h, 90m or 1w (0 turns it off), got '${value}'`,
    )
  return { minReleaseAge: String(value) }
}

/**
 * Every fetched kit that would run commands, or in which the content audit finds something, needs a trusted source;
 * asks when it can, refuses otherwise. A local kit's findings (and a trusted source's) are told as notes.
 */
export async function checkTrust(
  ctx: Workspace,
  prepared: PreparedKits,
  request: TrustChoice,
): Promise<void> {
  const ask = request.askTrust
  // Audited as they were prepared (with the memo of clean files), else now.
  const audits = await Promise.all(prepared.kits.map((k) => k.findings ?? auditKit(ctx.fs, k.kit)))
  await ensureTrusted(
    prepared.kits.map((k, i) => ({
      name: k.name,
      source: k.trustId,
      kit: k.kit,
      local: k.spec.kind === 'local',
      findings: (audits[i] ?? []).map((f) => findingLine({ source: k.source, local: true }, f)),
    })),
    {
      warn: (k) =>
        request.onNote?.({
          about: 'setup',
          text: [
            `! the audit found ${k.findings.length} thing${k.findings.length === 1 ? '' : 's'} to look at in ${escapeForTerminal(k.name)} (${k.local ? 'a folder of your own' : `${escapeForTerminal(k.source)}, trusted`}); installing anyway:`,
            ...k.findings.map((line) => `    ${line}`),
          ].join('\n'),
        }),
      patterns: ctx.config?.trust ?? [],
      file: trustFile(ctx.stateHome),
      trustAll: request.trust ?? false,
      ...(ask
        ? {
            ask: async (pending: Untrusted[]) => {
              const answer = await ask(pending)
              if (answer === null || ctx.signal?.aborted)
                throw new CancelledError('interrupted at the trust question; nothing was changed')
              return answer
            },
          }
        : {}),
    },
  )
}

// --- internal ---

/**
 * Whether something is at `path`; anything but "not there" (a loop, no permission, `--kit kit.yaml` naming the file
 * instead of its folder) is left for loadKit to report.
 */
async function present(ctx: Workspace, path: string): Promise<boolean> {
  return ctx.fs.lstat(path).then(
    () => true,
    (error: NodeJS.ErrnoException) => error.code !== 'ENOENT',
  )
}

// `outfit install --watch`, for kit authors: install, then install again whenever a kit file changes, until stopped.
// Each re-install is the ordinary install (same journal, fast path, trust and lock), so a tool whose inputs did not
// change is skipped and only what changed is rewritten. The watcher and the clock are injected: tests emit a change
// and fire the debounce themselves, and observe the install, without sleeping.
import { relative, sep } from 'node:path'
import { UsageError } from '../errors.js'
import { parseSource } from '../sources/parse-source.js'
import type { RunReport } from '../types.js'
import { install, type InstallRequest } from './install.js'
import { kitSources } from './kit-sources.js'
import { openWorkspace } from './workspace.js'

/** What a watcher library (chokidar) gives: events for paths below the folders it watches, and a way to stop. */
export interface Watcher {
  on(event: 'all', listener: (event: string, path: string) => void): unknown
  on(event: 'error', listener: (error: unknown) => void): unknown
  close(): Promise<void>
}

export type WatchEvent =
  /** An install ran (the first one, or one for these changed kit files). */
  | { kind: 'installed'; changed: string[]; report: RunReport }
  /** An install was refused before it wrote anything (a kit file saved half-way, a tool that failed to start). */
  | { kind: 'refused'; changed: string[]; error: unknown }
  /** The watcher itself failed (a folder it could not read); watching goes on. */
  | { kind: 'watcher-error'; error: unknown }

export interface WatchRequest extends InstallRequest {
  /** Starts watching these folders (the real one is chokidar's `watch`). */
  watch: (folders: string[]) => Watcher
  /** Calls `run` once no change has come for a moment (real: a timer); returns how to cancel it. */
  debounce?: (run: () => void) => () => void
  /** One per install and refusal: the CLI prints a line for each. */
  onWatch: (event: WatchEvent) => void
  /** Stops watching; the install running then finishes or rolls back. */
  signal: AbortSignal
}

export const DEBOUNCE_MS = 150

const STOPS = new Set(['USAGE', 'UNTRUSTED', 'CANCELLED', 'LOCK_MISMATCH'])

/**
 * Installs, then re-installs on every change of a kit file, until the signal: returns once the watcher is closed and
 * the last install has finished (or rolled back). Only local kit folders can be watched.
 */
export async function watchInstall(request: WatchRequest): Promise<void> {
  const folders = await kitFolders(request)
  const debounce = request.debounce ?? ((run) => clearer(setTimeout(run, DEBOUNCE_MS)))
  // The tools chosen (or asked for) by the first install are those of every later one: no question twice.
  let tools: string[] | undefined
  let running: Promise<void> = Promise.resolve()
  let pending = new Set<string>()
  let cancel: (() => void) | undefined

  const once = async (changed: string[], first = false): Promise<void> => {
    if (request.signal.aborted) return
    try {
      const chosen = tools ? { tools, all: false, detected: false, askTools: undefined } : {}
      const result = await install({ ...request, ...chosen, dryRun: false })
      tools ??= result.report.results.map((r) => r.tool)
      request.onWatch({ kind: 'installed', changed, report: result.report })
    } catch (error) {
      // A wrong command line (an unknown tool, no tools, no trust, a cancelled question) is not fixed by saving a
      // kit file: the first install says so and stops. A kit that does not check yet is what watching is for.
      if (first && STOPS.has((error as { code?: string }).code ?? '')) throw error
      request.onWatch({ kind: 'refused', changed, error })
    }
  }
  // Installs never overlap: changes that arrive during one are installed after it, together.
  const flush = () => {
    cancel = undefined
    const changed = [...pending].sort()
    pending = new Set()
    running = running.then(() => once(changed))
  }

  // Watching starts before the first install, so that a file saved while it runs is installed right after it.
  const watcher = request.watch(folders)
  try {
    watcher.on('error', (error) => request.onWatch({ kind: 'watcher-error', error }))
    watcher.on('all', (event, path) => {
      const item = kitItem(folders, path)
      if (!item || request.signal.aborted || !/^(add|change|unlink)(Dir)?$/.test(event)) return
      pending.add(item)
      cancel?.()
      cancel = debounce(flush)
    })
    await (running = once([], true))
    await new Promise<void>((done) => {
      if (request.signal.aborted) done()
      else request.signal.addEventListener('abort', () => done(), { once: true })
    })
  } finally {
    cancel?.()
    await watcher.close()
    // The install under way finishes, or rolls back (it has the same signal), before watching ends.
    await running.catch(() => {})
  }
}

// --- internal ---

/** The local folders of the run's kits (a kit from git or npm has no files here to watch). */
async function kitFolders(request: InstallRequest): Promise<string[]> {
  const ctx = await openWorkspace(request)
  const sources = await kitSources(ctx, request)
  const specs = sources.map((s) => ({ name: s.name, spec: parseSource(s.source, s.baseDir ?? ctx.cwd) }))
  const remote = specs.filter((s) => s.spec.kind !== 'local')
  if (remote.length > 0)
    throw new UsageError(
      `--watch needs kit folders; ${remote.map((s) => s.name).join(', ')} is fetched from elsewhere`,
      {
        hint: 'watch the folder you edit: --kit ./my-kit (or a kit: ./my-kit line in outfit.config.yaml)',
      },
    )
  return specs.map((s) => (s.spec as { dir: string }).dir)
}

/**
 * The kit-relative path of a change, if it is kit content: kit.yaml, mcp.yaml, hooks.yaml or a file under the
 * content folders. Anything else below the folder (a kit in the project root sees the tools' own files change as
 * outfit installs them, editors write swap files) is not, or every install would start the next one.
 */
function kitItem(folders: string[], path: string): string | undefined {
  for (const folder of folders) {
    const rel = relative(folder, path).split(sep).join('/')
    if (rel.startsWith('..') || rel === '') continue
    if (/^(kit|mcp|hooks)\.yaml$/.test(rel)) return rel
    if (/^(agents|skills|commands|rules)\//.test(rel) && !/(^|\/)\.|~$/.test(rel)) return rel
  }
  return undefined
}

function clearer(timer: ReturnType<typeof setTimeout>): () => void {
  return () => clearTimeout(timer)
}

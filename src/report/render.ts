// Pure rendering: reports and diagnostics → lines. The shell prints them; tests snapshot them with colour off.
import { escapeControls } from '../formats/escape.js'
import { createColors } from 'picocolors'
import { OutfitError, describeCause } from '../errors.js'
import type { ToolStatus as ToolStatusRow } from '../api/status.js'
import type { LockEntry } from '../lock/lock-file.js'
import type { LockChange } from '../sources/resolve-kits.js'
import type { ToolPlan } from '../plan/plan.js'
import { droppedLine } from '../actions/tool-log.js'
import type { Diagnostic, Dropped, RunReport, ToolResult } from '../types.js'

export interface RenderOptions {
  color: boolean
  /** Base for file paths in diagnostics (shown relative when inside). */
  cwd?: string
}

export function renderDiagnostics(diagnostics: Diagnostic[], options: RenderOptions): string[] {
  const c = createColors(options.color)
  return diagnostics.map((d) => {
    const where = `${relativeTo(d.file, options.cwd)}:${d.line}:${d.column}`
    const pointer = d.pointer === '' ? '' : `${d.pointer}: `
    // The fixed format people and editors parse: `file:line:col  /pointer: message` (warnings say so).
    const label = d.severity === 'error' ? '' : `${c.yellow('warning')} `
    return `${c.bold(where)}  ${label}${pointer}${d.severity === 'error' ? c.red(d.message) : d.message}`
  })
}

const STATUS_TEXT: Record<ToolResult['status'], string> = {
  installed: 'installed',
  updated: 'updated',
  unchanged: 'up to date',
  uninstalled: 'uninstalled',
  failed: 'failed',
  cancelled: 'cancelled and rolled back',
  skipped: 'nothing to do',
}

/** One tool's buffered log, printed as a single block when the tool finishes. */
export function renderToolBlock(result: ToolResult, options: RenderOptions): string[] {
  const c = createColors(options.color)
  const lines = [`${c.bold(result.name)} ${c.dim(`(${result.scope})`)}`]
  for (const entry of result.log) {
    const mark =
      entry.level === 'error'
        ? c.red('✗')
        : entry.level === 'warn'
          ? c.yellow('!')
          : entry.level === 'step'
            ? c.dim('•')
            : c.dim('·')
    lines.push(`  ${mark} ${escapeControls(entry.text)}`)
  }
  return lines
}

/** The per-tool summary: every tool's own result, then what needs attention. */
export function renderSummary(report: RunReport, options: RenderOptions): string[] {
  const c = createColors(options.color)
  const width = Math.max(...report.results.map((r) => r.name.length), 4)
  const lines: string[] = []
  for (const r of report.results) {
    const ok = r.status !== 'failed' && r.status !== 'cancelled'
    const mark = ok ? c.green('✓') : r.status === 'cancelled' ? c.yellow('○') : c.red('✗')
    let text = STATUS_TEXT[r.status]
    // An uninstall is not rolled back (putting removed files back would be worse): say what stays, and how to finish.
    const undone =
      report.command === 'uninstall'
        ? 'what was already removed stays removed; run the uninstall again to finish'
        : 'rolled back'
    if (r.status === 'failed' && r.failure)
      text = `failed at step '${r.failure.step}': ${causeOf(r.failure.error)}; ${undone}`
    if (r.status === 'cancelled' && r.failure) text = `cancelled at '${r.failure.step}'; ${undone}`
    if ((r.status === 'installed' || r.status === 'uninstalled' || r.status === 'updated') && r.written > 0)
      text += c.dim(` (${r.written} file${r.written === 1 ? '' : 's'})`)
    lines.push(
      `${mark} ${r.name.padEnd(width)}  ${ok ? text : r.status === 'failed' ? c.red(text) : c.yellow(text)}`,
    )
    const hint = r.failure && r.status === 'failed' ? hintOf(r.failure.error) : undefined
    if (hint) lines.push(`  ${' '.repeat(width)}  ${c.dim(`→ ${hint}`)}`)
    for (const e of r.rollbackErrors)
      lines.push(`  ${' '.repeat(width)}  ${c.red(`rollback of '${e.step}' failed: ${e.error.message}`)}`)
    for (const k of r.kept)
      lines.push(`  ${' '.repeat(width)}  ${c.yellow(escapeControls(`kept ${k.path}: ${k.reason}`))}`)
  }
  if (report.cancelled && report.command === 'install') {
    const finished = report.results
      .filter((r) => r.status === 'installed' || r.status === 'unchanged')
      .map((r) => r.name)
    const undone = report.results
      .filter((r) => r.status === 'cancelled' || r.status === 'failed')
      .map((r) => r.name)
    if (finished.length > 0 && undone.length > 0) {
      lines.push(
        c.yellow(
          `Interrupted: ${undone.join(', ')} ${undone.length === 1 ? 'was' : 'were'} rolled back; ${finished.join(', ')} had already finished and ${finished.length === 1 ? 'stays' : 'stay'} installed.`,
        ),
      )
    }
  }
  return lines
}

/** `outfit status`: one line per tool, then its drifted files. */
export function renderStatus(rows: ToolStatusRow[], options: RenderOptions): string[] {
  const c = createColors(options.color)
  const width = Math.max(...rows.map((r) => r.name.length), 4)
  const lines: string[] = []
  for (const r of rows) {
    const detected = r.detected ? c.green('detected') : c.dim('not detected')
    const installed = r.installed ? `${r.installed.kit}@${r.installed.version}` : c.dim('not installed')
    const drift =
      r.drift.length > 0 ? c.yellow(`${r.drift.length} drifted`) : r.installed ? c.green('in sync') : ''
    lines.push(`${r.name.padEnd(width)}  ${detected}  ${installed}  ${drift}`.trimEnd())
    for (const d of r.drift)
      lines.push(`  ${' '.repeat(width)}${c.yellow(d.problem)} ${escapeControls(d.path)}`)
  }
  return lines
}

/**
 * Paths an interrupted run's journal put back. A killed install can leave thousands: by default one line per folder
 * at the top of each root (e.g. `~/.claude  1,204 paths`); `verbose` lists every path.
 */
export function renderRecovered(
  recovered: { journal: string; restored: string[] }[],
  options: RenderOptions & { verbose?: boolean },
): string[] {
  const c = createColors(options.color)
  const total = recovered.reduce((n, r) => n + r.restored.length, 0)
  const lines = [
    `${c.yellow('!')} an earlier outfit run was interrupted; rolled it back (${count(total, 'path')} restored)${options.verbose ? ':' : ''}`,
  ]
  if (options.verbose) return [...lines, ...recovered.flatMap((r) => r.restored.map((f) => `    ${f}`))]
  const groups = new Map<string, number>()
  for (const r of recovered) {
    // One journal per scope root: group by the first folder below what all its paths share (wherever the journal is).
    const root = commonDir(r.restored)
    for (const path of r.restored) {
      const key =
        path.length > root.length
          ? `${root === '/' ? '' : root}/${path.slice(root.length).replace(/^\//, '').split('/')[0]}`
          : path
      groups.set(key, (groups.get(key) ?? 0) + 1)
    }
  }
  const width = Math.max(...[...groups.keys()].map((k) => k.length))
  for (const [folder, n] of [...groups].sort(([a], [b]) => a.localeCompare(b)))
    lines.push(`    ${folder.padEnd(width)}  ${count(n, 'path')}`)
  return lines
}

/**
 * `outfit plan`: per tool, what in the kit it would not take (!), then each file to create (+), change (~) or
 * remove (-), with diffs of text files.
 */
export function renderPlan(plans: ToolPlan[], options: RenderOptions & { diffs?: boolean }): string[] {
  const c = createColors(options.color)
  const lines: string[] = []
  for (const p of plans) {
    const counts = (['create', 'change', 'remove'] as const)
      .map((k) => [k, p.changes.filter((ch) => ch.kind === k).length] as const)
      .filter(([, n]) => n > 0)
    const bump = p.status === 'updated' ? 'the kit version changes' : undefined
    const files = counts.map(([k, n]) => `${n} to ${k}`).join(', ')
    const summary = p.failure
      ? c.red(`would fail: ${p.failure}`)
      : counts.length === 0 && !bump
        ? c.green('up to date')
        : [files, bump].filter(Boolean).join('; ')
    lines.push(`${c.bold(p.name)}  ${summary}`)
    // Items that pick their tools (`outfit.tools`): which this tool gets, and which are not for it.
    if (p.items) {
      const { gets, skips } = p.items
      lines.push(`  ${c.dim('·')} gets ${gets.length} of ${gets.length + skips.length} items`)
      if (skips.length > 0)
        lines.push(`  ${c.dim('·')} ${escapeControls(`not for ${p.name}: ${skips.join(', ')}`)}`)
    }
    // What the tool cannot take is part of the plan: an install would leave it out.
    for (const [reason, whats] of byReason(p.dropped))
      lines.push(`  ${c.yellow('!')} ${escapeControls(droppedLine(whats, reason))}`)
    for (const change of p.changes) {
      const mark =
        change.kind === 'create' ? c.green('+') : change.kind === 'remove' ? c.red('-') : c.yellow('~')
      lines.push(`  ${mark} ${escapeControls(relativeTo(change.path, options.cwd))}`)
      if (options.diffs === false || !change.diff || change.kind === 'create') continue
      for (const raw of change.diff.split('\n').slice(2)) {
        if (raw === '') continue
        const line = escapeControls(raw)
        lines.push(
          `      ${line.startsWith('+') ? c.green(line) : line.startsWith('-') ? c.red(line) : c.dim(line)}`,
        )
      }
    }
  }
  return lines
}

/** How outfit.lock moves, one line per kit: `kit: v1 (abc1234) → v2 (def5678)`. */
export function renderLockChanges(changes: LockChange[]): string[] {
  if (changes.length === 0) return ['✓ every kit is up to date with its source']
  const pin = (e: LockEntry | undefined) =>
    e === undefined
      ? 'nothing'
      : (e.version ?? (e.commit ? e.commit.slice(0, 12) : undefined) ?? e.integrity.slice(0, 19))
  return [
    'outfit.lock:',
    ...changes.map(
      (c) =>
        `  ${c.kit}: ${c.before === undefined ? 'locked at' : `${pin(c.before)} →`} ${pin(c.after)}${c.kit === c.source ? '' : `  (${c.source})`}`,
    ),
  ]
}

// --- internal ---

/** Dropped pieces grouped by their reason, in the order the reasons first appear. */
function byReason(dropped: readonly Dropped[]): Map<string, string[]> {
  const groups = new Map<string, string[]>()
  for (const d of dropped) {
    const whats = groups.get(d.reason) ?? []
    whats.push(d.what)
    groups.set(d.reason, whats)
  }
  return groups
}

function commonDir(paths: string[]): string {
  const split = paths.map((p) => p.split('/').slice(0, -1))
  const first = split[0] ?? []
  let n = first.length
  for (const parts of split) {
    let i = 0
    while (i < n && parts[i] === first[i]) i++
    n = i
  }
  return first.slice(0, n).join('/') || '/'
}

function count(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`
}

function causeOf(error: Error): string {
  let e: unknown = error
  while (e instanceof Error && e.cause !== undefined) e = e.cause
  return describeCause(e)
}

function hintOf(error: Error): string | undefined {
  let e: unknown = error
  while (e instanceof Error) {
    if (e instanceof OutfitError && e.hint) return e.hint
    e = e.cause
  }
  return undefined
}

function relativeTo(file: string, cwd?: string): string {
  if (cwd && file.startsWith(`${cwd}/`)) return file.slice(cwd.length + 1)
  return file
}

// What `outfit adopt` found and did, for people and as the --json document.
import type { AdoptReport } from '../api/adopt.js'
import type { AdoptDocument } from '../generated/output.js'
import { escapeForTerminal as esc } from '../formats/escape.js'

export function adoptDocument(report: AdoptReport): AdoptDocument {
  return {
    command: 'adopt',
    scope: report.scope,
    kit: report.kitDir,
    tools: report.tools,
    items: report.items.map((i) => ({ ...i, kind: i.kind as AdoptDocument['items'][number]['kind'] })),
    conflicts: report.conflicts,
    skipped: report.skipped,
    moved: report.moved,
    secrets: report.secrets,
    files: report.files,
    written: report.written,
  }
}

export function renderAdopt(report: AdoptReport): string[] {
  const lines: string[] = []
  if (report.tools.length === 0) {
    lines.push(
      `no tool has agents, skills, commands or rules in the ${report.scope} scope here; nothing to adopt`,
    )
    return lines
  }
  lines.push(`Read ${report.tools.join(', ')} (${report.scope} scope):`)
  for (const item of report.items) {
    const from = [...new Set(item.sources.map((s) => s.tool))].join(', ')
    lines.push(
      `  ${item.path}${from ? `  ← ${from}` : ''}${item.tools ? `  (only for ${item.tools.join(', ')})` : ''}`,
    )
  }
  for (const c of report.conflicts) {
    lines.push(`✗ ${c.path} differs between tools:`)
    for (const v of c.versions) {
      lines.push(`  ── ${v.tools.join(', ')} (${v.files.map(esc).join(', ')}):`)
      for (const line of v.text.split('\n').slice(0, 12)) lines.push(`     ${esc(line)}`)
      if (v.text.split('\n').length > 12) lines.push('     …')
    }
  }
  if (report.conflicts.length > 0)
    lines.push(
      `Choose one version with --prefer <tool> (${[...new Set(report.conflicts.flatMap((c) => c.versions.flatMap((v) => v.tools)))].join(', ')}), or make the files agree; nothing was written.`,
    )
  for (const m of report.moved) lines.push(`→ ${esc(m.from)}: ${m.reason}; installed as ${esc(m.to)}`)
  for (const s of report.skipped)
    lines.push(`! skipped ${s.what} (${s.tool}) at ${esc(s.where)}: ${esc(s.reason)}`)
  for (const s of report.secrets)
    lines.push(`! ${s.what} at ${esc(s.where)}: a literal secret, kept out of the kit as ${s.reference}`)
  const differs = report.files.filter((f) => f.status === 'differs')
  for (const f of differs)
    lines.push(
      `✗ ${report.kitDir}/${f.path} exists with other content: move it away or adopt into another --kit; nothing was written`,
    )
  const fresh = report.files.filter((f) => f.status === 'new').length
  const same = report.files.length - fresh - differs.length
  if (report.written)
    lines.push(
      `✓ wrote ${fresh} file${fresh === 1 ? '' : 's'} into ${report.kitDir}${same > 0 ? ` (${same} already there)` : ''}`,
    )
  else if (report.dryRun && report.conflicts.length === 0 && differs.length === 0)
    lines.push(
      `would write ${fresh} file${fresh === 1 ? '' : 's'} into ${report.kitDir} (--dry-run: nothing written)`,
    )
  else if (report.conflicts.length === 0 && differs.length === 0)
    lines.push(`✓ ${report.kitDir} already holds all of it`)
  return lines
}

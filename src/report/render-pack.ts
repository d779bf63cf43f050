// What `outfit pack` wrote, in words: each package with its folder and file count, then what of the kit each does
// not give its tool and why; then the marketplace files and the plugins they list.
import { relative, sep } from 'node:path'
import type { PackResult } from '../api/pack.js'
import { escapeForTerminal } from '../formats/escape.js'

export function renderPack(result: PackResult, cwd: string): string[] {
  const shown = (dir: string) => relative(cwd, dir).split(sep).join('/') || '.'
  const lines: string[] = []
  const width = Math.max(...result.packages.map((p) => p.format.length))
  for (const p of result.packages) {
    const files = `${p.files.length} file${p.files.length === 1 ? '' : 's'}`
    lines.push(`✓ ${p.format.padEnd(width)}  ${p.kit}@${p.version} → ${shown(p.dir)} (${files})`)
    // One line per reason, as install's log says it: several items left out for the same reason are named together.
    const byReason = new Map<string, string[]>()
    for (const d of p.dropped) byReason.set(d.reason, [...(byReason.get(d.reason) ?? []), d.what])
    for (const [reason, whats] of byReason)
      lines.push(`  ! ${escapeForTerminal(whats.join(', '))}: ${escapeForTerminal(reason)}`)
  }
  for (const l of result.listings)
    lines.push(`✓ ${shown(`${result.dir}/${l.path}`)} lists ${l.plugins.join(', ')}`)
  return lines
}

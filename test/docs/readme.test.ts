// The README's per-target table is generated from the target YAML: this fails when a target changed and the README
// was not regenerated (npm run gen:readme).
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { requireTargets } from '../../src/api/targets.js'
import { targetTable, withTable } from '../../src/docs/target-table.js'
import { realFs } from '../../src/fs/fs.js'
import { repoRoot } from '../integration/sandbox.js'

describe('README per-target table', () => {
  it('matches targets/*.yaml (run `npm run gen:readme` after changing a target)', async () => {
    const readme = await readFile(join(repoRoot, 'README.md'), 'utf8')
    const targets = await requireTargets({ fs: realFs })
    expect(readme).toBe(withTable(readme, targetTable(targets.map((t) => t.spec))))
  })

  it('shows where each scope puts each kind of content, and what a tool cannot take', async () => {
    const targets = await requireTargets({ fs: realFs })
    const table = targetTable(targets.map((t) => t.spec))
    const codex = table.split('\n').find((l) => l.startsWith('| Codex CLI '))
    expect(codex).toBe(
      '| Codex CLI (verified by its own CLI) | global, project, subproject, plugin, system | global: `~/.codex/agents/`<br>project: `.codex/agents/`<br>subproject, plugin, system: not supported | global: `~/.agents/skills/`<br>project, subproject: `.agents/skills/`<br>plugin: `plugins/codex/<kit>/skills/`<br>system: Linux, macOS `/etc/codex/skills/`, Windows `C:/ProgramData/OpenAI/Codex/skills/` | global: `~/.codex/skills/`<br>project: `.codex/skills/`<br>subproject: not supported<br>plugin: `plugins/codex/<kit>/skills/`<br>system: Linux, macOS `/etc/codex/skills/`, Windows `C:/ProgramData/OpenAI/Codex/skills/` | global: block in `~/.codex/AGENTS.md`<br>project, subproject: block in `AGENTS.md`<br>plugin, system: not supported | global: `~/.codex/config.toml`<br>project: `.codex/config.toml`<br>subproject: not supported<br>plugin: `plugins/codex/<kit>/.codex-plugin/plugin.json` + `plugins/codex/<kit>/.mcp.json`<br>system: Linux, macOS `/etc/codex/config.toml`, Windows `C:/ProgramData/OpenAI/Codex/config.toml` | global: `~/.codex/hooks.json`<br>project: `.codex/hooks.json`<br>subproject, system: not supported<br>plugin: `plugins/codex/<kit>/.codex-plugin/plugin.json` + `plugins/codex/<kit>/hooks/hooks.json` |',
    )
    expect(table).toContain('| Windsurf (Cascade) | global, project | not supported |')
  })

  it('marks targets checked against documentation only, and shows per-OS places per OS', async () => {
    const targets = await requireTargets({ fs: realFs })
    const table = targetTable(targets.map((t) => t.spec))
    const docsOnly = targets.filter((t) => t.spec.evidence === 'docs').map((t) => t.spec.name)
    expect(docsOnly.length).toBeGreaterThan(0)
    for (const t of targets.filter((t) => t.spec.evidence === 'docs'))
      expect(table).toContain(
        `| ${t.spec.name} (docs only${t.spec.endOfLife ? `; end of life since ${t.spec.endOfLife.since}` : ''}) |`,
      )
    expect(table).toContain('| Roo Code (docs only; end of life since 2026-05-15) |')
    expect(table).not.toContain('| Claude Code (docs only)')
    expect(table).toContain('| Crush (docs only) |')
    // Targets whose own CLI (or code), pinned in verifiedBy, is run by the judges say so.
    for (const t of targets.filter((t) => t.spec.verifiedBy?.cli)) expect(table).toContain(`| ${t.spec.name} (verified by its own CLI) |`)
    for (const t of targets.filter((t) => t.spec.verifiedBy?.code)) expect(table).toContain(`| ${t.spec.name} (verified by its own code) |`)
    const roo = table.split('\n').find((l) => l.startsWith('| Roo Code'))
    expect(roo).toContain('Linux `~/.config/Code/User/globalStorage/rooveterinaryinc.roo-cline/settings/mcp_settings.json`, macOS `~/Library/Application Support/Code/User/globalStorage/')
    expect(roo).toContain('Windows `~/AppData/Roaming/Code/User/globalStorage/rooveterinaryinc.roo-cline/settings/mcp_settings.json`')
    const continueRow = table.split('\n').find((l) => l.startsWith('| Continue'))
    expect(continueRow).toContain('`~/.continue/config.yaml` (if it exists)')
  })

  it('refuses a README without the markers instead of rewriting it', () => {
    expect(() => withTable('# no markers\n', '| t |')).toThrow('README.md needs the lines')
  })
})

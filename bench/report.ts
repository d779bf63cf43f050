// Turns the measurements into docs/BENCHMARKS.md (tables, ratios, the goals met or missed) and the SVG plot.
import type { Result } from './measure.js'
import { lineChart } from './plot.js'

export interface SizeResults {
  size: number
  runs: number
  all: Result
  serial: Result
  again: Result
  status: Result
  plan: Result
  uninstall: Result
  cp: Result
  outfitEq: Result
  rulesyncEq: Result
  rulerEq: Result
  /**
   * `outfit adopt` of the seven tools' files the install made, and the install it is compared with, measured in the
   * same interleaved rounds (absent in runs before adopt was measured).
   */
  adopt?: { adopt: Result; install: Result }
}

export interface Report {
  date: string
  machine: string
  load: string
  versions: { outfit: string; rulesync: string; ruler: string }
  coldStart: { version: Result; help: Result; list: Result; validate: Result }
  results: SizeResults[]
  notes: string
}

export function renderReport(r: Report): { markdown: string; svg: string } {
  const ms = (x: Result) => `${x.ms < 100 ? x.ms.toFixed(1) : x.ms.toFixed(0)} ms`
  // Wall time, and CPU time (user + system) beside it: on a shared machine the second is the steadier of the two.
  const t = (x: Result) => (x.cpuMs === undefined ? ms(x) : `${ms(x)} <sub>(${x.cpuMs.toFixed(0)} CPU)</sub>`)
  const mb = (x: Result) => (x.rssMb === undefined ? '–' : `${x.rssMb.toFixed(0)} MB`)
  const ratio = (a: Result, b: Result) => `${(a.ms / b.ms).toFixed(1)}×`
  const pct = (a: Result, b: Result) => `${((a.ms / b.ms) * 100).toFixed(0)}%`
  const rows = (cells: string[][]) => cells.map((c) => `| ${c.join(' | ')} |`).join('\n')
  const check = (ok: boolean) => (ok ? '✅ met' : '❌ missed')
  const at = (n: number) => r.results.find((x) => x.size === n)
  const k1 = at(1000)
  const k10 = at(10)
  const k5 = at(5000)
  const small = r.results.find((x) => x.size >= 100) ?? r.results[0]
  const large = r.results[r.results.length - 1]
  const growth =
    large && small && large !== small ? large.all.ms / large.size / (small.all.ms / small.size) : undefined
  // The floor's own growth: when creating a file costs more in a larger tree (it does on some file systems), a plain
  // copy is not linear either; outfit is judged by how its time grows beyond that.
  const cpGrowth =
    large && small && large !== small ? large.cp.ms / large.size / (small.cp.ms / small.size) : undefined
  const memGrowth =
    k1 && k5 && k1.all.rssMb && k5.all.rssMb ? (k5.all.rssMb - k1.all.rssMb) / k1.all.rssMb / 4 : undefined
  const c = r.coldStart
  const goals: string[][] = []
  if (k1) {
    goals.push(
      [
        '1,000-file kit into all 7 tools within 3× `cp -r` of the same output tree',
        `${ratio(k1.all, k1.cp)} (${ms(k1.all)} vs ${ms(k1.cp)})`,
        check(k1.all.ms <= 3 * k1.cp.ms),
      ],
      [
        '≥ 2× faster than Ruler on the shared job (rules + MCP, 5 tools, 1,000 rules)',
        `Ruler's time ÷ outfit's = ${(k1.rulerEq.ms / k1.outfitEq.ms).toFixed(2)}× (outfit ${ms(k1.outfitEq)}, Ruler ${ms(k1.rulerEq)}, rulesync ${ms(k1.rulesyncEq)})`,
        check(k1.rulerEq.ms >= 2 * k1.outfitEq.ms),
      ],
      [
        'no-change re-install < 10% of a first install (1,000 files)',
        `${pct(k1.again, k1.all)} (${ms(k1.again)})`,
        check(k1.again.ms < 0.1 * k1.all.ms),
      ],
      ['`status` on a 1,000-file install < 300 ms', ms(k1.status), check(k1.status.ms < 300)],
      [
        '`plan` no slower than the install it previews (1,000 files)',
        `${ratio(k1.plan, k1.all)} (${ms(k1.plan)} vs ${ms(k1.all)})`,
        check(k1.plan.ms <= k1.all.ms),
      ],
    )
    if (k1.adopt) {
      const { adopt, install } = k1.adopt
      goals.push([
        '`adopt` of a 1,000-file project no slower than installing it',
        `${ratio(adopt, install)} (${ms(adopt)} vs ${ms(install)}; CPU ${adopt.cpuMs?.toFixed(0) ?? '?'} ms vs ${install.cpuMs?.toFixed(0) ?? '?'} ms)`,
        check(adopt.ms <= install.ms),
      ])
    }
  }
  const adopted = r.results.filter((x) => x.adopt)
  if (k10) goals.push(['10-file kit into all 7 tools < 200 ms', ms(k10.all), check(k10.all.ms < 200)])
  goals.push(
    ['`outfit --help` < 150 ms', ms(c.help), check(c.help.ms < 150)],
    ['`outfit list` < 150 ms', ms(c.list), check(c.list.ms < 150)],
    ['`outfit validate` (every built-in target) < 150 ms', ms(c.validate), check(c.validate.ms < 150)],
  )
  if (k1)
    goals.push(['peak memory < 100 MB at 1,000 files', mb(k1.all), check((k1.all.rssMb ?? Infinity) < 100)])
  if (memGrowth !== undefined && k1 && k5)
    goals.push([
      'memory grows no faster than the kit (1,000 → 5,000 files)',
      `${mb(k1.all)} → ${mb(k5.all)}`,
      check(memGrowth <= 1),
    ])
  goals.push([
    'time linear in kit size (beyond what `cp -r` of the same tree does)',
    growth === undefined || cpGrowth === undefined
      ? 'needs two sizes of at least 100 files'
      : `time per file at ${large?.size} files is ${growth.toFixed(2)}× that at ${small?.size}; \`cp -r\`'s ${cpGrowth.toFixed(2)}× (install ÷ \`cp -r\` ${ratio(small?.all as Result, small?.cp as Result)} → ${ratio(large?.all as Result, large?.cp as Result)})`,
    growth === undefined || cpGrowth === undefined ? 'not measured' : check(growth / cpGrowth < 1.5),
  ])

  const markdown = `# Benchmarks

Generated by \`npm run bench\` (bench/run.ts) on ${r.date}. Each number is the median of several runs (column "runs"),
with the cases of one table interleaved round by round and \`sync\` before every timed command (so the writes and
deletes of one run's setup are not flushed on the clock of the next). Memory is the largest peak resident set size
(GNU time) over the runs. Every sample is kept in [bench-raw.json](bench-raw.json). Re-run it to refresh these files.

**Machine:** ${r.machine}; ${r.load}. The two cores were shared with other work, so single numbers are noisy;
the medians and the ratios between interleaved cases are what to read.
**Versions:** outfit ${r.versions.outfit}, rulesync ${r.versions.rulesync}, ruler (@intellectronica/ruler) ${r.versions.ruler}.

![time against kit size](bench-time.svg)

## Goals

| goal | measured | |
| --- | --- | --- |
${rows(goals)}

## outfit: install, re-install, status, plan, uninstall

Kits of agents (20%), skills (15%, two files each), commands (25%) and rules (40%), plus 5 MCP servers, installed
into the seven tools the goals name (Claude Code, Cursor, Copilot, Codex CLI, Gemini CLI, OpenCode, Windsurf) in a fresh sandbox home (\`--scope global\`). Re-install and status run against a
complete install of the same kit; plan previews the first install into an empty home. \`cp -r\` copies the very tree
outfit produced (without outfit's state folder) into a fresh folder: the floor for this work.

| kit files | runs | install, all 7 | \`--concurrency 1\` | re-install (no change) | status | plan | uninstall | \`cp -r\` | install ÷ \`cp -r\` | peak memory (install) |
| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${rows(r.results.map((x) => [String(x.size), String(x.runs), t(x.all), t(x.serial), `${t(x.again)} ${pct(x.again, x.all)}`, t(x.status), t(x.plan), t(x.uninstall), t(x.cp), ratio(x.all, x.cp), mb(x.all)]))}

${
  adopted.length === 0
    ? ''
    : `## outfit adopt

\`outfit adopt\` of the seven tools (\`--scope global\`) in a copy of the tree the install above produced (without
outfit's state), into a fresh kit folder: every agent, command, rule and skill read back through the targets, merged
across the tools and proven by rendering it forward again. Beside it, the install of the same kit into the seven tools
(an empty home), timed in the same interleaved rounds.

| kit files | runs | adopt | install, all 7 | adopt ÷ install | peak memory (adopt) |
| ---: | ---: | ---: | ---: | ---: | ---: |
${rows(adopted.flatMap((x) => (x.adopt ? [[String(x.size), String(x.adopt.adopt.runs), t(x.adopt.adopt), t(x.adopt.install), ratio(x.adopt.adopt, x.adopt.install), mb(x.adopt.adopt)]] : [])))}

`
}## Against the alternatives: the shared job

The job all three do: N rule files (Markdown with frontmatter) and 5 MCP servers, into a fresh git project, for the
five tools all three support today (Claude Code, Cursor, Copilot, Codex CLI, OpenCode; rulesync 17 no longer has
Gemini CLI or Windsurf). \`outfit install <5 tools> --scope project\`; \`rulesync generate --features rules,mcp\`;
\`ruler apply --no-gitignore --no-backup\`. The jobs still differ, and not in outfit's favour: ruler concatenates all
rules into one instructions file per tool (about ten files written in total), rulesync writes one file per rule and
tool; neither reads what is there before overwriting it, keeps a journal, a manifest or backups, or merges into
existing configs around the user's keys. outfit writes one file per rule and tool, plus its journal and manifests.

| rule files | runs | outfit | rulesync | ruler | rulesync ÷ outfit | ruler ÷ outfit | outfit memory | rulesync memory | ruler memory |
| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${rows(r.results.map((x) => [String(x.size), String(x.runs), t(x.outfitEq), t(x.rulesyncEq), t(x.rulerEq), ratio(x.rulesyncEq, x.outfitEq), ratio(x.rulerEq, x.outfitEq), mb(x.outfitEq), mb(x.rulesyncEq), mb(x.rulerEq)]))}

## Start-up

| command | median | peak memory |
| --- | ---: | ---: |
| \`outfit --version\` | ${t(c.version)} | ${mb(c.version)} |
| \`outfit --help\` | ${t(c.help)} | ${mb(c.help)} |
| \`outfit list\` | ${t(c.list)} | ${mb(c.list)} |
| \`outfit validate\` (all built-in targets) | ${t(c.validate)} | ${mb(c.validate)} |

${r.notes.trim()}
`
  const series = [
    { name: 'outfit, all 7 tools', color: '#2563eb', pick: (x: SizeResults) => x.all },
    { name: 'outfit, --concurrency 1', color: '#93c5fd', pick: (x: SizeResults) => x.serial },
    { name: 'outfit, re-install', color: '#16a34a', pick: (x: SizeResults) => x.again },
    { name: 'cp -r floor', color: '#6b7280', pick: (x: SizeResults) => x.cp },
    { name: 'outfit (shared job)', color: '#7c3aed', pick: (x: SizeResults) => x.outfitEq },
    { name: 'rulesync (shared job)', color: '#ea580c', pick: (x: SizeResults) => x.rulesyncEq },
    { name: 'ruler (shared job)', color: '#dc2626', pick: (x: SizeResults) => x.rulerEq },
  ]
  const svg = lineChart(
    series.map((s) => ({
      name: s.name,
      color: s.color,
      points: r.results.map((x) => ({ x: x.size, y: s.pick(x).ms })),
    })),
    { title: 'Time against kit size (median, log–log)', xLabel: 'kit files', yLabel: 'milliseconds' },
  )
  return { markdown, svg }
}

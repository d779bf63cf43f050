// Two builds of outfit side by side on the jobs of issue 15's goals, interleaved round by round (A B, A B, …) with
// `sync` before every timed command, so that both see the same machine in the same minutes. For judging one change:
// `npm run bench` measures the current build against the alternatives, this measures it against an earlier one.
//   npx tsx bench/ab.ts --a <old checkout>/dist/cli/run.js --b dist/cli/run.js [--runs 5] [--sizes 10,1000] [--out file.json]
// Prints a Markdown table (wall median, CPU median, peak memory) and writes every sample as JSON.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join, resolve } from 'node:path'
import { fileCount, shapeFor, writeOutfitKit } from './generate-kit.js'
import { benchInterleaved, timeCommand, type Result } from './measure.js'

const args = process.argv.slice(2)
const argOf = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined)
const resolvedArg = (flag: string) => {
  const value = argOf(flag)
  return value === undefined ? undefined : resolve(value)
}
const builds = { a: resolvedArg('--a'), b: resolvedArg('--b') }
if (!builds.a || !builds.b)
  throw new Error(
    'usage: tsx bench/ab.ts --a <run.js> --b <run.js> [--runs N] [--sizes 10,1000] [--out raw.json]',
  )
const runs = Number(argOf('--runs') ?? 5)
const sizes = (argOf('--sizes') ?? '10,1000').split(',').map(Number)
const work = join(import.meta.dirname, '.work-ab')
const SEVEN = ['claude-code', 'cursor', 'copilot', 'codex', 'gemini-cli', 'opencode', 'windsurf']

rmSync(work, { recursive: true, force: true })
mkdirSync(work, { recursive: true })
const fresh = (dir: string) => {
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
}
const node = (bin: string, argv: string[]) => timeCommand(process.execPath, [bin, ...argv], { cwd: work })
const rows: { job: string; a: Result; b: Result }[] = []
const both = (job: string, setup: (side: 'a' | 'b') => void, argv: (side: 'a' | 'b') => string[]) => {
  const r = benchInterleaved(
    runs,
    (['a', 'b'] as const).map((side) => ({
      name: side,
      setup: () => setup(side),
      run: () => node(builds[side] as string, argv(side)),
    })),
  )
  rows.push({ job, a: r.a as Result, b: r.b as Result })
  console.error(`${job}: ${(r.a as Result).ms.toFixed(0)} → ${(r.b as Result).ms.toFixed(0)} ms`)
}

both(
  '`outfit --help`',
  () => {},
  () => ['--help'],
)
both(
  '`outfit list`',
  () => {},
  () => ['list', '--home', work, '--project', work],
)
both(
  '`outfit validate` (every built-in target)',
  () => {},
  () => ['validate'],
)
for (const size of sizes) {
  const kit = join(work, `kit-${size}`)
  await writeOutfitKit(kit, shapeFor(size))
  const files = fileCount(shapeFor(size))
  const install = (home: string) => [
    'install',
    ...SEVEN,
    '--yes',
    '--scope',
    'global',
    '--kit',
    kit,
    '--home',
    home,
  ]
  const home = (side: string, what: string) => join(work, `${side}-${what}-${size}`)
  both(
    `install, ${files}-file kit → 7 tools`,
    (side) => fresh(home(side, 'first')),
    (side) => install(home(side, 'first')),
  )
  // Each build re-installs over and reports on its own complete install (state formats may differ between builds).
  for (const side of ['a', 'b'] as const) {
    fresh(home(side, 'done'))
    node(builds[side] as string, install(home(side, 'done')))
  }
  both(
    `re-install, no change (${files} files)`,
    () => {},
    (side) => install(home(side, 'done')),
  )
  both(
    `\`status\` (${files} files)`,
    () => {},
    (side) => ['status', ...SEVEN, '--scope', 'global', '--home', home(side, 'done')],
  )
  // Uninstall journals and syncs like install: timed from a complete install made (untimed) just before.
  both(
    `uninstall (${files} files)`,
    (side) => {
      fresh(home(side, 'gone'))
      node(builds[side] as string, install(home(side, 'gone')))
    },
    (side) => ['uninstall', ...SEVEN, '--yes', '--scope', 'global', '--home', home(side, 'gone')],
  )
}

const cell = (r: Result) =>
  `${Math.round(r.ms).toLocaleString('en')} ms (${Math.round(r.cpuMs ?? 0).toLocaleString('en')})${r.rssMb ? `, ${Math.round(r.rssMb)} MB` : ''}`
console.log(
  `A: ${builds.a}\nB: ${builds.b}\n${runs} rounds, load average ${loadavg()[0]?.toFixed(1)} at the end\n`,
)
console.log(
  '| job | A: wall median (CPU), peak memory | B: wall median (CPU), peak memory | A ÷ B |\n| --- | ---: | ---: | ---: |',
)
for (const { job, a, b } of rows)
  console.log(`| ${job} | ${cell(a)} | ${cell(b)} | ${(a.ms / b.ms).toFixed(2)}× |`)
const out = argOf('--out')
if (out) writeFileSync(out, `${JSON.stringify({ builds, runs, sizes, rows }, null, 1)}\n`)
rmSync(work, { recursive: true, force: true })

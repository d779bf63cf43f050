// Two builds of outfit side by side on the jobs of issue 15's goals, interleaved round by round (A B, A B, …) with
// `sync` before every timed command, so that both see the same machine in the same minutes. For judging one change:
// `npm run bench` measures the current build against the alternatives, this measures it against an earlier one.
//   npx tsx bench/ab.ts --a <old checkout>/dist/cli/run.cjs --b dist/cli/run.cjs [--runs 5] [--sizes 10,1000] [--out file.json]
// Prints a Markdown table (wall median, CPU median, peak memory) and writes every sample as JSON. Each first install is
// timed in the same rounds as `cp -r` of the very tree B produced (outfit's state folder left out), on the same file
// system: the floor, and what says whether the disk or outfit's own work decided the row (see `diskBound`). With the
// bench's own dependencies installed (`cd bench && npm ci`), Ruler's `apply` of the same rules and MCP servers is timed
// in the same rounds for peak memory (`--ruler 1000`: the number of rules).
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join, resolve } from 'node:path'
import {
  fileCount,
  shapeFor,
  writeOutfitKit,
  writeRulerInput,
  writeRulesyncInput,
  type KitShape,
} from './generate-kit.js'
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
    'usage: tsx bench/ab.ts --a <run.cjs> --b <run.cjs> [--runs N] [--sizes 10,1000] [--out raw.json]',
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
const rows: { job: string; a: Result; b: Result; floor?: Result; floorName?: string }[] = []
/** The run after which the floor's tree is copied (B's output without its state folder), per row. */
const copyOf = (tree: string, copy: string) => () => timeCommand('cp', ['-r', tree, copy], { cwd: work })
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

/** Like `both`, with a third case timed in the same rounds: `cp -r` of the output (or a peer doing the same job). */
const withFloor = (
  job: string,
  setup: (side: 'a' | 'b') => void,
  argv: (side: 'a' | 'b') => string[],
  floor: { name: string; setup: () => void; run: () => ReturnType<typeof node> },
) => {
  const r = benchInterleaved(runs, [
    ...(['a', 'b'] as const).map((side) => ({
      name: side,
      setup: () => setup(side),
      run: () => node(builds[side] as string, argv(side)),
    })),
    { name: 'floor', setup: floor.setup, run: floor.run },
  ])
  rows.push({ job, a: r.a as Result, b: r.b as Result, floor: r.floor as Result, floorName: floor.name })
  console.error(
    `${job}: ${(r.a as Result).ms.toFixed(0)} → ${(r.b as Result).ms.toFixed(0)} ms; ${floor.name} ${(r.floor as Result).ms.toFixed(0)} ms`,
  )
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
  // The floor's tree: what B installs, without outfit's state (made once, untimed).
  const tree = join(work, `tree-${size}`)
  fresh(home('b', 'tree'))
  node(builds.b as string, install(home('b', 'tree')))
  rmSync(join(home('b', 'tree'), '.local', 'state', 'outfit'), { recursive: true, force: true })
  cpSync(home('b', 'tree'), tree, { recursive: true })
  const copy = join(work, `copy-${size}`)
  withFloor(
    `install, ${files}-file kit → 7 tools`,
    (side) => fresh(home(side, 'first')),
    (side) => install(home(side, 'first')),
    {
      name: '`cp -r` of the output',
      setup: () => rmSync(copy, { recursive: true, force: true }),
      run: copyOf(tree, copy),
    },
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

// Peak memory against Ruler on the job both do: N rules and 5 MCP servers, five tools, a fresh git project each run.
const rulerRules = Number(argOf('--ruler') ?? 0)
const rulerBin = join(import.meta.dirname, 'node_modules/@intellectronica/ruler/dist/cli/index.js')
if (rulerRules > 0 && existsSync(rulerBin)) {
  const shape = shapeFor(rulerRules, 'rules')
  const kit = join(work, `eq-kit-${rulerRules}`)
  await writeOutfitKit(kit, shape)
  const inputs = join(work, 'eq-inputs')
  await writeRulerInput(inputs, shape)
  const project = (who: string) => join(work, `eq-${who}`)
  const seeded = (who: string) => {
    fresh(project(who))
    fresh(join(work, `eq-home-${who}`))
    mkdirSync(join(project(who), '.git'))
    cpSync(inputs, project(who), { recursive: true })
  }
  withFloor(
    `shared job: ${rulerRules} rules + 5 MCP servers → 5 tools (project)`,
    (side) => seeded(side),
    (side) => [
      'install',
      ...['claude-code', 'cursor', 'copilot', 'codex', 'opencode'],
      '--yes',
      '--scope',
      'project',
      '--project',
      project(side),
      '--kit',
      kit,
      '--home',
      join(work, `eq-home-${side}`),
    ],
    {
      name: 'Ruler 0.3.44 `apply`',
      setup: () => seeded('ruler'),
      run: () =>
        timeCommand(
          process.execPath,
          [
            rulerBin,
            'apply',
            '--agents',
            'claude,cursor,copilot,codex,opencode',
            '--no-gitignore',
            '--no-backup',
          ],
          { cwd: project('ruler') },
        ),
    },
  )
}

// A typical kit against both peers (issue 28's goal: 2× faster than Ruler and rulesync end to end), `--typical`: 20
// rules + 2 MCP servers, and 100 items of every kind, into the five tools all three support, project scope, a fresh
// git project per run. Ruler takes rules and MCP servers only; rulesync rules, commands and MCP servers (its
// `--features`); outfit installs the whole kit, so on the second kit it does the most work of the three.
const rulesyncBin = join(import.meta.dirname, 'node_modules/rulesync/dist/cli/index.js')
const peerRows: { job: string; a: Result; b: Result; ruler?: Result; rulesync?: Result }[] = []
if (args.includes('--typical')) {
  const typical: [string, KitShape][] = [
    [
      'typical kit: 20 rules + 2 MCP servers',
      { agents: 0, skills: 0, commands: 0, rules: 20, mcpServers: 2 },
    ],
    [
      'typical kit: 100 each of rules, commands, agents, skills + 2 MCP servers',
      { agents: 100, skills: 100, commands: 100, rules: 100, mcpServers: 2 },
    ],
  ]
  for (const [i, [job, shape]] of typical.entries()) {
    const kit = join(work, `typ-kit-${i}`)
    await writeOutfitKit(kit, shape)
    const inputs = join(work, `typ-inputs-${i}`)
    await writeRulerInput(inputs, shape)
    await writeRulesyncInput(inputs, shape)
    const project = (who: string) => join(work, `typ-${i}-${who}`)
    const seeded = (who: string) => () => {
      fresh(project(who))
      fresh(join(work, `typ-home-${who}`))
      mkdirSync(join(project(who), '.git'))
      cpSync(inputs, project(who), { recursive: true })
    }
    const cases = [
      ...(['a', 'b'] as const).map((side) => ({
        name: side,
        setup: seeded(side),
        run: () =>
          node(builds[side] as string, [
            'install',
            ...['claude-code', 'cursor', 'copilot', 'codex', 'opencode'],
            '--yes',
            '--scope',
            'project',
            '--project',
            project(side),
            '--kit',
            kit,
            '--home',
            join(work, `typ-home-${side}`),
          ]),
      })),
      ...(existsSync(rulerBin)
        ? [
            {
              name: 'ruler',
              setup: seeded('ruler'),
              run: () =>
                timeCommand(
                  process.execPath,
                  [
                    rulerBin,
                    'apply',
                    '--agents',
                    'claude,cursor,copilot,codex,opencode',
                    '--no-gitignore',
                    '--no-backup',
                  ],
                  { cwd: project('ruler') },
                ),
            },
          ]
        : []),
      ...(existsSync(rulesyncBin)
        ? [
            {
              name: 'rulesync',
              setup: seeded('rulesync'),
              run: () =>
                timeCommand(
                  process.execPath,
                  [
                    rulesyncBin,
                    'generate',
                    '--targets',
                    'claudecode,cursor,copilot,codexcli,opencode',
                    '--features',
                    'rules,commands,mcp',
                  ],
                  { cwd: project('rulesync') },
                ),
            },
          ]
        : []),
    ]
    const r = benchInterleaved(runs, cases)
    peerRows.push({
      job,
      a: r.a as Result,
      b: r.b as Result,
      ...(r.ruler ? { ruler: r.ruler } : {}),
      ...(r.rulesync ? { rulesync: r.rulesync } : {}),
    })
    console.error(`${job}: B ${(r.b as Result).ms.toFixed(0)} ms`)
  }
}

/**
 * Whether the disk rather than the CPU decided a run: its wall time well over its CPU time (waiting for writes and
 * syncs, or for a core other processes hold — the load average says which).
 */
const diskBound = (r: Result) => r.cpuMs !== undefined && r.ms > 2 * Math.max(r.cpuMs, 10)
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
const floors = rows.filter((r) => r.floor)
if (floors.length > 0) {
  console.log(
    '\n| job | B: wall (CPU) | floor, same rounds: wall (CPU), peak memory | B ÷ floor, wall | B ÷ floor, CPU | |\n| --- | ---: | ---: | ---: | ---: | --- |',
  )
  for (const { job, b, floor, floorName } of floors) {
    const f = floor as Result
    const note = diskBound(f)
      ? `${floorName} waited ${Math.round(f.ms - (f.cpuMs ?? 0))} ms beyond its CPU: the disk dominated it (or, at a load average of ${loadavg()[0]?.toFixed(1)}, other processes held the cores)`
      : ''
    console.log(
      `| ${job} | ${cell(b)} | ${floorName}: ${cell(f)} | ${(b.ms / f.ms).toFixed(1)}× | ${(f.cpuMs ?? 0) < 20 ? '—' : `${((b.cpuMs ?? 0) / (f.cpuMs ?? 1)).toFixed(1)}×`} | ${note} |`,
    )
  }
}
if (peerRows.length > 0) {
  const ratio = (peer: Result | undefined, b: Result, key: 'ms' | 'cpuMs') =>
    peer ? `${((peer[key] ?? 0) / Math.max(b[key] ?? 1, 1)).toFixed(2)}×` : '—'
  console.log(
    '\n| job | A | B | Ruler 0.3.44 | rulesync 17.0.0 | Ruler ÷ B, wall (CPU) | rulesync ÷ B, wall (CPU) |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  )
  for (const { job, a, b, ruler, rulesync } of peerRows)
    console.log(
      `| ${job} | ${cell(a)} | ${cell(b)} | ${ruler ? cell(ruler) : '—'} | ${rulesync ? cell(rulesync) : '—'} | ${ratio(ruler, b, 'ms')} (${ratio(ruler, b, 'cpuMs')}) | ${ratio(rulesync, b, 'ms')} (${ratio(rulesync, b, 'cpuMs')}) |`,
    )
}
const out = argOf('--out')
if (out) writeFileSync(out, `${JSON.stringify({ builds, runs, sizes, rows, peerRows }, null, 1)}\n`)
rmSync(work, { recursive: true, force: true })

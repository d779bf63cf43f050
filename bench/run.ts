// `npm run bench`: generates kits of growing size, times outfit, the alternatives and `cp -r` on the same machine in
// the same run (cases interleaved round by round, `sync` before every timed command), and writes docs/BENCHMARKS.md,
// docs/bench-time.svg and docs/bench-raw.json (every sample). Run by hand (it takes minutes); never part of the tests.
//   npm run bench                      sizes 10, 100, 1000, 5000
//   npm run bench -- --quick           sizes 10, 1000, three runs each
//   npm run bench -- --sizes 10,1000   chosen sizes
//   npm run bench -- --runs 7          runs per case (default 5; 3 at 5,000 files)
//   npm run bench -- --render          only rewrite docs/BENCHMARKS.md from docs/bench-raw.json and bench/notes.md
//                                      (after editing the notes: the numbers stay those of the last run)
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, totalmem, release, platform, loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { fileCount, shapeFor, writeOutfitKit, writeRulerInput, writeRulesyncInput } from './generate-kit.js'
import { benchInterleaved, timeCommand, type Result } from './measure.js'
import { renderReport, type Report, type SizeResults } from './report.js'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..')
const work = process.env.BENCH_WORK ?? join(here, '.work')
// OUTFIT_BIN: time another build (e.g. the commit before a change) with the same harness.
const outfit = process.env.OUTFIT_BIN ?? join(root, 'dist/cli/run.cjs')
const rulesync = join(here, 'node_modules/rulesync/dist/cli/index.js')
const ruler = join(here, 'node_modules/@intellectronica/ruler/dist/cli/index.js')

/**
 * The tools every one of outfit, rulesync 17 and ruler supports, in each one's own naming. rulesync 17 dropped
 * Gemini CLI and Windsurf (it accepts their names and writes nothing), so the shared job has five tools.
 */
const COMMON = {
  outfit: ['claude-code', 'cursor', 'copilot', 'codex', 'opencode'],
  rulesync: 'claudecode,cursor,copilot,codexcli,opencode',
  ruler: 'claude,cursor,copilot,codex,opencode',
}

/** The seven tools the goals of issue 15 name (outfit has more targets since; `--all` would time those too). */
const SEVEN = ['claude-code', 'cursor', 'copilot', 'codex', 'gemini-cli', 'opencode', 'windsurf']

const args = process.argv.slice(2)
const quick = args.includes('--quick')
const argOf = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined)
const sizes = argOf('--sizes')?.split(',').map(Number) ?? (quick ? [10, 1000] : [10, 100, 1000, 5000])
const runsFor = (size: number) => Number(argOf('--runs') ?? (quick || size >= 5000 ? 3 : 5))

if (args.includes('--render')) {
  const raw = JSON.parse(readFileSync(join(root, 'docs/bench-raw.json'), 'utf8')) as Report
  const { markdown } = renderReport({ ...raw, notes: readFileSync(join(here, 'notes.md'), 'utf8') })
  writeFileSync(join(root, 'docs/BENCHMARKS.md'), markdown)
  console.log('rewrote docs/BENCHMARKS.md from docs/bench-raw.json and bench/notes.md')
  process.exit(0)
}

rmSync(work, { recursive: true, force: true })
mkdirSync(work, { recursive: true })

const node = (script: string, argv: string[], cwd: string) =>
  timeCommand(process.execPath, [script, ...argv], { cwd })
const fresh = (dir: string) => {
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
}
const log = (line: string) => console.log(line)
const show = (size: number) => (name: string, r: Result) =>
  log(
    `  ${String(size).padStart(5)} files · ${name.padEnd(30)} ${r.ms.toFixed(0).padStart(7)} ms (cpu ${r.cpuMs?.toFixed(0) ?? '?'} ms)  ${r.rssMb?.toFixed(0) ?? '?'} MB  [${r.samples.map((s) => s.ms.toFixed(0)).join(' ')}]`,
  )
const load: number[] = []
log(`outfit bench: sizes ${sizes.join(', ')}; load average at start ${loadavg()[0]?.toFixed(2)}`)
load.push(loadavg()[0] ?? 0)

const coldStart = benchInterleaved(
  10,
  [
    { name: 'version', setup: () => {}, run: () => node(outfit, ['--version'], work) },
    { name: 'help', setup: () => {}, run: () => node(outfit, ['--help'], work) },
    {
      name: 'list',
      setup: () => {},
      run: () => node(outfit, ['list', '--home', work, '--project', work], work),
    },
    { name: 'validate', setup: () => {}, run: () => node(outfit, ['validate'], work) },
  ],
  show(0),
)

const results: SizeResults[] = []
for (const size of sizes) {
  const runs = runsFor(size)
  const dir = join(work, String(size))
  const kit = join(dir, 'kit')
  const shape = shapeFor(size)
  await writeOutfitKit(kit, shape)
  const outfitArgs = (command: string, home: string, extra: string[] = []) => [
    command,
    ...SEVEN,
    '--yes',
    '--scope',
    'global',
    '--kit',
    kit,
    '--home',
    home,
    ...extra,
  ]
  const run =
    (home: string, command: string, extra: string[] = []) =>
    () =>
      node(outfit, outfitArgs(command, home, extra), dir)

  // A complete install that re-install and status run against (they change nothing in it).
  const installed = join(dir, 'installed')
  fresh(installed)
  run(installed, 'install')()
  // The floor: the very tree outfit produced, without outfit's state folder, copied with cp -r into a fresh folder.
  const tree = join(dir, 'tree')
  cpSync(installed, tree, { recursive: true })
  rmSync(join(tree, '.local/state/outfit'), { recursive: true, force: true })
  const copy = join(dir, 'copy')
  const home = join(dir, 'home')
  const uhome = join(dir, 'uhome')
  const phome = join(dir, 'phome')
  const adoptedKit = join(dir, 'adopted-kit')
  const r = benchInterleaved(
    runs,
    [
      { name: 'all', setup: () => fresh(home), run: run(home, 'install') },
      { name: 'serial', setup: () => fresh(home), run: run(home, 'install', ['--concurrency', '1']) },
      { name: 'again', setup: () => {}, run: run(installed, 'install') },
      {
        name: 'status',
        setup: () => {},
        run: () => node(outfit, ['status', ...SEVEN, '--scope', 'global', '--home', installed], dir),
      },
      // plan previews the first install into an empty home: the job `all` does.
      { name: 'plan', setup: () => fresh(phome), run: run(phome, 'plan') },
      {
        name: 'uninstall',
        setup: () => {
          fresh(uhome)
          run(uhome, 'install')()
        },
        run: () => node(outfit, ['uninstall', ...SEVEN, '--yes', '--scope', 'global', '--home', uhome], dir),
      },
      // adopt reads the tools' files the install made (the copy without outfit's state) into a fresh kit folder.
      {
        name: 'adopt',
        setup: () => rmSync(adoptedKit, { recursive: true, force: true }),
        run: () =>
          node(
            outfit,
            ['adopt', ...SEVEN, '--scope', 'global', '--home', tree, '--kit', adoptedKit, '--json'],
            dir,
          ),
      },
      {
        name: 'cp',
        setup: () => rmSync(copy, { recursive: true, force: true }),
        run: () => timeCommand('cp', ['-r', tree, copy], { cwd: dir }),
      },
    ],
    show(size),
  )

  // The shared job: rules and MCP servers only (what all three do), into a fresh git project, for the five tools.
  const eqShape = shapeFor(size, 'rules')
  const eqKit = join(dir, 'eq-kit')
  await writeOutfitKit(eqKit, eqShape)
  const inputs = join(dir, 'inputs')
  await writeRulesyncInput(inputs, eqShape)
  await writeRulerInput(inputs, eqShape)
  const project = join(dir, 'project')
  // outfit's state lives in the home: a fresh one too, or the next run would find the previous run's manifests.
  const seeded = () => {
    fresh(join(dir, 'eq-home'))
    fresh(project)
    mkdirSync(join(project, '.git'))
    cpSync(inputs, project, { recursive: true })
  }
  const eq = benchInterleaved(
    runs,
    [
      {
        name: 'outfit',
        setup: seeded,
        run: () =>
          node(
            outfit,
            [
              'install',
              ...COMMON.outfit,
              '--yes',
              '--scope',
              'project',
              '--project',
              project,
              '--kit',
              eqKit,
              '--home',
              join(dir, 'eq-home'),
            ],
            project,
          ),
      },
      {
        name: 'rulesync',
        setup: seeded,
        run: () =>
          node(rulesync, ['generate', '--targets', COMMON.rulesync, '--features', 'rules,mcp'], project),
      },
      {
        name: 'ruler',
        setup: seeded,
        run: () => node(ruler, ['apply', '--agents', COMMON.ruler, '--no-gitignore', '--no-backup'], project),
      },
    ],
    show(size),
  )
  const pick = (x: Record<string, Result>, k: string) => x[k] as Result
  results.push({
    size: fileCount(shape),
    runs,
    all: pick(r, 'all'),
    serial: pick(r, 'serial'),
    again: pick(r, 'again'),
    status: pick(r, 'status'),
    plan: pick(r, 'plan'),
    uninstall: pick(r, 'uninstall'),
    cp: pick(r, 'cp'),
    outfitEq: pick(eq, 'outfit'),
    rulesyncEq: pick(eq, 'rulesync'),
    rulerEq: pick(eq, 'ruler'),
    adopt: { adopt: pick(r, 'adopt'), install: pick(r, 'all') },
  })
  load.push(loadavg()[0] ?? 0)
}

const cpu =
  readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.+)/)?.[1] ?? cpus()[0]?.model ?? 'unknown'
const version = (pkg: string) => (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version
const report: Report = {
  date: new Date().toISOString().slice(0, 10),
  machine: `${cpu}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, ${platform()} ${release()}, Node ${process.version}`,
  load: `1-minute load average ${load.map((l) => l.toFixed(1)).join(' → ')} (start, then after each size)`,
  versions: {
    outfit: version(join(root, 'package.json')),
    rulesync: version(join(here, 'node_modules/rulesync/package.json')),
    ruler: version(join(here, 'node_modules/@intellectronica/ruler/package.json')),
  },
  coldStart: {
    version: coldStart.version as Result,
    help: coldStart.help as Result,
    list: coldStart.list as Result,
    validate: coldStart.validate as Result,
  },
  results,
  notes: readFileSync(join(here, 'notes.md'), 'utf8'),
}
const { markdown, svg } = renderReport(report)
writeFileSync(join(root, 'docs/BENCHMARKS.md'), markdown)
writeFileSync(join(root, 'docs/bench-time.svg'), svg)
writeFileSync(
  join(root, 'docs/bench-raw.json'),
  `${JSON.stringify(report, (k, v) => (k === 'notes' ? undefined : typeof v === 'number' ? Math.round(v * 10) / 10 : v), 1)}\n`,
)
log('wrote docs/BENCHMARKS.md, docs/bench-time.svg and docs/bench-raw.json')

// `npm run bench`: generates kits of growing size, times outfit and the alternatives on the same machine in the same
// run, and writes docs/BENCHMARKS.md and docs/bench-time.svg. Run by hand (it takes minutes); never part of the tests.
//   npm run bench                      sizes 10, 100, 1000, 5000
//   npm run bench -- --quick           sizes 10, 100, 1000, three runs each
//   npm run bench -- --sizes 10,1000   chosen sizes
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, totalmem, release, platform } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { fileCount, shapeFor, writeOutfitKit, writeRulerInput, writeRulesyncInput } from './generate-kit.js'
import { bench, timeCommand, type Result } from './measure.js'
import { renderReport, type Report, type SizeResults } from './report.js'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..')
const work = join(here, '.work')
const outfit = join(root, 'dist/cli/run.js')
const rulesync = join(here, 'node_modules/rulesync/dist/index.js')
const ruler = join(here, 'node_modules/@intellectronica/ruler/dist/cli/index.js')

/** The tools every one of outfit, rulesync and ruler supports, in each one's own naming. */
const COMMON = {
  outfit: ['claude-code', 'cursor', 'copilot', 'codex', 'gemini-cli', 'windsurf', 'opencode'],
  rulesync: 'claudecode,cursor,copilot,codexcli,geminicli,windsurf,opencode',
  ruler: 'claude,cursor,copilot,codex,gemini-cli,windsurf,opencode',
}
const FOUR = ['claude-code', 'cursor', 'codex', 'gemini-cli']

const args = process.argv.slice(2)
const quick = args.includes('--quick')
const sizesArg = args[args.indexOf('--sizes') + 1]
const sizes = args.includes('--sizes') && sizesArg ? sizesArg.split(',').map(Number) : quick ? [10, 100, 1000] : [10, 100, 1000, 5000]
const runsFor = (size: number) => (quick ? 3 : size >= 5000 ? 3 : 5)

rmSync(work, { recursive: true, force: true })
mkdirSync(work, { recursive: true })

const node = (script: string, argv: string[], cwd: string) => timeCommand(process.execPath, [script, ...argv], { cwd })
const fresh = (dir: string) => {
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
}

const log = (line: string) => console.log(line)
log(`outfit bench: sizes ${sizes.join(', ')}`)

const coldStart = {
  version: bench(10, () => {}, () => node(outfit, ['--version'], work)),
  validate: bench(10, () => {}, () => node(outfit, ['validate'], work)),
}
log(`cold start: --version ${coldStart.version.ms.toFixed(0)} ms, validate ${coldStart.validate.ms.toFixed(0)} ms`)

const results: SizeResults[] = []
for (const size of sizes) {
  const runs = runsFor(size)
  const dir = join(work, String(size))
  const kit = join(dir, 'kit')
  const shape = shapeFor(size)
  await writeOutfitKit(kit, shape)
  const home = join(dir, 'home')
  const install = (tools: string[] | 'all', extra: string[] = []) =>
    node(outfit, ['install', ...(tools === 'all' ? ['--all'] : tools), '--yes', '--scope', 'global', '--kit', kit, '--home', home, ...extra], dir)
  const step = (name: string, result: Result) => {
    log(`  ${String(size).padStart(5)} files · ${name.padEnd(28)} ${result.ms.toFixed(0).padStart(7)} ms  ${result.rssMb?.toFixed(0) ?? '?'} MB`)
    return result
  }

  const one = step('install → 1 tool', bench(runs, () => fresh(home), () => install(['claude-code'])))
  const four = step('install → 4 tools', bench(runs, () => fresh(home), () => install(FOUR)))
  const all = step('install → all 7', bench(runs, () => fresh(home), () => install('all')))
  const serial = step('install → all 7, --concurrency 1', bench(runs, () => fresh(home), () => install('all', ['--concurrency', '1'])))
  // home now holds a complete install: a second one changes nothing.
  const again = step('re-install, no change', bench(runs, () => {}, () => install('all')))
  const uninstall = step('uninstall all 7', bench(runs, () => {
    fresh(home)
    install('all')
  }, () => node(outfit, ['uninstall', '--all', '--yes', '--scope', 'global', '--home', home], dir)))
  // The floor: copying the tree outfit produces (its state folder excluded), with cp -r.
  fresh(home)
  install('all')
  rmSync(join(home, '.outfit'), { recursive: true, force: true })
  const copy = join(dir, 'copy')
  const cp = step('cp -r of the same tree', bench(runs, () => rmSync(copy, { recursive: true, force: true }), () => timeCommand('cp', ['-r', home, copy], { cwd: dir })))

  // The comparison: rules, commands and MCP servers only (what all three do), into a project, for the 7 tools.
  const eqShape = shapeFor(size, 'rules+commands')
  const eqKit = join(dir, 'eq-kit')
  await writeOutfitKit(eqKit, eqShape)
  const inputs = join(dir, 'inputs')
  await writeRulesyncInput(inputs, eqShape)
  await writeRulerInput(inputs, eqShape)
  const project = join(dir, 'project')
  const seeded = () => {
    fresh(project)
    mkdirSync(join(project, '.git'))
    cpSync(inputs, project, { recursive: true })
  }
  const outfitEq = step('outfit (rules+commands+mcp)', bench(runs, seeded, () => node(outfit, ['install', ...COMMON.outfit, '--yes', '--scope', 'project', '--project', project, '--kit', eqKit, '--home', home], project)))
  const rulesyncEq = step('rulesync generate', bench(runs, seeded, () => node(rulesync, ['generate', '--targets', COMMON.rulesync, '--features', 'rules,commands,mcp'], project)))
  const rulerEq = step('ruler apply (rules+mcp)', bench(runs, seeded, () => node(ruler, ['apply', '--agents', COMMON.ruler, '--no-gitignore', '--no-backup'], project)))
  results.push({ size: fileCount(shape), runs, one, four, all, serial, again, uninstall, cp, outfitEq, rulesyncEq, rulerEq })
}

const cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.+)/)?.[1] ?? cpus()[0]?.model ?? 'unknown'
const report: Report = {
  date: new Date().toISOString().slice(0, 10),
  machine: `${cpu}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, ${platform()} ${release()}, Node ${process.version}`,
  versions: {
    outfit: (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version,
    rulesync: (JSON.parse(readFileSync(join(here, 'node_modules/rulesync/package.json'), 'utf8')) as { version: string }).version,
    ruler: (JSON.parse(readFileSync(join(here, 'node_modules/@intellectronica/ruler/package.json'), 'utf8')) as { version: string }).version,
  },
  coldStart,
  results,
  notes: readFileSync(join(here, 'notes.md'), 'utf8'),
}
const { markdown, svg } = renderReport(report)
writeFileSync(join(root, 'docs/BENCHMARKS.md'), markdown)
writeFileSync(join(root, 'docs/bench-time.svg'), svg)
writeFileSync(join(work, 'results.json'), JSON.stringify(report, null, 2))
log('wrote docs/BENCHMARKS.md and docs/bench-time.svg')

// One timed run of a command: wall time from this process (high resolution) and peak resident memory of the child
// from GNU time (%M, in KiB). Medians over several runs are what the report shows.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface Sample {
  ms: number
  /** Peak RSS in MiB, when GNU time is available. */
  rssMb?: number
}

const GNU_TIME = '/usr/bin/time'
const hasTime = existsSync(GNU_TIME)

export function timeCommand(command: string, args: string[], options: { cwd: string; env?: Record<string, string> }): Sample {
  const scratch = mkdtempSync(join(tmpdir(), 'outfit-bench-time-'))
  const rssFile = join(scratch, 'rss')
  const [cmd, argv] = hasTime ? [GNU_TIME, ['-f', '%M', '-o', rssFile, command, ...args]] : [command, args]
  const start = process.hrtime.bigint()
  const result = spawnSync(cmd, argv, { cwd: options.cwd, env: { ...process.env, NO_COLOR: '1', CI: 'true', ...options.env }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
  const ms = Number(process.hrtime.bigint() - start) / 1e6
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}\n${result.stdout.slice(-2000)}\n${result.stderr.slice(-2000)}`)
  }
  const rss = hasTime ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) / 1024 : undefined
  rmSync(scratch, { recursive: true, force: true })
  return rss === undefined ? { ms } : { ms, rssMb: rss }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

export interface Result {
  ms: number
  rssMb?: number
  runs: number
}

/** Runs `setup` (untimed) then `run` (timed) `runs` times; reports the medians. */
export function bench(runs: number, setup: () => void, run: () => Sample): Result {
  const samples: Sample[] = []
  for (let i = 0; i < runs; i++) {
    setup()
    samples.push(run())
  }
  const rss = samples.flatMap((s) => (s.rssMb === undefined ? [] : [s.rssMb]))
  return { ms: median(samples.map((s) => s.ms)), ...(rss.length ? { rssMb: median(rss) } : {}), runs }
}

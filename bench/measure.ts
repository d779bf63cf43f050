// One timed run of a command: wall time from this process (high resolution) and peak resident memory of the child
// from GNU time (%M, in KiB). `sync` runs before every timed command, so that dirty pages left by the previous run
// (the deletes and writes of its setup) are not flushed on the clock of the next one. Cases are interleaved round by
// round (A B C, A B C, ...) so that load from other processes on the machine spreads over all of them alike; the
// report shows medians and keeps every sample.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface Sample {
  ms: number
  /** Peak RSS in MiB, when GNU time is available. */
  rssMb?: number
  /** CPU time (user + system) of the child, when GNU time is available: unlike wall time, not inflated by waiting for a
   * core that other processes hold. */
  cpuMs?: number
}

const GNU_TIME = '/usr/bin/time'
const hasTime = existsSync(GNU_TIME)

export function sync(): void {
  spawnSync('sync')
}

export function timeCommand(
  command: string,
  args: string[],
  options: { cwd: string; env?: Record<string, string> },
): Sample {
  const scratch = mkdtempSync(join(tmpdir(), 'outfit-bench-time-'))
  const rssFile = join(scratch, 'rss')
  const [cmd, argv] = hasTime
    ? [GNU_TIME, ['-f', '%M %U %S', '-o', rssFile, command, ...args]]
    : [command, args]
  sync()
  const start = process.hrtime.bigint()
  const result = spawnSync(cmd, argv, {
    cwd: options.cwd,
    env: { ...process.env, NO_COLOR: '1', CI: 'true', ...options.env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  })
  const ms = Number(process.hrtime.bigint() - start) / 1e6
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} exited ${result.status}\n${result.stdout.slice(-2000)}\n${result.stderr.slice(-2000)}`,
    )
  }
  const [rss, user, sys] = hasTime
    ? (readFileSync(rssFile, 'utf8').trim().split('\n').pop() ?? '').split(' ').map(Number)
    : []
  rmSync(scratch, { recursive: true, force: true })
  return rss === undefined ? { ms } : { ms, rssMb: rss / 1024, cpuMs: ((user ?? 0) + (sys ?? 0)) * 1000 }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

export interface Result {
  ms: number
  rssMb?: number
  cpuMs?: number
  runs: number
  /** Every sample, in run order (raw numbers, kept in the report's JSON). */
  samples: Sample[]
}

export interface Case {
  name: string
  /** Untimed preparation before each timed run. */
  setup: () => void
  run: () => Sample
}

/** Runs every case `runs` times, interleaved round by round; reports medians per case. */
export function benchInterleaved(
  runs: number,
  cases: Case[],
  onResult?: (name: string, result: Result) => void,
): Record<string, Result> {
  const samples = new Map<string, Sample[]>(cases.map((c) => [c.name, []]))
  for (let i = 0; i < runs; i++) {
    for (const c of cases) {
      c.setup()
      samples.get(c.name)?.push(c.run())
    }
  }
  const out: Record<string, Result> = {}
  for (const c of cases) {
    const s = samples.get(c.name) ?? []
    const rss = s.flatMap((x) => (x.rssMb === undefined ? [] : [x.rssMb]))
    const cpu = s.flatMap((x) => (x.cpuMs === undefined ? [] : [x.cpuMs]))
    out[c.name] = {
      ms: median(s.map((x) => x.ms)),
      ...(rss.length ? { rssMb: Math.max(...rss) } : {}),
      ...(cpu.length ? { cpuMs: median(cpu) } : {}),
      runs,
      samples: s,
    }
    onResult?.(c.name, out[c.name] as Result)
  }
  return out
}

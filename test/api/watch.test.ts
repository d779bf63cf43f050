// `install --watch` on memfs, driven by events: the test plays the watcher (emits a change) and the clock (fires the
// debounce), and observes the installs through the watch events and the files. Nothing sleeps.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { watchInstall, type Watcher, type WatchEvent, type WatchRequest } from '../../src/api/watch.js'
import { builtinTargetsDir } from '../../src/package-root.js'
import { renderWatchEvent } from '../../src/report/render-watch.js'
import { createMemSandbox, type MemSandbox } from '../helpers/mem-sandbox.js'

let sb: MemSandbox

beforeEach(async () => {
  sb = await createMemSandbox()
  await sb.fs.mkdir(builtinTargetsDir, { recursive: true })
  for (const name of readdirSync(builtinTargetsDir))
    await sb.fs.writeFile(join(builtinTargetsDir, name), readFileSync(join(builtinTargetsDir, name)))
})

/** A watcher the test drives, and a debounce that fires when the test says so. */
function harness() {
  const listeners: ((event: string, path: string) => void)[] = []
  const watched: string[][] = []
  let closed = false
  let due: (() => void) | undefined
  const events: WatchEvent[] = []
  const waiting: { count: number; resolve: () => void }[] = []
  const controller = new AbortController()
  const watcher: Watcher = {
    on: (event: string, listener: (...args: never[]) => void) => {
      if (event === 'all') listeners.push(listener as (event: string, path: string) => void)
      return watcher
    },
    close: async () => void (closed = true),
  }
  const request: Partial<WatchRequest> = {
    watch: (folders) => (watched.push(folders), watcher),
    debounce: (run) => ((due = run), () => (due = undefined)),
    onWatch: (event) => {
      events.push(event)
      for (const w of waiting.filter((w) => events.length >= w.count)) w.resolve()
    },
    signal: controller.signal,
  }
  return {
    request,
    events,
    watched,
    closed: () => closed,
    stop: () => controller.abort(),
    emit: (event: string, path: string) => listeners.forEach((l) => l(event, path)),
    /** The quiet moment after the last change: the debounce fires. */
    settle: () => {
      const run = due
      due = undefined
      run?.()
    },
    hasPending: () => due !== undefined,
    /** Resolves once this many watch events have come (an install's end is observed, not waited for). */
    eventCount: (count: number) =>
      new Promise<void>((resolve) => {
        if (events.length >= count) resolve()
        else waiting.push({ count, resolve })
      }),
  }
}

const lines = (event: WatchEvent | undefined) =>
  event ? renderWatchEvent(event, { color: false, cwd: '/sandbox' }) : []

describe('outfit install --watch', () => {
  it('installs, re-installs once per burst of kit changes, reports a half-saved file and installs nothing, and stops cleanly', async () => {
    const h = harness()
    const run = watchInstall({
      fs: sb.fs,
      cwd: sb.project,
      env: {},
      home: sb.home,
      project: sb.project,
      scope: 'global',
      tools: ['claude-code', 'codex'],
      kit: sb.kit,
      trust: true,
      ...h.request,
    } as WatchRequest)

    await h.eventCount(1)
    expect(h.watched).toEqual([[sb.kit]])
    expect(lines(h.events[0])).toEqual(['✓ start → Claude Code installed, Codex CLI installed'])

    // A burst of saves is one install, after the quiet moment; outfit's own writes and editor litter are no change.
    const agent = join(sb.kit, 'agents/reviewer.md')
    await sb.fs.writeFile(agent, `${await sb.fs.readFile(agent, 'utf8')}\nAlso check the tests.\n`)
    h.emit('change', agent)
    h.emit('change', agent)
    h.emit('add', join(sb.kit, 'agents/.reviewer.md.swp'))
    h.emit('change', join(sb.kit, '.claude/settings.json'))
    h.settle()
    await h.eventCount(2)
    expect(lines(h.events[1])).toEqual(['✓ agents/reviewer.md → Claude Code installed, Codex CLI installed'])
    expect(await sb.read('home/.claude/agents/reviewer.md')).toContain('Also check the tests.')
    expect(h.events).toHaveLength(2)

    // Saved half-way: refused at its line, nothing of it installed, the previous install left as it was.
    const rule = join(sb.kit, 'rules/general.md')
    const good = await sb.fs.readFile(rule, 'utf8')
    const before = await sb.tree()
    await sb.fs.writeFile(rule, '---\ndescription: [half\n---\nAlways\n')
    h.emit('change', rule)
    h.settle()
    await h.eventCount(3)
    expect(lines(h.events[2])[0]).toMatch(
      /^✗ rules\/general\.md → nothing installed: .*kit\/rules\/general\.md:\d+:\d+ {2}frontmatter/,
    )
    expect(await sb.tree()).toEqual(before)

    // Valid again: installed again.
    await sb.fs.writeFile(rule, `${good}\nPrefer small functions.\n`)
    h.emit('change', rule)
    h.settle()
    await h.eventCount(4)
    expect(h.events[3]).toMatchObject({ kind: 'installed', changed: ['rules/general.md'] })
    expect(await sb.read('home/.claude/CLAUDE.md')).toContain('Prefer small functions.')

    // Ctrl-C: a change not yet installed is dropped, the watcher closed, and the loop ends without an error.
    h.emit('change', agent)
    h.stop()
    await run
    expect(h.closed()).toBe(true)
    expect(h.hasPending()).toBe(false)
    expect(h.events).toHaveLength(4)
  })

  it('a stop during an install lets that install roll back or finish before the loop ends', async () => {
    const h = harness()
    let stopDuringInstall = true
    const run = watchInstall({
      fs: sb.fs,
      cwd: sb.project,
      env: {},
      home: sb.home,
      project: sb.project,
      scope: 'global',
      tools: ['claude-code'],
      kit: sb.kit,
      trust: true,
      onStep: () => {
        if (stopDuringInstall) {
          stopDuringInstall = false
          h.stop()
        }
      },
      ...h.request,
    } as WatchRequest)
    await run
    // The install saw the stop at its next step and rolled back: the home is as it was, nothing half-written.
    expect(h.events.map((e) => e.kind === 'installed' && e.report.results.map((r) => r.status))).toEqual([
      ['cancelled'],
    ])
    expect(await sb.fs.readdir(join(sb.home, '.claude')).catch(() => [])).toEqual([])
    expect(h.closed()).toBe(true)
  })

  it('refuses a kit it cannot watch (fetched from elsewhere), before installing anything', async () => {
    const h = harness()
    await expect(
      watchInstall({
        fs: sb.fs,
        cwd: sb.project,
        env: {},
        home: sb.home,
        project: sb.project,
        scope: 'global',
        tools: ['claude-code'],
        kit: 'github:acme/kit',
        ...h.request,
      } as WatchRequest),
    ).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('--watch needs kit folders') })
    expect(h.watched).toEqual([])
  })
})

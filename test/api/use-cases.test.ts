// The api use cases on memfs, as a program using outfit as a library calls them: questions, notes and progress
// arrive through the request's callbacks, and the core itself prints nothing.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { install } from '../../src/api/install.js'
import { plan } from '../../src/api/plan.js'
import { status } from '../../src/api/status.js'
import { uninstall } from '../../src/api/uninstall.js'
import type { Note } from '../../src/api/workspace.js'
import { builtinTargetsDir } from '../../src/package-root.js'
import { createMemSandbox, type MemSandbox } from '../helpers/mem-sandbox.js'

let sb: MemSandbox
const printed: unknown[] = []

beforeEach(async () => {
  sb = await createMemSandbox()
  // The built-in targets, where outfit looks for them, on the sandbox's file system.
  await sb.fs.mkdir(builtinTargetsDir, { recursive: true })
  for (const name of readdirSync(builtinTargetsDir))
    await sb.fs.writeFile(join(builtinTargetsDir, name), readFileSync(join(builtinTargetsDir, name)))
  printed.length = 0
  for (const stream of [process.stdout, process.stderr])
    vi.spyOn(stream, 'write').mockImplementation((chunk: unknown) => (printed.push(chunk), true))
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void printed.push(args))
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void printed.push(args))
})
afterEach(() => {
  vi.restoreAllMocks()
})

const where = () => ({
  fs: sb.fs,
  cwd: sb.project,
  env: {},
  home: sb.home,
  project: sb.project,
  scope: 'global',
})

describe('the api use cases', () => {
  it('install asks which tools through the injected question, says notes through onNote, and prints nothing', async () => {
    const asked: string[] = []
    const notes: Note[] = []
    const started: string[] = []
    const done: string[] = []
    const result = await install({
      ...where(),
      kit: sb.kit,
      askTools: {
        select: async (options) => {
          asked.push(`select from ${options.length}`)
          return ['claude-code', 'cursor']
        },
        confirm: async (message) => (asked.push(message), true),
      },
      onNote: (note) => notes.push(note),
      onStart: (tools) => started.push(...tools.map((t) => t.spec.id)),
      onToolDone: (r) => done.push(`${r.tool}: ${r.status}`),
    })
    expect(asked).toEqual([
      expect.stringMatching(/^select from \d+$/),
      'Install into Claude Code, Cursor (global scope)?',
    ])
    expect(started).toEqual(['claude-code', 'cursor'])
    expect(done.sort()).toEqual(['claude-code: installed', 'cursor: installed'])
    expect(result.report.results.map((r) => r.status)).toEqual(['installed', 'installed'])
    expect(await sb.read('home/.claude/skills/code-review/SKILL.md')).toContain('code-review')
    expect(printed).toEqual([])
    expect(notes).toEqual([])
  })

  it('a cancelled tool question is an interrupt that changes nothing', async () => {
    const before = await sb.tree()
    const asking = install({
      ...where(),
      kit: sb.kit,
      askTools: { select: async () => null, confirm: async () => true },
    })
    await expect(asking).rejects.toMatchObject({ code: 'CANCELLED' })
    expect(await sb.tree()).toEqual(before)
  })

  it('without a question and without named tools, install refuses (a library never guesses)', async () => {
    await expect(install({ ...where(), kit: sb.kit })).rejects.toMatchObject({
      code: 'USAGE',
      message: 'which tools? name them, or pass --all or --detected',
    })
  })

  it('plan writes nothing; status and uninstall read what install recorded', async () => {
    const before = await sb.tree()
    const planned = await plan({ ...where(), tools: ['codex'], kit: sb.kit })
    expect(planned.plans.map((p) => p.tool)).toEqual(['codex'])
    expect(planned.plans[0]?.changes.length).toBeGreaterThan(0)
    expect(await sb.tree()).toEqual(before)

    await install({ ...where(), tools: ['codex'], kit: sb.kit })
    const shown = await status({ ...where(), tools: ['codex'] })
    expect(shown.rows).toMatchObject([{ tool: 'codex', installed: { kit: 'starter-kit' }, drift: [] }])
    expect(shown.roots).toEqual([sb.home])

    const removed = await uninstall({ ...where(), tools: ['codex'] })
    expect(removed.report.results.map((r) => r.status)).toEqual(['uninstalled'])
    expect(await sb.tree()).toEqual(before)
    expect(printed).toEqual([])
  })

  it('a project scope in the home is a note for the caller, not a line on the terminal', async () => {
    const notes: Note[] = []
    await plan({
      ...where(),
      project: undefined,
      cwd: sb.home,
      scope: 'project',
      tools: ['codex'],
      kit: sb.kit,
      onNote: (n) => notes.push(n),
    })
    expect(notes).toEqual([
      { about: 'setup', text: expect.stringContaining('the project folder is your home') },
    ])
    expect(printed).toEqual([])
  })
})

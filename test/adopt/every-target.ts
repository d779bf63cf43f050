// `outfit adopt`'s promises for every built-in target (the table; every-target-*.test.ts run it per scope) with files to read, in both scopes, on memfs: each tool's
// configuration laid out by hand in its own forms (tool-layouts.ts), adopted, then
//   1. `plan` of the adopted kit into the same tool changes nothing (what `plan --check` checks),
//   4. install takes the files over, and uninstall leaves the tree exactly as before adopt,
//   2. with the tool's files removed, install recreates them (data equal; Markdown bodies and frontmatter data equal),
//   3. the kit installs into two other tools without error.
// A target that cannot round-trip is listed in SKIPPED with the reason (and in docs/adopt.md).
import { dirname, join } from 'node:path'
import { parse as parseToml } from 'smol-toml'
import { beforeAll, describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { declarationsOf } from '../../src/adopt/declarations.js'
import { adopt } from '../../src/api/adopt.js'
import { install } from '../../src/api/install.js'
import { plan } from '../../src/api/plan.js'
import { uninstall } from '../../src/api/uninstall.js'
import { parseJsonc } from '../../src/formats/json-edit.js'
import { requireTargets } from '../../src/api/targets.js'
import { realFs } from '../../src/fs/fs.js'
import { FENCE } from '../../src/transforms/markdown.js'
import type { LoadedTarget } from '../../src/types.js'
import { createMemSandbox, type MemSandbox } from '../helpers/mem-sandbox.js'
import { builtins } from './adopt-input.js'
import { isScript, isSettings, LAYOUTS, type Places } from './tool-layouts.js'

/** Targets × scopes that cannot round-trip, and why (kept in step with docs/adopt.md). */
export const SKIPPED: Record<string, string> = {}

/** Where the adopted kit goes besides the tool it came from (promise 3): one tool per case, taking turns. */
const ELSEWHERE = ['codex', 'cursor', 'claude-code', 'gemini-cli', 'copilot', 'opencode', 'windsurf']

// The built-in targets, loaded once for every api call (as one CLI run loads them once).
let loadedTargets: { dirs: string[]; targets: LoadedTarget[] }
beforeAll(async () => {
  loadedTargets = { dirs: [], targets: await requireTargets({ fs: realFs }) }
})

function placesOf(id: string, scope: 'project' | 'global', sb: MemSandbox): Places {
  const spec = builtins.find((t) => t.id === id)!
  const d = declarationsOf(
    spec,
    scope,
    { home: sb.home, project: sb.project, platform: 'linux' },
    { name: 'kit' },
  )
  const at: Places = { scope, kind: {}, step: {}, root: d.root, dir: d.vars['dir'] ?? d.root }
  for (const c of d.copies) {
    at.kind[c.kind] ??= c.dir
    at.step[c.step] = c.dir
  }
  if (d.blocks[0]) at.block = d.blocks[0].file
  return at
}

/** Markdown → frontmatter data (raw text where it is not strict YAML, as Cursor's bare globs) and body. */
function markdownData(text: string): unknown {
  const m = FENCE.exec(text)
  if (!m) return { body: text }
  let fm: unknown
  try {
    fm = parseYaml(m[1] ?? '')
  } catch {
    fm = m[1]
  }
  return { fm, body: text.slice(m[0].length).replace(/^\n/, '') }
}

/**
 * An MCP server as the tools read it: without `type`, a server with a command is stdio; an empty `env` is none.
 * (A server outfit writes says `type` and leaves out what is empty.)
 */
function asTool(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asTool)
  if (typeof value !== 'object' || value === null) return value
  const out: Record<string, unknown> = {}
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0) continue
    out[key] = asTool(v)
  }
  if (typeof out['command'] === 'string' && out['type'] === undefined) out['type'] = 'stdio'
  return out
}

/** A file as the tool reads it: data for JSON/TOML/YAML, frontmatter data and body for Markdown, else bytes. */
function asData(path: string, bytes: Buffer): unknown {
  const text = bytes.toString('utf8')
  if (/\.jsonc?$/.test(path)) return asTool(parseJsonc(path, text))
  if (path.endsWith('.toml')) return parseToml(text)
  if (/\.(md|mdc|yaml)$/.test(path)) return markdownData(text)
  return bytes.toString('base64')
}

/** The table for one scope (one test file per scope, so that the two halves run side by side). */
export function everyTarget(scope: 'project' | 'global'): void {
  const cases = builtins.filter((spec) => spec.scopes[scope]).map((spec, i) => ({ id: spec.id, turn: i }))
  describe.each(cases)(`adopt $id (${scope})`, ({ id, turn }) => keepsPromises(id, scope, turn))
}

function keepsPromises(id: string, scope: 'project' | 'global', turn: number): void {
  const layout = LAYOUTS[id]
  it.skipIf(!layout || SKIPPED[`${id} ${scope}`])('keeps promises 1 to 4', async () => {
    const sb = await createMemSandbox()
    const at = placesOf(id, scope, sb)
    const files = layout!(at)
    expect(Object.keys(files).length, 'the layout has files for this scope').toBeGreaterThan(0)
    for (const [path, content] of Object.entries(files)) {
      await sb.fs.mkdir(dirname(path), { recursive: true })
      await sb.fs.writeFile(path, content)
      if (isScript(path)) await sb.fs.chmod(path, 0o755)
    }
    const where = {
      loadedTargets,
      fs: sb.fs,
      cwd: sb.project,
      env: {},
      home: sb.home,
      project: sb.project,
      scope,
    }
    const kit = join(sb.root, 'adopted-kit')
    const before = await sb.tree()

    const adopted = await adopt({ ...where, tools: [id], kit })
    expect(adopted.conflicts, 'no conflicts').toEqual([])
    const skipped = adopted.skipped.map((s) => `${s.where}: ${s.reason}`)
    expect(skipped, `nothing skipped: ${JSON.stringify(skipped)}`).toEqual([])
    expect(adopted.written).toBe(true)
    // Every file of the layout is accounted for by an item (a skill's extra files by its folder).
    const sources = adopted.items.flatMap((i) => i.sources.map((s) => s.file))
    const moved = adopted.moved.map((m) => m.from)
    for (const path of Object.keys(files).filter((p) => !isSettings(p)))
      expect(
        sources.some((s) => path === s || path.startsWith(`${s}/`)) || moved.includes(path),
        `${path} adopted`,
      ).toBe(true)

    // 1. plan --check: nothing to change.
    const planned = await plan({ ...where, tools: [id], kit })
    const found = planned.plans.map((p) => [p.failure ?? '', p.changes.map((c) => `${c.kind} ${c.path}`)])
    expect(found, `plan --check: ${JSON.stringify(found)}`).toEqual([['', []]])

    // 4. install takes the files over; uninstall leaves everything as before adopt.
    const installed = await install({ ...where, tools: [id], kit })
    expect(installed.report.results.map((r) => [r.status, r.failure?.error.message ?? ''])).toEqual([
      ['installed', ''],
    ])
    const removed = await uninstall({ ...where, tools: [id] })
    expect(removed.report.results.map((r) => r.failure?.error.message ?? '')).toEqual([''])
    const after = await sb.tree()
    const noKit = (t: Record<string, string>) =>
      Object.fromEntries(Object.entries(t).filter(([k]) => !k.startsWith('adopted-kit')))
    expect(noKit(after), 'uninstall leaves the tree as before adopt').toEqual(noKit(before))

    // 2. with the tool's files removed, install recreates them; 3. in the same run, the kit installs into another
    // tool without error (one run for both: each case costs what its api calls cost).
    for (const path of Object.keys(files)) if (!isSettings(path)) await sb.fs.unlink(path)
    const other = ELSEWHERE.filter((t) => t !== id)[turn % (ELSEWHERE.length - 1)] ?? 'codex'
    const again = await install({ ...where, tools: [id, other], kit })
    expect(
      Object.fromEntries(
        again.report.results.map((r) => [r.tool, [r.status, r.failure?.error.message ?? '']]),
      ),
    ).toEqual({ [id]: ['installed', ''], [other]: ['installed', ''] })
    for (const [path, content] of Object.entries(files)) {
      const back = Buffer.from((await sb.fs.readFile(path)) as Uint8Array)
      if (path === at.block) expect(back.toString('utf8'), path).toContain(String(content).trim())
      else if (/\.(json|toml)$/.test(path) && !Object.values(at.kind).some((d) => path.startsWith(`${d}/`))) {
        // A file outfit merges into (servers, hooks): the parts it writes come back; the app's own keys are the app's.
        const now = asData(path, back) as Record<string, unknown>
        const was = asData(path, Buffer.from(content)) as Record<string, unknown>
        expect(now, path).toEqual(Object.fromEntries(Object.keys(now).map((k) => [k, was[k]])))
      } else expect(asData(path, back), path).toEqual(asData(path, Buffer.from(content)))
    }
  })
}

// Per-item tool choice through the use cases, on memfs: plan shows which items each tool gets, install refuses an
// `outfit:` block naming an unknown tool before anything is written, and a user target (--targets) is a known tool.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { install } from '../../src/api/install.js'
import { plan } from '../../src/api/plan.js'
import { validate } from '../../src/api/validate.js'
import { TargetInvalidError } from '../../src/errors.js'
import { builtinTargetsDir } from '../../src/package-root.js'
import { renderPlan } from '../../src/report/render.js'
import { createMemSandbox, type MemSandbox } from '../helpers/mem-sandbox.js'

let sb: MemSandbox

beforeEach(async () => {
  sb = await createMemSandbox()
  await sb.fs.mkdir(builtinTargetsDir, { recursive: true })
  for (const name of readdirSync(builtinTargetsDir))
    await sb.fs.writeFile(join(builtinTargetsDir, name), readFileSync(join(builtinTargetsDir, name)))
})

const where = () => ({
  fs: sb.fs,
  cwd: sb.project,
  env: {},
  home: sb.home,
  project: sb.project,
  scope: 'project',
  kit: sb.kit,
})

const agent = (tools: string) =>
  `---\nname: reviewer\ndescription: Reviews.\noutfit:\n  tools: ${tools}\n---\nReview.\n`

describe('per-item tools in the use cases', () => {
  it('plan lists the items each tool gets and those not for it', async () => {
    await sb.write('kit/agents/reviewer.md', agent('[claude-code]'))
    const result = await plan({ ...where(), tools: ['claude-code', 'cursor'] })
    expect(result.plans.map((p) => [p.tool, p.items?.skips])).toEqual([
      ['claude-code', []],
      ['cursor', ['agents/reviewer.md']],
    ])
    expect(result.plans[1]?.items?.gets).toContain('skills/code-review')
    expect(result.plans[1]?.changes.map((c) => c.path).filter((p) => p.includes('agents/'))).toEqual([])
    const lines = renderPlan(result.plans, { color: false, cwd: sb.project })
    expect(lines).toContain('  · not for Cursor: agents/reviewer.md')
    expect(lines.filter((l) => /gets \d+ of \d+ items/.test(l))).toEqual([
      '  · gets 11 of 11 items',
      '  · gets 10 of 11 items',
    ])
  })

  it('plan says nothing of items when no item picks its tools', async () => {
    const result = await plan({ ...where(), tools: ['cursor'] })
    expect(result.plans[0]?.items).toBeUndefined()
  })

  it('install refuses an unknown tool at its file:line:col, before writing anything', async () => {
    await sb.write('kit/agents/reviewer.md', agent('[claude-cod]'))
    const before = await sb.tree()
    const error = await install({ ...where(), tools: ['claude-code'] }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TargetInvalidError)
    expect(
      (error as TargetInvalidError).diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`),
    ).toEqual([
      `${join(sb.kit, 'agents/reviewer.md')}:5:11 unknown tool 'claude-cod'; did you mean 'claude-code'?`,
    ])
    expect(await sb.tree()).toEqual(before)
  })

  it('counts a user target (--targets) as a known tool', async () => {
    await sb.write(
      'targets/my-tool.yaml',
      [
        'id: my-tool',
        'name: My Tool',
        'scopes:',
        '  project: { root: "{{project}}", dir: "{{project}}/.my-tool" }',
        'steps:',
        '  - preset: agents',
        '    keep: [name, description]',
        '    accepts: [name, description, model]',
        '',
      ].join('\n'),
    )
    await sb.write(
      'kit/agents/reviewer.md',
      '---\nname: reviewer\ndescription: Reviews.\noutfit:\n  tools: [my-tool]\n  overrides:\n    my-tool: { model: fast }\n---\nReview.\n',
    )
    const targets = join(sb.root, 'targets')
    const result = await install({ ...where(), tools: ['my-tool', 'claude-code'], targets })
    expect(result.report.results.map((r) => [r.tool, r.status])).toEqual([
      ['my-tool', 'installed'],
      ['claude-code', 'installed'],
    ])
    expect(await sb.read('project/.my-tool/agents/reviewer.md')).toBe(
      '---\nname: reviewer\ndescription: Reviews.\nmodel: fast\n---\nReview.\n',
    )
    expect(Object.keys(await sb.tree()).filter((p) => p.includes('.claude/agents'))).toEqual([])
  })

  it('validate --kit checks the blocks against the known tools', async () => {
    await sb.write(
      'kit/commands/changelog.md',
      '---\ndescription: Changelog\noutfit:\n  overrides:\n    gemini-cli: { promt: x }\n---\nWrite it.\n',
    )
    const result = await validate({ fs: sb.fs, cwd: sb.project, files: [], kit: sb.kit })
    expect(result.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      "5:19 'promt' is not a key Gemini CLI takes for commands/changelog.md (it takes: description, prompt); did you mean 'prompt'?",
    ])
  })
})

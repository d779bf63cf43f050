// `outfit adopt` on layouts as people have them (several tools, hand-written frontmatter, skills with scripts and
// binaries, a linked skill, legacy places, broken files), on memfs, and the promises checked with outfit's own plan
// and install: right after adopting nothing changes (1), the tools' files come back from the kit (2), the kit
// installs into other tools (3), and messy input is reported, never damaged (5).
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { adopt, type AdoptRequest } from '../../src/api/adopt.js'
import { install } from '../../src/api/install.js'
import { plan } from '../../src/api/plan.js'
import { builtinTargetsDir } from '../../src/package-root.js'
import { createMemSandbox, type MemSandbox } from '../helpers/mem-sandbox.js'

let sb: MemSandbox

beforeEach(async () => {
  sb = await createMemSandbox()
  await sb.fs.mkdir(builtinTargetsDir, { recursive: true })
  for (const name of readdirSync(builtinTargetsDir))
    await sb.fs.writeFile(join(builtinTargetsDir, name), readFileSync(join(builtinTargetsDir, name)))
})

const where = (scope = 'project') => ({
  fs: sb.fs,
  cwd: sb.project,
  env: {},
  home: sb.home,
  project: sb.project,
  scope,
})

async function put(path: string, content: string | Uint8Array, mode?: number): Promise<void> {
  await sb.fs.mkdir(dirname(path), { recursive: true })
  await sb.fs.writeFile(path, content)
  if (mode !== undefined) await sb.fs.chmod(path, mode)
}
const text = async (path: string) => String(await sb.fs.readFile(path, 'utf8'))
const bytes = async (path: string) => Buffer.from((await sb.fs.readFile(path)) as Uint8Array)
const exists = (path: string) =>
  sb.fs.stat(path).then(
    () => true,
    () => false,
  )

/** Every file below a folder: path → bytes (a link followed; a broken one as its target). */
async function tree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  const walk = async (d: string): Promise<void> => {
    for (const name of (await sb.fs.readdir(d)) as string[]) {
      const full = join(d, name)
      const st = await sb.fs.stat(full).catch(() => undefined)
      if (!st)
        out[full.slice(dir.length + 1)] = `-> ${String(await sb.fs.readlink(full))}` // a broken link
      else if (st.isDirectory()) await walk(full)
      else out[full.slice(dir.length + 1)] = (await bytes(full)).toString('base64')
    }
  }
  await walk(dir)
  return out
}

const BINARY = new Uint8Array([0, 159, 146, 150, 255, 0, 1, 2])

/** A Claude Code project as people write it: quoting, comments, scripts, a binary, a linked skill. */
async function claudeProject(root: string): Promise<void> {
  await put(
    `${root}/.claude/agents/reviewer.md`,
    "---\nname: reviewer\n# shown in /agents\ndescription: 'Reviews diffs: bugs first, then naming'\ntools: Read, Grep, Glob\nmodel: opus\n---\n\nYou review the change.\n",
  )
  await put(
    `${root}/.claude/agents/tester.md`,
    '---\nname: "tester"\ndescription: "Writes tests"\n---\nWrite the tests first.\n',
  )
  await put(
    `${root}/.claude/commands/fix.md`,
    '---\nargument-hint: [issue-number]\ndescription: Fix a GitHub issue\nallowed-tools: Bash(gh issue view:*)\n---\nFix issue $ARGUMENTS.\n',
  )
  await put(`${root}/.claude/commands/plain.md`, 'No frontmatter at all: $ARGUMENTS\n')
  await put(
    `${root}/.claude/skills/deploy/SKILL.md`,
    '---\nname: deploy\ndescription: Deploys the app. Use when asked to ship.\n---\nRun `scripts/ship.sh`.\n',
  )
  await put(`${root}/.claude/skills/deploy/scripts/ship.sh`, '#!/bin/sh\necho ship\n', 0o755)
  await put(`${root}/.claude/skills/deploy/assets/logo.bin`, BINARY)
  await put(
    `${root}/.claude/rules/typescript.md`,
    '---\npaths:\n  - "src/**/*.ts"\n  - "test/**/*.ts"\n---\nUse strict TypeScript.\n',
  )
}

describe('outfit adopt: file kinds through the targets backwards', () => {
  it('promise 1: right after adopting Claude Code, plan --check finds nothing to change (byte for byte)', async () => {
    await claudeProject(sb.project)
    const report = await adopt({ ...where(), tools: ['claude-code'] })
    expect(report.conflicts).toEqual([])
    expect(report.skipped).toEqual([])
    expect(report.written).toBe(true)
    expect(report.items.map((i) => i.path)).toEqual([
      'agents/reviewer.md',
      'agents/tester.md',
      'commands/fix.md',
      'commands/plain.md',
      'rules/typescript.md',
      'skills/deploy',
    ])
    // The kit keeps the tool's own text where it can: quoting, the comment, key order.
    expect(await text(`${sb.project}/kit/agents/reviewer.md`)).toBe(
      "---\nname: reviewer\n# shown in /agents\ndescription: 'Reviews diffs: bugs first, then naming'\ntools:\n  - Read\n  - Grep\n  - Glob\nmodel: opus\n---\n\nYou review the change.\n",
    )
    expect(await text(`${sb.project}/kit/rules/typescript.md`)).toBe(
      '---\nglobs:\n  - "src/**/*.ts"\n  - "test/**/*.ts"\n---\nUse strict TypeScript.\n',
    )
    expect(await bytes(`${sb.project}/kit/skills/deploy/assets/logo.bin`)).toEqual(Buffer.from(BINARY))
    expect(Number((await sb.fs.stat(`${sb.project}/kit/skills/deploy/scripts/ship.sh`)).mode) & 0o777).toBe(
      0o755,
    )

    // What `plan --check` fails on: a change to a file, or an install that would update (src/cli/run-output.ts).
    const result = await plan({ ...where(), tools: ['claude-code'], kit: `${sb.project}/kit` })
    expect(
      result.plans.map((p) => [
        p.tool,
        p.status,
        p.failure ?? '',
        p.changes.map((c) => `${c.kind} ${c.path}`),
      ]),
    ).toEqual([['claude-code', 'installed', '', []]])
  })

  it('promise 2: with the tool files removed, install recreates them byte for byte', async () => {
    await claudeProject(sb.project)
    const before = await tree(`${sb.project}/.claude`)
    await adopt({ ...where(), tools: ['claude-code'] })
    await sb.fs.rename(`${sb.project}/.claude`, `${sb.project}/.claude-away`)
    const result = await install({ ...where(), tools: ['claude-code'], kit: `${sb.project}/kit` })
    expect(result.report.results.map((r) => r.status)).toEqual(['installed'])
    expect(await tree(`${sb.project}/.claude`)).toEqual(before)
  })

  it('promise 3: what was adopted from Claude Code installs into Codex and Cursor', async () => {
    await claudeProject(sb.project)
    await adopt({ ...where(), tools: ['claude-code'] })
    const result = await install({ ...where(), tools: ['codex', 'cursor'], kit: `${sb.project}/kit` })
    expect(result.report.results.map((r) => [r.tool, r.status])).toEqual([
      ['codex', 'installed'],
      ['cursor', 'installed'],
    ])
    expect(await text(`${sb.project}/.codex/skills/fix/SKILL.md`)).toContain(
      'Fix issue (what the user asked for).',
    )
    expect(await text(`${sb.project}/.cursor/rules/typescript.mdc`)).toContain(
      'globs: src/**/*.ts,test/**/*.ts',
    )
    expect(await text(`${sb.project}/.codex/agents/reviewer.toml`)).toContain('name = "reviewer"')

    // Read back, Codex's commands-as-skills and agent TOML and Cursor's .mdc rules and plain commands are the
    // same items as Claude Code's: one kit, no conflict.
    const again = await adopt({
      ...where(),
      tools: ['claude-code', 'codex', 'cursor'],
      kit: `${sb.project}/kit2`,
    })
    expect(again.conflicts).toEqual([])
    // The rules Codex got are in outfit's block of AGENTS.md: the kit is their source, said and left alone.
    expect(again.skipped.map((s) => [s.tool, s.what])).toEqual([['codex', 'rules in AGENTS.md']])
    const from = (path: string) => again.items.find((i) => i.path === path)?.sources.map((s) => s.tool)
    expect(from('commands/fix.md')).toEqual(['claude-code', 'codex', 'cursor'])
    expect(from('agents/reviewer.md')).toEqual(['claude-code', 'codex', 'cursor'])
    expect(from('rules/typescript.md')).toEqual(['claude-code', 'cursor'])
  })

  it('the global scope: ~/.claude into <config home>/outfit/kit, and plan --check finds nothing to change', async () => {
    await claudeProject(sb.home)
    const report = await adopt({ ...where('global'), tools: ['claude-code'] })
    expect(report.kitDir).toBe(`${sb.home}/.config/outfit/kit`)
    expect(report.items).toHaveLength(6)
    const result = await plan({ ...where('global'), tools: ['claude-code'], kit: report.kitDir })
    expect(result.plans.map((p) => [p.tool, p.status, p.changes.length])).toEqual([
      ['claude-code', 'installed', 0],
    ])
  })
})

describe('outfit adopt: the same item in several tools', () => {
  async function threeTools(): Promise<void> {
    const p = sb.project
    await put(
      `${p}/.claude/agents/reviewer.md`,
      '---\nname: reviewer\ndescription: Reviews diffs\ntools: Read, Grep\nmodel: opus\n---\nYou review.\n',
    )
    // Codex's copy of it, with a key only Codex has.
    await put(
      `${p}/.codex/agents/reviewer.toml`,
      'name = "reviewer"\ndescription = "Reviews diffs"\nmodel_reasoning_effort = "high"\ndeveloper_instructions = "You review.\\n"\n',
    )
    // Cursor keeps only name and description of an agent: the same agent as Claude's.
    await put(
      `${p}/.cursor/agents/reviewer.md`,
      '---\nname: reviewer\ndescription: Reviews diffs\n---\nYou review.\n',
    )
    // The same rule in Claude's path-scoped rules and in Cursor's bare-globs frontmatter.
    await put(`${p}/.claude/rules/ts.md`, '---\npaths:\n  - src/**/*.ts\n---\nStrict mode.\n')
    await put(
      `${p}/.cursor/rules/ts.mdc`,
      '---\ndescription:\nglobs: src/**/*.ts\nalwaysApply: false\n---\nStrict mode.\n',
    )
    // A command only Gemini has, in its TOML form.
    await put(
      `${p}/.gemini/commands/release.toml`,
      'description = "Cut a release"\nprompt = "Release {{args}} now.\\n"\n',
    )
  }

  it('becomes one kit item, with the tools that had it and the keys only one tool has as its overrides', async () => {
    await threeTools()
    const report = await adopt(where())
    expect(report.tools).toEqual(['claude-code', 'codex', 'cursor', 'gemini-cli'])
    expect(report.conflicts).toEqual([])
    const kit = `${sb.project}/kit`
    expect(await text(`${kit}/agents/reviewer.md`)).toBe(
      '---\nname: reviewer\ndescription: Reviews diffs\ntools:\n  - Read\n  - Grep\nmodel: opus\noutfit:\n  tools:\n    - claude-code\n    - codex\n    - cursor\n  overrides:\n    codex:\n      model_reasoning_effort: high\n---\nYou review.\n',
    )
    expect(await text(`${kit}/commands/release.md`)).toBe(
      '---\ndescription: Cut a release\noutfit:\n  tools:\n    - gemini-cli\n---\nRelease $ARGUMENTS now.\n',
    )
    const rule = await text(`${kit}/rules/ts.md`)
    expect(rule).toContain('globs:\n  - src/**/*.ts\n')
    expect(rule).toContain('Strict mode.')
    expect(report.items.find((i) => i.path === 'rules/ts.md')?.sources.map((s) => s.tool)).toEqual([
      'claude-code',
      'cursor',
    ])
  })

  it('versions that differ are a conflict: reported side by side, exit 1, nothing written', async () => {
    await threeTools()
    await put(
      `${sb.project}/.cursor/agents/reviewer.md`,
      '---\nname: reviewer\ndescription: Reviews diffs\n---\nYou nitpick.\n',
    )
    const report = await adopt(where())
    expect(report.conflicts.map((c) => [c.path, c.versions.map((v) => v.tools)])).toEqual([
      ['agents/reviewer.md', [['claude-code'], ['codex'], ['cursor']]],
    ])
    expect(report.written).toBe(false)
    expect(await exists(`${sb.project}/kit`)).toBe(false)
  })

  it("--prefer takes one tool's version and lists the others as set aside", async () => {
    await threeTools()
    await put(
      `${sb.project}/.cursor/agents/reviewer.md`,
      '---\nname: reviewer\ndescription: Reviews diffs\n---\nYou nitpick.\n',
    )
    const report = await adopt({ ...where(), prefer: 'cursor' })
    expect(report.written).toBe(true)
    expect(await text(`${sb.project}/kit/agents/reviewer.md`)).toContain('You nitpick.')
    expect(report.skipped.map((s) => [s.tool, s.what])).toEqual([
      ['claude-code', 'agents/reviewer.md'],
      ['codex', 'agents/reviewer.md'],
    ])
  })

  it('a question per conflict, when asked', async () => {
    await threeTools()
    await put(
      `${sb.project}/.cursor/agents/reviewer.md`,
      '---\nname: reviewer\ndescription: Reviews diffs\n---\nYou nitpick.\n',
    )
    const asked: string[] = []
    const report = await adopt({
      ...where(),
      choose: async (conflict) => (asked.push(conflict.path), 'claude-code'),
    } satisfies AdoptRequest)
    expect(asked).toEqual(['agents/reviewer.md'])
    expect(report.conflicts).toEqual([])
    expect(await text(`${sb.project}/kit/agents/reviewer.md`)).toContain('You review.')
  })
})

describe('outfit adopt: messy input gets a clear message and no damage', () => {
  it('broken TOML and frontmatter are skipped at file:line:col; a huge file is skipped; the rest is adopted', async () => {
    const p = sb.project
    await put(`${p}/.gemini/commands/bad.toml`, 'description = "x"\nprompt = """unclosed\n')
    await put(`${p}/.claude/agents/bad.md`, '---\nname: bad\ndescription: [unclosed\n---\nBody\n')
    await put(`${p}/.claude/agents/huge.md`, `---\nname: huge\n---\n${'x'.repeat(10 * 1024 * 1024 + 1)}`)
    await put(`${p}/.claude/agents/good.md`, '---\nname: good\ndescription: Fine\n---\nBody\n')
    const before = await tree(p)
    const report = await adopt(where())
    expect(report.skipped.map((s) => [s.where.replace(`${p}/`, ''), s.what])).toEqual([
      ['.claude/agents/bad.md:3:23', 'agent bad'],
      ['.claude/agents/huge.md', 'agent huge'],
      ['.gemini/commands/bad.toml:2:10', 'command bad'],
    ])
    expect(report.skipped[1]?.reason).toMatch(/over 10 MiB/)
    expect(report.items.map((i) => i.path)).toEqual(['agents/good.md'])
    // The tools' files are untouched; only the kit folder is new.
    const after = await tree(p)
    expect(Object.keys(after).filter((k) => !k.startsWith('kit/'))).toEqual(Object.keys(before))
    expect(
      Object.keys(after)
        .filter((k) => !k.startsWith('kit/'))
        .every((k) => after[k] === before[k]),
    ).toBe(true)
  })

  it('an unreadable file, a file that is not UTF-8 and a broken link are skipped with the reason, in any tool; the rest is adopted', async () => {
    const p = sb.project
    await put(`${p}/.cursor/agents/locked.md`, '---\nname: locked\ndescription: Locked\n---\nBody\n')
    await put(`${p}/.cursor/agents/good.md`, '---\nname: good\ndescription: Fine\n---\nBody\n')
    await put(`${p}/.gemini/agents/latin1.md`, Buffer.from('---\nname: latin1\n---\nCaf\xe9\n', 'latin1'))
    await sb.fs.mkdir(`${p}/.codex/agents`, { recursive: true })
    await sb.fs.symlink(`${p}/nowhere.toml`, `${p}/.codex/agents/gone.toml`)
    // Permission denied on one file, as a real disk gives it (memfs has no permissions).
    const locked = `${p}/.cursor/agents/locked.md`
    const denied = () =>
      Object.assign(new Error(`EACCES: permission denied, open '${locked}'`), { code: 'EACCES' })
    const fs = new Proxy(sb.fs, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver) as unknown
        if (typeof value !== 'function' || !['readFile', 'open'].includes(String(key))) return value
        return (path: unknown, ...rest: unknown[]) =>
          String(path) === locked
            ? Promise.reject(denied())
            : (value as (...a: unknown[]) => unknown).call(target, path, ...rest)
      },
    })
    const before = await tree(p)
    const report = await adopt({ ...where(), fs, tools: ['cursor', 'gemini-cli', 'codex'] })
    expect(report.skipped.map((s) => [s.tool, s.where.replace(`${p}/`, ''), s.reason])).toEqual([
      ['cursor', '.cursor/agents/locked.md', expect.stringMatching(/permission denied/i)],
      ['gemini-cli', '.gemini/agents/latin1.md', expect.stringMatching(/UTF-8/)],
      ['codex', '.codex/agents/gone.toml', 'it is a broken symlink'],
    ])
    expect(report.items.map((i) => i.path)).toEqual(['agents/good.md'])
    const after = await tree(p)
    expect(Object.keys(after).filter((k) => !k.startsWith('kit/'))).toEqual(Object.keys(before))
  })

  it("Cursor's bare globs are read as Cursor reads them", async () => {
    await put(
      `${sb.project}/.cursor/rules/any.mdc`,
      '---\ndescription: Any\nglobs: *.ts,src/**/*.tsx\nalwaysApply: false\n---\nBe brief.\n',
    )
    const report = await adopt({ ...where(), tools: ['cursor'] })
    expect(report.skipped).toEqual([])
    expect(await text(`${sb.project}/kit/rules/any.mdc`.replace('.mdc', '.md'))).toBe(
      '---\ndescription: Any\nglobs:\n  - "*.ts"\n  - src/**/*.tsx\n---\nBe brief.\n',
    )
    const result = await plan({ ...where(), tools: ['cursor'], kit: `${sb.project}/kit` })
    expect(result.plans.map((r) => [r.status, r.changes.length])).toEqual([['installed', 0]])
  })

  it('a symlinked skill is read through its link; nested command folders are adopted flat and reported moved', async () => {
    const p = sb.project
    await put(`${p}/shared/lint/SKILL.md`, '---\nname: lint\ndescription: Lints\n---\nLint it.\n')
    await sb.fs.mkdir(`${p}/.claude/skills`, { recursive: true })
    await sb.fs.symlink(`${p}/shared/lint`, `${p}/.claude/skills/lint`)
    await put(`${p}/.claude/commands/git/commit.md`, '---\ndescription: Commit\n---\nCommit $ARGUMENTS\n')
    const report = await adopt({ ...where(), tools: ['claude-code'] })
    expect(report.items.map((i) => i.path)).toEqual(['commands/git-commit.md', 'skills/lint'])
    expect(report.moved.map((m) => [m.from.replace(`${p}/`, ''), m.to.replace(`${p}/`, '')])).toEqual([
      ['.claude/commands/git/commit.md', '.claude/commands/git-commit.md'],
    ])
    expect(await text(`${p}/kit/skills/lint/SKILL.md`)).toBe(
      '---\nname: lint\ndescription: Lints\n---\nLint it.\n',
    )
  })

  it('never overwrites a kit file that differs: a conflict, nothing written; --dry-run writes nothing', async () => {
    await claudeProject(sb.project)
    await put(`${sb.project}/kit/agents/reviewer.md`, 'mine\n')
    const report = await adopt({ ...where(), tools: ['claude-code'] })
    expect(report.files.filter((f) => f.status === 'differs').map((f) => f.path)).toEqual([
      'agents/reviewer.md',
    ])
    expect(report.written).toBe(false)
    expect(await text(`${sb.project}/kit/agents/reviewer.md`)).toBe('mine\n')
    expect(await exists(`${sb.project}/kit/agents/tester.md`)).toBe(false)

    await sb.fs.unlink(`${sb.project}/kit/agents/reviewer.md`)
    const dry = await adopt({ ...where(), tools: ['claude-code'], dryRun: true })
    expect(dry.written).toBe(false)
    expect(dry.files.every((f) => f.status === 'new')).toBe(true)
    expect(await exists(`${sb.project}/kit/kit.yaml`)).toBe(false)
    // Run again after a real adopt: everything already there, nothing to write.
    await adopt({ ...where(), tools: ['claude-code'] })
    const again = await adopt({ ...where(), tools: ['claude-code'] })
    expect(again.files.every((f) => f.status === 'unchanged')).toBe(true)
  })
})

describe('outfit adopt: legacy and alternative places, from the targets’ `legacy` declarations', () => {
  it('.cursorrules, .claude/CLAUDE.md, .opencode/command/ and copilot-instructions.md are read and reported as moved', async () => {
    const p = sb.project
    await put(`${p}/.cursorrules`, 'Prefer small functions.\n')
    await put(`${p}/.claude/CLAUDE.md`, 'Answer briefly.\n')
    await put(`${p}/.opencode/command/test.md`, '---\ndescription: Run tests\n---\nRun the tests.\n')
    await put(`${p}/.github/copilot-instructions.md`, 'Prefer small functions.\n')
    const report = await adopt({ ...where(), tools: ['cursor', 'claude-code', 'opencode', 'copilot'] })
    expect(report.conflicts).toEqual([])
    expect(report.items.map((i) => [i.path, i.sources.map((s) => s.tool)])).toEqual([
      ['commands/test.md', ['opencode']],
      ['rules/claude.md', ['claude-code']],
      // The same text in .cursorrules and Copilot's instructions file: one rule (named after the first found).
      ['rules/cursorrules.md', ['cursor', 'copilot']],
    ])
    expect(report.moved.map((m) => [m.tool, m.from.replace(`${p}/`, ''), m.to.replace(`${p}/`, '')])).toEqual(
      [
        ['cursor', '.cursorrules', '.cursor/rules'],
        ['claude-code', '.claude/CLAUDE.md', 'CLAUDE.md'],
        ['opencode', '.opencode/command/test.md', '.opencode/commands'],
        ['copilot', '.github/copilot-instructions.md', '.github/instructions'],
      ],
    )
    // `.cursorrules` always applied: the kit rule says so, and Cursor gets it as an always-applied .mdc rule.
    expect(await text(`${p}/kit/rules/cursorrules.md`)).toBe(
      '---\nalwaysApply: true\noutfit:\n  tools:\n    - copilot\n    - cursor\n---\nPrefer small functions.\n',
    )
  })
})

describe("outfit adopt: Copilot's prompt files (the target's `legacy` with the files' own form)", () => {
  it('reads .github/prompts/*.prompt.md as commands, reported as moved to .github/skills, and installs them as skills', async () => {
    const p = sb.project
    // As 1natsu172/dotfiles has one (the adopt corpus), and as VS Code's docs write one.
    await put(
      `${p}/.github/prompts/implements-gwte.prompt.md`,
      '---\nmode: agent\n---\n\n# Git WorkTreeのUtilityの実装\n\n各WorkTreeでコマンドを実行する。\n',
    )
    await put(
      `${p}/.github/prompts/release-notes.prompt.md`,
      '---\ndescription: "Generates release notes from recent commits"\nargument-hint: [version]\n---\nDraft the notes for $ARGUMENTS.\n',
    )
    const report = await adopt({ ...where(), tools: ['copilot'] })
    expect(report.conflicts).toEqual([])
    expect(report.items.map((i) => i.path)).toEqual([
      'commands/implements-gwte.md',
      'commands/release-notes.md',
    ])
    expect(report.moved.map((m) => [m.from.replace(`${p}/`, ''), m.to.replace(`${p}/`, '')])).toEqual([
      ['.github/prompts/implements-gwte.prompt.md', '.github/skills'],
      ['.github/prompts/release-notes.prompt.md', '.github/skills'],
    ])
    // `mode: agent` says how VS Code runs a prompt file; a skill has no such key: said, not kept.
    expect(report.skipped.map((s) => [s.what, s.reason])).toEqual([
      [
        'mode in implements-gwte.prompt.md',
        `a key of the old form that ${p}/.github/skills has no place for; left out`,
      ],
    ])
    expect(await text(`${p}/kit/commands/release-notes.md`)).toBe(
      '---\ndescription: "Generates release notes from recent commits"\nargument-hint: [version]\n---\nDraft the notes for $ARGUMENTS.\n',
    )
    const result = await install({ ...where(), tools: ['copilot'], kit: `${p}/kit` })
    expect(result.report.results.map((r) => [r.status, r.failure?.error.message ?? ''])).toEqual([
      ['installed', ''],
    ])
    expect(await text(`${p}/.github/skills/release-notes/SKILL.md`)).toBe(
      '---\nname: release-notes\ndescription: "Generates release notes from recent commits"\nargument-hint: [version]\ndisable-model-invocation: true\n---\nDraft the notes for (what the user asked for).\n',
    )
  })
})

describe('outfit adopt: file kinds and merged kinds in one kit', () => {
  it('agents and an .mcp.json server and settings.json hooks of Claude Code: one kit, and plan --check finds nothing to change', async () => {
    const p = sb.project
    await claudeProject(p)
    await put(
      `${p}/.mcp.json`,
      '{\n  // the docs server\n  "mcpServers": {\n    "docs": { "type": "stdio", "command": "npx", "args": ["-y", "docs-mcp"] }\n  }\n}\n',
    )
    await put(
      `${p}/.claude/settings.json`,
      '{\n  "permissions": { "allow": ["Bash(ls)"] },\n  "hooks": {\n    "PostToolUse": [{ "matcher": "Edit|Write", "hooks": [{ "type": "command", "command": "npm run fmt", "timeout": 30 }] }]\n  }\n}\n',
    )
    const report = await adopt({ ...where(), tools: ['claude-code'] })
    expect(report.conflicts).toEqual([])
    expect(report.items.filter((i) => i.kind === 'mcp' || i.kind === 'hooks').map((i) => i.kind)).toEqual([
      'mcp',
      'hooks',
    ])
    expect(await text(`${p}/kit/mcp.yaml`)).toContain('docs')
    expect(await text(`${p}/kit/hooks.yaml`)).toContain('npm run fmt')
    const result = await plan({ ...where(), tools: ['claude-code'], kit: `${p}/kit` })
    expect(result.plans.map((r) => [r.status, r.failure ?? '', r.changes.map((c) => c.path)])).toEqual([
      ['installed', '', []],
    ])
  })
})

// A kit packed into a plugin format and installed back as a kit gives every tool exactly what the kit gives it, file
// for file and byte for byte (modes included): each package `outfit pack` makes carries the kit itself in outfit's
// extension folder dev.outfit/ (no tool loads it), so what the format's own files leave out or hold only in their
// tool's form (a Claude plugin has no rules; a Gemini extension keeps agents and commands as Gemini CLI takes them)
// comes back whole. Pack still names what the format's own files leave out for its tool. The kit: agents, commands, rules (one always-on, one for some files), hooks, a
// skill carrying an executable script, a `${VAR}` stdio server and a `Bearer ${VAR}` header (test/fixtures/pack-kit).
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { install } from '../../src/api/install.js'
import { pack } from '../../src/api/pack.js'
import { uninstall } from '../../src/api/uninstall.js'
import { builtinTargetsDir } from '../../src/package-root.js'
import type { Diagnostic } from '../../src/types.js'
import { createMemSandbox, type MemSandbox } from '../helpers/mem-sandbox.js'
import { repoRoot } from '../integration/sandbox.js'

// The tools with the most to lose: their own agent, command, rule, hook and server shapes (Markdown, TOML, .mdc,
// JSON, config.toml, Copilot's *.agent.md and command skills), and the shared .agents/skills.
const TOOLS = ['claude-code', 'cursor', 'gemini-cli', 'codex', 'copilot']
const KIT = join(repoRoot, 'test/fixtures/pack-kit')
/** Where the kit is in the sandbox. */
const REVIEW = '/sandbox/review-tools'
const RULES: Record<string, string> = {
  'rules/style.md': '---\ndescription: House style\n---\nWrite short sentences.\n',
  'rules/typescript.md': '---\ndescription: TypeScript\nglobs: ["src/**/*.ts"]\n---\nUse strict types.\n',
}

async function sandbox(): Promise<MemSandbox> {
  const sb = await createMemSandbox()
  await sb.fs.mkdir(builtinTargetsDir, { recursive: true })
  for (const name of readdirSync(builtinTargetsDir))
    await sb.fs.writeFile(join(builtinTargetsDir, name), readFileSync(join(builtinTargetsDir, name)))
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((n) =>
      statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)],
    )
  for (const file of walk(KIT)) {
    const dest = join(REVIEW, relative(KIT, file))
    await sb.fs.mkdir(join(dest, '..'), { recursive: true })
    await sb.fs.writeFile(dest, readFileSync(file))
    await sb.fs.chmod(dest, statSync(file).mode & 0o777)
  }
  for (const [path, text] of Object.entries(RULES))
    await sb.write(relative('/sandbox', join(REVIEW, path)), text)
  return sb
}

async function removeTree(sb: MemSandbox, path: string): Promise<void> {
  if (!(await sb.fs.lstat(path)).isDirectory()) return sb.fs.unlink(path)
  for (const name of (await sb.fs.readdir(path)) as string[]) await removeTree(sb, join(path, name))
  await sb.fs.rmdir(path)
}

/** The tree without outfit's cache folder (where the kit read from a plugin is kept). */
function withoutCache(tree: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(tree).filter(([path]) => !path.startsWith('home/.cache')))
}

function where(sb: MemSandbox) {
  return {
    fs: sb.fs,
    cwd: sb.project,
    env: {},
    home: sb.home,
    project: sb.project,
    scope: 'project',
    tools: TOOLS,
  }
}

async function installFrom(sb: MemSandbox, kit: string): Promise<Diagnostic[]> {
  const warnings: Diagnostic[] = []
  const result = await install({ ...where(sb), kit, onKitWarnings: (w) => warnings.push(...w) })
  expect(result.report.results.map((r) => [r.tool, r.status])).toEqual(TOOLS.map((t) => [t, 'installed']))
  return warnings
}

describe('a packed kit installed as a kit', () => {
  it.each([
    // format, the kit items its tool gets no place for in the package (pack names them)
    ['agent-plugin', []],
    ['claude', Object.keys(RULES)],
    ['gemini', []],
  ])(
    '%s: every tool gets byte for byte what the kit gives it (the package carries the kit in dev.outfit/)',
    async (format, left) => {
      const sb = await sandbox()
      const packed = await pack({ ...where(sb), kits: [REVIEW], formats: [format], out: '/sandbox/out' })
      const [pkg] = packed.packages
      // Pack names what the format's own files leave out (the Agent Plugin's list is of what other clients do not load).
      if (format !== 'agent-plugin') expect(pkg?.dropped.map((d) => d.what)).toEqual(left)
      await sb.fs.rename(pkg?.dir ?? '', '/sandbox/packed')
      await installFrom(sb, REVIEW)
      const fromKit = withoutCache(await sb.tree())
      expect(Object.keys(fromKit).length).toBeGreaterThan(25)
      await uninstall(where(sb))
      await sb.fs.rename(REVIEW, '/sandbox/gone')
      await installFrom(sb, '/sandbox/packed')
      expect(withoutCache(await sb.tree())).toEqual(fromKit)
    },
  )

  it("gemini: without outfit's folder, the extension alone still installs, in Gemini CLI's forms", async () => {
    const sb = await sandbox()
    const gemini = { ...where(sb), tools: ['gemini-cli'] }
    const packed = await pack({ ...where(sb), kits: [REVIEW], formats: ['gemini'], out: '/sandbox/out' })
    await sb.fs.rename(packed.packages[0]?.dir ?? '', '/sandbox/packed')
    await removeTree(sb, '/sandbox/packed/dev.outfit')
    await install({ ...gemini, kit: REVIEW })
    const fromKit = withoutCache(await sb.tree())
    await uninstall(gemini)
    await install({ ...gemini, kit: '/sandbox/packed' })
    expect(withoutCache(await sb.tree())).toEqual(fromKit)
    await uninstall(gemini)
    // Into Claude Code: the agent as Gemini holds it, the command without its hint, the rules as one always-on rule.
    await install({ ...where(sb), tools: ['claude-code'], kit: '/sandbox/packed' })
    expect(await sb.read('project/.claude/agents/triager.md')).toBe(
      '---\nname: triager\ndescription: Sorts new issues by area and urgency.\n---\nRead the issue, find the code it is about, and label it by area and urgency.\n',
    )
    expect(await sb.read('project/.claude/commands/summarize.md')).toBe(
      '---\ndescription: Summarize the current diff\n---\nSummarize the staged changes, focusing on $ARGUMENTS.\n',
    )
    expect(await sb.read('project/CLAUDE.md')).toContain(
      'Write short sentences.\n\n_For files matching `src/**/*.ts` only:_\n\nUse strict types.\n',
    )
  })
})

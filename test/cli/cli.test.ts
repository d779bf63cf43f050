// The cac shell, driven in-process through main(argv, deps) with captured output.
import { describe, expect, it, vi } from 'vitest'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { main } from '../../src/cli/index.js'
import { realFs } from '../../src/fs/fs.js'
import { useSandbox, repoRoot } from '../integration/sandbox.js'

const sb = useSandbox()

async function cli(...argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await main(argv, {
    fs: realFs,
    cwd: sb.project,
    env: { HOME: sb.home },
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    color: false,
    isTTY: false,
  })
  return { code, out: out.join('\n'), err: err.join('\n') }
}

describe('cli', () => {
  it('--help and --version exit 0', async () => {
    const help = await cli('--help')
    expect(help.code).toBe(0)
    expect(help.out).toBe('')
    const version = await cli('--version')
    expect(version.code).toBe(0)
  })

  it.each([
    [['frobnicate'], "error: unknown command 'frobnicate'"],
    [['instal', 'cursor'], "error: unknown command 'instal'; did you mean 'install'?"],
    [['install', '--frobnicate', '--all'], 'error: unknown option: --frobnicate'],
    [['install', '--dry-rn', '--all'], "error: unknown option: --dry-rn; did you mean '--dry-run'?"],
    [['install', 'claude', '--yes'], 'error: unknown tool: claude'],
    [['uninstall', '--yes'], 'error: which tools? name them, or pass --all'],
    [['install', 'notatool', '--yes'], 'error: unknown tool: notatool'],
    [['install', '--yes'], 'error: which tools? name them, or pass --all or --detected'],
    [['install', 'claude-code', '--all'], 'error: name tools or use --all/--detected, not both'],
    [['install', 'windsurf', '--scope', 'plugin'], "error: Windsurf (Cascade) has no 'plugin' scope"],
  ])('%j is a usage error (exit 2) with a clear message', async (argv, message) => {
    const result = await cli(...argv)
    expect(result.code).toBe(2)
    expect(result.err.split('\n')[0]).toBe(message)
    expect(result.err).not.toMatch(/\n\s+at /)
  })

  it('the unknown-option hint names the command, and a mistyped tool gets a suggestion', async () => {
    expect((await cli('status', '--verbos')).err).toContain("→ run 'outfit status --help' for its options")
    expect((await cli('install', 'claude', '--yes')).err).toContain("(did you mean 'claude-code'?)")
  })

  it('validate and init accept --yes, as every command does', async () => {
    expect((await cli('validate', '--yes')).code).toBe(0)
    expect((await cli('init', 'kit', 'k', '--yes')).code).toBe(0)
  })

  it("each command's help says what --scope means there, what --yes really does, with examples and the tool ids", async () => {
    const help = async (...argv: string[]) => {
      const lines: string[] = []
      const spy = vi.spyOn(console, 'info').mockImplementation((l: string) => void lines.push(l))
      const spyLog = vi.spyOn(console, 'log').mockImplementation((l: string) => void lines.push(l))
      await cli(...argv, '--help')
      spy.mockRestore()
      spyLog.mockRestore()
      return lines.join('\n')
    }
    const install = await help('install')
    expect(install).toMatch(/--scope <scope> +Where to install: global/)
    expect(install).toMatch(/--yes +Never ask \(without a terminal outfit never asks anyway/)
    expect(install).toMatch(
      /Tools:\n {2}aider, amazon-q, amp, antigravity, augment, claude-code, cline, codex, command-code, continue, copilot, crush, cursor, devin, factory-droid, gemini-cli, goose, grok-build, hermes-agent, jetbrains-ai-assistant, jetbrains-air, junie, kilo-code, kimi-code, kiro, mistral-vibe, opencode, openhands, pi, qoder, qwen-code, replit, roo-code, rovo-dev, warp, windsurf, zed, zoo-code/,
    )
    expect(install).toMatch(/Examples:\n(.*\n)*outfit install <tool> <tool> --kit .\/my-kit/)
    expect(await help('status')).toMatch(/--scope <scope> +Which install to show:/)
    expect(await help('uninstall')).toMatch(/--scope <scope> +Which install to remove:/)
    expect(await help('recover')).toMatch(
      /--scope <scope> +Accepted so scripts can pass the same flags everywhere; recover checks/,
    )
    expect(await help('validate')).toContain('outfit validate my-tool.yaml kit/mcp.yaml --kit ./kit')
  })

  it('validate reports every diagnostic and exits 1', async () => {
    const result = await cli('validate', join(repoRoot, 'test/fixtures/targets/invalid/wrong-types.yaml'))
    expect(result.code).toBe(1)
    expect(result.out.split('\n')).toHaveLength(4)
    expect(result.out).toContain('/name: must be string')
  })

  it('validate reports a wrong preset parameter at its file:line:col', async () => {
    const result = await cli('validate', join(repoRoot, 'test/fixtures/targets/invalid/preset-params.yaml'))
    expect(result.code).toBe(1)
    expect(result.out).toContain(
      "preset-params.yaml:8:5  /steps/0/too: unknown parameter 'too' of preset 'skills'; did you mean 'to'?",
    )
    expect(result.out).toContain(
      "preset-params.yaml:11:9  /steps/2/to: must be string (preset 'agents', at /run/with/to)",
    )
  })

  it('validate with no files checks the built-in targets', async () => {
    const result = await cli('validate')
    expect(result.code).toBe(0)
    expect(result.out).toMatch(/✓ \d+ files valid/)
  })

  it('install, status, list and uninstall dispatch to the core', async () => {
    const installed = await cli('install', 'cursor', '--kit', sb.kit, '--scope', 'project')
    expect(installed.code).toBe(0)
    expect(installed.out).toMatch(/✓ Cursor\s+installed/)
    const status = await cli('status', 'cursor', '--json')
    expect(JSON.parse(status.out).tools[0]).toMatchObject({
      tool: 'cursor',
      installed: { kit: 'starter-kit', version: '1.0.0' },
      drift: [],
    })
    const list = await cli('list', '--json')
    expect(JSON.parse(list.out).tools.map((t: { id: string }) => t.id)).toContain('cursor')
    const removed = await cli('uninstall', 'cursor', '--json')
    expect(JSON.parse(removed.out).tools[0]).toMatchObject({ tool: 'cursor', status: 'uninstalled' })
  })

  it('a broken kit is reported with positions and changes nothing (exit 1)', async () => {
    await sb.write('kit/kit.yaml', 'name: Bad Name\nversion: 1\n')
    const result = await cli('install', 'cursor', '--kit', sb.kit)
    expect(result.code).toBe(1)
    expect(result.err).toContain('kit.yaml:1:7  /name: must match')
    expect(result.err).toContain('nothing was changed')
  })

  describe('outfit.config.yaml', () => {
    it('supplies kit, tools and scope, so `outfit install` needs no flags, even from a subfolder and without a terminal', async () => {
      await sb.write('project/outfit.config.yaml', `kit: ${sb.kit}\ntools: [cursor, codex]\nscope: project\n`)
      await sb.write('project/src/deep/.keep', '')
      const out: string[] = []
      const code = await main(['install'], {
        fs: realFs,
        cwd: join(sb.project, 'src/deep'),
        env: { HOME: sb.home },
        out: (l) => out.push(l),
        err: (l) => out.push(l),
        color: false,
        isTTY: false,
      })
      expect(code, out.join('\n')).toBe(0)
      expect(out.join('\n')).toMatch(/✓ Cursor\s+installed[\s\S]*✓ Codex CLI\s+installed/)
      // The project is the folder that holds the config, not the subfolder the command ran in.
      expect(existsSync(join(sb.project, '.cursor/commands/changelog.md'))).toBe(true)
      expect(existsSync(join(sb.project, 'src/deep/.cursor'))).toBe(false)
    })

    it('loses to flags', async () => {
      await sb.write('project/outfit.config.yaml', `kit: ${sb.kit}\ntools: [cursor]\nscope: project\n`)
      const result = await cli('install', 'claude-code', '--scope', 'global')
      expect(result.code, result.err).toBe(0)
      expect(result.out).toMatch(/✓ Claude Code\s+installed/)
      expect(result.out).not.toContain('Cursor')
      expect(existsSync(join(sb.home, '.claude/agents/reviewer.md'))).toBe(true)
    })

    it('adds its targets folders, validated like the built-in ones', async () => {
      await sb.write('project/outfit.config.yaml', 'targets: my-targets\n')
      expect((await cli('init', 'target', 'my-tool')).code).toBe(0)
      expect(existsSync(join(sb.project, 'my-targets/my-tool.yaml'))).toBe(true)
      expect((await cli('list')).out).toMatch(/my-tool +My Tool/)
      await sb.write('project/my-targets/broken.yaml', 'id: broken\nname: 3\n')
      const result = await cli('validate')
      expect(result.code).toBe(1)
      expect(result.out).toContain('my-targets/broken.yaml:2:7  /name: must be string')
    })

    it('is reported with file:line:col when invalid, and nothing runs', async () => {
      await sb.write('project/outfit.config.yaml', `kit: ${sb.kit}\ntools:\n  - cursor\n  - cursr\n`)
      const result = await cli('install', '--yes')
      expect(result.code).toBe(1)
      expect(result.err).toContain("outfit.config.yaml:4:5  /tools/1: unknown tool 'cursr'")
      expect(existsSync(join(sb.project, '.cursor'))).toBe(false)
      await sb.write('project/outfit.config.yaml', 'scope: [global]\n')
      expect((await cli('list')).err).toContain('outfit.config.yaml:1:8  /scope: must be string')
    })
  })

  it('pack writes each format into its folder under --out and says what each package leaves out', async () => {
    const result = await cli(
      'pack',
      '--kit',
      sb.kit,
      '--out',
      'dist/plugins',
      '--format',
      'agent-plugin',
      '--format',
      'gemini',
    )
    expect(result.code, result.err).toBe(0)
    expect(result.out.split('\n')).toEqual([
      '✓ agent-plugin  starter-kit@1.0.0 → dist/plugins/agent-plugin (11 files)',
      "  ! MCP server 'issues': not in mcp.json: its env uses ${GITHUB_PERSONAL_ACCESS_TOKEN}: Agent Plugins expand no variables and forbid secrets in env (the vendor packages keep it)",
      "  ! MCP server 'docs': not in mcp.json: its Authorization header uses a variable: Agent Plugins expand none and forbid secrets in headers (the vendor packages keep it)",
      "  ! agents/reviewer.md, commands/changelog.md, rules/general.md, rules/typescript.md, hook postToolUse (Edit|Write) 'npx prettier@3.10.1 --write --ignore-unknown .', hook sessionStart 'git status --short': Agent Plugins 1.0 carries only skills and MCP servers: kept in dev.outfit/ for outfit, not loaded by other clients",
      '✓ gemini        starter-kit@1.0.0 → dist/plugins/gemini (16 files)',
    ])
    expect(existsSync(join(sb.project, 'dist/plugins/gemini/gemini-extension.json'))).toBe(true)
    expect((await cli('pack', '--kit', sb.kit, '--out', 'dist/plugins')).err).toContain(
      'error: --out ' + join(sb.project, 'dist/plugins') + ' is not empty',
    )
  })
})

// `--scope system` on memfs: the tools' machine-wide managed folders under a sandbox root (`--root`), installed,
// shown, and uninstalled to nothing; outfit's records beside them; refusals (no rights, no such scope, --root alone)
// before anything changes.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { install } from '../../src/api/install.js'
import { status } from '../../src/api/status.js'
import { systemScope } from '../../src/api/system-scope.js'
import { uninstall } from '../../src/api/uninstall.js'
import type { Fs } from '../../src/fs/fs.js'
import { buildPipeline } from '../../src/pipeline/build-pipeline.js'
import { builtinTargetsDir } from '../../src/package-root.js'
import { builtinTargets } from '../integration/sandbox.js'
import { createMemSandbox, type MemSandbox } from '../helpers/mem-sandbox.js'

let sb: MemSandbox
const sysroot = '/sandbox/image'

beforeEach(async () => {
  sb = await createMemSandbox()
  await sb.fs.mkdir(builtinTargetsDir, { recursive: true })
  for (const name of readdirSync(builtinTargetsDir))
    await sb.fs.writeFile(join(builtinTargetsDir, name), readFileSync(join(builtinTargetsDir, name)))
  await sb.fs.mkdir(sysroot, { recursive: true })
})

const where = (fs: Fs = sb.fs) => ({
  fs,
  cwd: sb.project,
  env: {},
  home: sb.home,
  project: sb.project,
  scope: 'system',
  root: sysroot,
})

/** Every file and folder below a folder, with its text: what the tools would read. */
async function tree(fs: Fs, dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  const walk = async (at: string): Promise<void> => {
    for (const name of (await fs.readdir(at).catch(() => [])) as string[]) {
      const full = join(at, name)
      if ((await fs.stat(full)).isDirectory()) {
        out[`${full}/`] = 'dir'
        await walk(full)
      } else out[full] = await fs.readFile(full, 'utf8')
    }
  }
  await walk(dir)
  return out
}

describe('--scope system', () => {
  it("installs into each tool's managed folder under --root, keeps its records there, and uninstalls exactly", async () => {
    const tools = ['claude-code', 'codex', 'gemini-cli']
    const result = await install({ ...where(), tools, kit: sb.kit, trust: true })
    expect(result.report.results.map((r) => [r.tool, r.status])).toEqual(tools.map((t) => [t, 'installed']))

    const etc = `${sysroot}/etc`
    expect(Object.keys(await tree(sb.fs, etc)).filter((p) => !p.endsWith('/'))).toEqual(
      expect.arrayContaining([
        `${etc}/claude-code/managed-settings.json`,
        `${etc}/claude-code/managed-mcp.json`,
        `${etc}/claude-code/CLAUDE.md`,
        `${etc}/claude-code/.claude/agents/reviewer.md`,
        `${etc}/claude-code/.claude/skills/code-review/SKILL.md`,
        `${etc}/codex/config.toml`,
        `${etc}/codex/skills/code-review/SKILL.md`,
        `${etc}/gemini-cli/settings.json`,
      ]),
    )
    expect(
      JSON.parse(await sb.fs.readFile(`${etc}/claude-code/managed-mcp.json`, 'utf8')).mcpServers,
    ).toHaveProperty('filesystem')
    // The records live beside the system they describe (an image carries them), never in the user's state home.
    const records = await tree(sb.fs, `${sysroot}/var/lib/outfit`)
    expect(Object.keys(records).some((p) => p.endsWith('/manifests/claude-code.system.json'))).toBe(true)
    expect(await sb.fs.readdir(sb.home + '/.local/state')).toEqual([])
    // What the tools cannot take in this scope is said, not dropped silently.
    const gemini = result.report.results.find((r) => r.tool === 'gemini-cli')
    expect(gemini?.dropped?.map((d) => d.what).join(' ')).toContain('rules/general.md')

    const shown = await status({ ...where(), tools })
    expect(shown.roots).toEqual([`${etc}/claude-code`, `${etc}/codex`, `${etc}/gemini-cli`])
    expect(shown.rows.map((r) => [r.tool, r.installed?.kit, r.drift])).toEqual(
      tools.map((t) => [t, 'starter-kit', []]),
    )

    const removed = await uninstall({ ...where(), tools })
    expect(removed.report.results.map((r) => r.status)).toEqual(['uninstalled', 'uninstalled', 'uninstalled'])
    // Nothing of the kit is left. (That each tool's folder goes too, and /etc stays, is proved on a real disk by
    // test/targets/golden.test.ts: memfs keeps counting a file replaced by a rename, so it refuses to remove the
    // emptied folder with ENOTEMPTY.)
    expect(Object.keys(await tree(sb.fs, etc)).filter((p) => !p.endsWith('/'))).toEqual([])
  })

  it("leaves the administrator's own managed settings as they were, byte for byte", async () => {
    const own = '{\n  // the security team\'s policy\n  "permissions": { "deny": ["Bash(curl:*)"] }\n}\n'
    await sb.fs.mkdir(`${sysroot}/etc/claude-code`, { recursive: true })
    await sb.fs.writeFile(`${sysroot}/etc/claude-code/managed-settings.json`, own)
    await install({ ...where(), tools: ['claude-code'], kit: sb.kit, trust: true })
    const merged = await sb.fs.readFile(`${sysroot}/etc/claude-code/managed-settings.json`, 'utf8')
    expect(merged).toContain('"deny": ["Bash(curl:*)"]')
    expect(merged).toContain('PostToolUse')
    await uninstall({ ...where(), tools: ['claude-code'] })
    expect(await tree(sb.fs, `${sysroot}/etc`)).toEqual({
      [`${sysroot}/etc/claude-code/`]: 'dir',
      [`${sysroot}/etc/claude-code/managed-settings.json`]: own,
    })
  })

  it('without the rights to the system folders, refuses with what to do, and changes nothing', async () => {
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' })
    const underRoot = (path: unknown) => String(path).startsWith(sysroot)
    const readOnly: Fs = {
      ...sb.fs,
      writeFile: (path, ...rest) =>
        underRoot(path) ? Promise.reject(denied) : sb.fs.writeFile(path, ...rest),
      mkdir: ((path: string, ...rest: unknown[]) =>
        underRoot(path)
          ? Promise.reject(denied)
          : (sb.fs.mkdir as (...a: unknown[]) => Promise<unknown>)(path, ...rest)) as Fs['mkdir'],
    }
    const before = await tree(sb.fs, '/sandbox')
    const refused = install({ ...where(readOnly), tools: ['claude-code'], kit: sb.kit, trust: true })
    await expect(refused).rejects.toMatchObject({
      code: 'FILE_ACCESS',
      message: `cannot write the system scope: ${sysroot} is not writable by this user (EACCES)`,
      hint: expect.stringMatching(/run outfit as root \(sudo outfit install --scope system .*--root <dir>/),
    })
    expect(await tree(sb.fs, '/sandbox')).toEqual(before)
  })

  it('a tool without a managed location says so, and names what it has', async () => {
    await expect(install({ ...where(), tools: ['cursor'], kit: sb.kit })).rejects.toMatchObject({
      code: 'USAGE',
      message: expect.stringMatching(/^Cursor has no 'system' scope: no machine-wide, managed location/),
      hint: expect.stringContaining('cursor: global, project'),
    })
  })

  it('--root belongs to the system scope: with another scope it is refused, not ignored', async () => {
    await expect(
      install({ ...where(), scope: 'global', tools: ['codex'], kit: sb.kit }),
    ).rejects.toMatchObject({
      code: 'USAGE',
      message: expect.stringContaining('--root applies to the system scope only'),
    })
    expect(systemScope('project', undefined)).toBeUndefined()
  })

  it('keeps its records under the system root: /var/lib/outfit, or C:/ProgramData/outfit on Windows', () => {
    expect(systemScope('system', undefined, 'linux')).toEqual({
      sysroot: undefined,
      stateHome: '/var/lib/outfit',
    })
    expect(systemScope('system', '/img', 'darwin')?.stateHome).toBe('/img/var/lib/outfit')
    expect(systemScope('system', undefined, 'win32')?.stateHome).toBe('C:/ProgramData/outfit')
  })
})

describe("each operating system's managed folder", () => {
  const roots = async (id: string, sysroot?: string) => {
    const target = (await builtinTargets()).find((t) => t.spec.id === id)
    if (!target) throw new Error(id)
    return Object.fromEntries(
      (['linux', 'darwin', 'win32'] as const).map((platform) => [
        platform,
        buildPipeline(target.spec, 'system', {
          home: '/h',
          project: '/p',
          platform,
          ...(sysroot ? { sysroot } : {}),
        }).scope.root,
      ]),
    )
  }

  it('is where each vendor documents it, and --root moves every one of them', async () => {
    expect(await roots('claude-code')).toEqual({
      linux: '/etc/claude-code',
      darwin: '/Library/Application Support/ClaudeCode',
      win32: 'C:/Program Files/ClaudeCode',
    })
    expect(await roots('codex')).toEqual({
      linux: '/etc/codex',
      darwin: '/etc/codex',
      win32: 'C:/ProgramData/OpenAI/Codex',
    })
    expect(await roots('gemini-cli')).toEqual({
      linux: '/etc/gemini-cli',
      darwin: '/Library/Application Support/GeminiCli',
      win32: 'C:/ProgramData/gemini-cli',
    })
    expect(await roots('claude-code', '/img')).toEqual({
      linux: '/img/etc/claude-code',
      darwin: '/img/Library/Application Support/ClaudeCode',
      win32: '/img/Program Files/ClaudeCode',
    })
  })
})

// A skill's script keeps its executable bit from the kit to every tool, and through a package made by `outfit pack`
// installed back as a kit. Real disk: it is about file modes (memfs applies no umask).
import { chmod, mkdir, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { install } from '../../src/api/install.js'
import { pack } from '../../src/api/pack.js'
import { uninstall } from '../../src/api/uninstall.js'
import { realFs } from '../../src/fs/fs.js'
import { useSandbox } from './sandbox.js'

const sb = useSandbox(async (sb) => {
  await mkdir(join(sb.kit, 'skills/code-review/scripts'), { recursive: true })
  await writeFile(join(sb.kit, 'skills/code-review/scripts/run.sh'), '#!/bin/sh\necho review\n')
  await chmod(join(sb.kit, 'skills/code-review/scripts/run.sh'), 0o755)
  await writeFile(join(sb.kit, 'skills/code-review/scripts/data.txt'), 'not a script\n')
  await chmod(join(sb.kit, 'skills/code-review/scripts/data.txt'), 0o644)
})

// Each tool's copy of the skill: Claude Code's own folder, and the shared .agents/skills the others read.
const SCRIPTS = [
  '.claude/skills/code-review/scripts',
  '.agents/skills/code-review/scripts',
  '.gemini/skills/code-review/scripts',
]
const TOOLS = ['claude-code', 'codex', 'cursor', 'gemini-cli']

async function modes(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const dir of SCRIPTS)
    for (const name of ['run.sh', 'data.txt']) {
      const st = await stat(join(root, dir, name)).catch(() => undefined)
      if (st) out[`${dir}/${name}`] = (st.mode & 0o777).toString(8)
    }
  return out
}

function where(kit?: string) {
  return {
    fs: realFs,
    cwd: sb.project,
    env: {},
    home: sb.home,
    project: sb.project,
    scope: 'project',
    tools: TOOLS,
    ...(kit ? { kit } : {}),
  }
}

describe("a skill's script", () => {
  it('keeps its executable bit in every tool, and a plain file its default mode', async () => {
    const result = await install(where(sb.kit))
    expect(result.report.results.map((r) => r.status)).toEqual(TOOLS.map(() => 'installed'))
    const got = await modes(sb.project)
    expect(Object.keys(got).length).toBeGreaterThanOrEqual(4)
    for (const [path, mode] of Object.entries(got))
      expect(mode, path).toBe(path.endsWith('.sh') ? '755' : '644')
  })

  it('keeps it through every package `outfit pack` makes, and through the package installed as a kit', async () => {
    await install(where(sb.kit))
    const fromKit = await modes(sb.project)
    await uninstall(where())
    const out = join(sb.root, 'packed')
    const packed = await pack({
      fs: realFs,
      cwd: sb.project,
      env: {},
      home: sb.home,
      project: sb.project,
      kits: [sb.kit],
      out,
    })
    for (const p of packed.packages) {
      const script = p.files.find((f) => f.endsWith('scripts/run.sh'))
      expect(script, p.format).toBeDefined()
      expect(((await stat(join(p.dir, script ?? ''))).mode & 0o777).toString(8), p.format).toBe('755')
    }
    for (const format of ['agent-plugin', 'claude', 'gemini']) {
      const dir = packed.packages.find((p) => p.format === format)?.dir ?? ''
      await install(where(dir))
      expect(await modes(sb.project), format).toEqual(fromKit)
      await uninstall(where())
    }
  })
})

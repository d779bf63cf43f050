// The round trip of an outfit-made Agent Plugin: skills/ at the root plus the rest of the kit verbatim in dev.outfit/
// (the layout `outfit pack` writes) installs to exactly the tool files the original kit installs. The package is built
// by hand from the starter kit in that layout, and by `outfit pack` itself (src/api/pack.ts).
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { install } from '../../src/api/install.js'
import { pack as packKit } from '../../src/api/pack.js'
import { uninstall } from '../../src/api/uninstall.js'
import { builtinTargetsDir } from '../../src/package-root.js'
import type { Diagnostic } from '../../src/types.js'
import { createMemSandbox, type MemSandbox } from '../helpers/mem-sandbox.js'

const TOOLS = ['claude-code', 'cursor', 'gemini-cli', 'codex', 'copilot']

async function sandbox(): Promise<MemSandbox> {
  const sb = await createMemSandbox()
  await sb.fs.mkdir(builtinTargetsDir, { recursive: true })
  for (const name of readdirSync(builtinTargetsDir))
    await sb.fs.writeFile(join(builtinTargetsDir, name), readFileSync(join(builtinTargetsDir, name)))
  return sb
}

/** The starter kit as an Agent Plugin: plugin.json, mcp.json, skills/ and dev.outfit/ (everything else). */
async function pack(sb: MemSandbox, to: string): Promise<void> {
  const walk = async (dir: string): Promise<string[]> =>
    (
      await Promise.all(
        (
          (await sb.fs.readdir(dir, { withFileTypes: true })) as unknown as {
            name: string
            isDirectory(): boolean
          }[]
        ).map((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)])),
      )
    ).flat()
  for (const file of await walk(sb.kit)) {
    const rel = file.slice(sb.kit.length + 1)
    const dest = rel.startsWith('skills/') ? join(to, rel) : join(to, 'dev.outfit', rel)
    await sb.fs.mkdir(join(dest, '..'), { recursive: true })
    await sb.fs.writeFile(dest, await sb.fs.readFile(file))
  }
  await sb.fs.writeFile(
    join(to, 'plugin.json'),
    JSON.stringify({
      $schema: 'https://agent-plugins.org/schemas/1.0.0/plugin.schema.json',
      name: 'starter-kit',
      version: '1.0.0',
    }),
  )
  // What pack derives for Agent Plugin hosts; the kit in dev.outfit/ says all of it, so it is not read.
  await sb.fs.writeFile(
    join(to, 'mcp.json'),
    JSON.stringify({ $schema: 'https://agent-plugins.org/schemas/1.0.0/mcp.schema.json', mcpServers: {} }),
  )
}

/** The tree without outfit's cache folder (where the kit read from the plugin is kept). */
function withoutCache(tree: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(tree).filter(([path]) => !path.startsWith('home/.cache')))
}

async function installInto(sb: MemSandbox, kit: string, scope: string): Promise<Diagnostic[]> {
  const warnings: Diagnostic[] = []
  const result = await install({
    fs: sb.fs,
    cwd: sb.project,
    env: {},
    home: sb.home,
    project: sb.project,
    scope,
    tools: TOOLS,
    kit,
    onKitWarnings: (w) => warnings.push(...w),
  })
  expect(result.report.results.map((r) => r.status)).toEqual(TOOLS.map(() => 'installed'))
  return warnings
}

describe('an Agent Plugin made by outfit', () => {
  it.each(['global', 'project'])(
    'installs byte for byte as the kit it was made from (%s scope)',
    async (scope) => {
      // One sandbox for both installs: the blocks' tags come from the user's state key, which each sandbox makes anew.
      const sb = await sandbox()
      const where = {
        fs: sb.fs,
        cwd: sb.project,
        env: {},
        home: sb.home,
        project: sb.project,
        scope,
        tools: TOOLS,
      }
      await installInto(sb, sb.kit, scope)
      const fromKit = withoutCache(await sb.tree())
      await uninstall(where)
      await pack(sb, '/sandbox/packed')
      // The kit folder itself is gone: only the plugin is there to install from.
      await sb.fs.rename(sb.kit, '/sandbox/gone')
      const warnings = await installInto(sb, '/sandbox/packed', scope)
      expect(warnings).toEqual([])
      const fromPlugin = withoutCache(await sb.tree())
      expect(Object.keys(fromPlugin).length).toBeGreaterThan(20)
      expect(fromPlugin).toEqual(fromKit)
    },
  )

  it('installs byte for byte as the kit when `outfit pack` made it', async () => {
    const sb = await sandbox()
    const where = { fs: sb.fs, cwd: sb.project, env: {}, home: sb.home, project: sb.project }
    await installInto(sb, sb.kit, 'project')
    const fromKit = withoutCache(await sb.tree())
    expect(Object.keys(fromKit).length).toBeGreaterThan(20)
    await uninstall({ ...where, scope: 'project', tools: TOOLS })
    const packed = await packKit({ ...where, kits: [sb.kit], formats: ['agent-plugin'], out: '/sandbox/out' })
    const dir = packed.packages[0]?.dir ?? ''
    expect(packed.packages.map((p) => p.format)).toEqual(['agent-plugin'])
    // The package is installed from where pack wrote it (outside home and project), and the kit folder is gone.
    await sb.fs.rename(dir, '/sandbox/packed')
    await sb.fs.rename(sb.kit, '/sandbox/gone')
    expect(await installInto(sb, '/sandbox/packed', 'project')).toEqual([])
    expect(withoutCache(await sb.tree())).toEqual(fromKit)
  })
})

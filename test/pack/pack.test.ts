// `outfit pack` end to end through its use case, on real temp folders (the packages are small): golden trees of every
// format for the starter kit and for a kit with agents, commands, hooks, a script skill and ${VAR} servers; the same
// kit packed twice gives the same bytes; the Agent Plugin's and Cursor's manifests pass their published schemas; an
// Agent Plugin's skills/ + dev.outfit/ is the kit itself; marketplaces list every kit. Regenerate the goldens after
// a deliberate change with UPDATE_GOLDEN=1 npx vitest run test/pack/pack.test.ts, and review the diff.
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { Ajv } from 'ajv'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pack, type PackRequest } from '../../src/api/pack.js'
import { realFs } from '../../src/fs/fs.js'
import { repoRoot } from '../integration/sandbox.js'

const update = process.env.UPDATE_GOLDEN === '1'
const KITS = {
  'starter-kit': join(repoRoot, 'examples/starter-kit'),
  'review-tools': join(repoRoot, 'test/fixtures/pack-kit'),
}
const SCHEMAS = join(repoRoot, 'test/fixtures/plugin-schemas')
let root: string

const packed = new Map<string, Awaited<ReturnType<typeof pack>>>()

// Each kit packed twice, once per test file: the tests below read these folders (a pack runs five tools' installs).
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'outfit-pack-'))
  await mkdir(join(root, 'home'))
  await mkdir(join(root, 'project'))
  for (const [name, kit] of Object.entries(KITS)) {
    packed.set(name, await pack(request({ kits: [kit], out: `${name}-1` })))
    await pack(request({ kits: [kit], out: `${name}-2` }))
  }
}, 120_000)
afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

const request = (extra: Partial<PackRequest>): PackRequest => ({
  fs: realFs,
  cwd: root,
  env: {},
  home: join(root, 'home'),
  project: join(root, 'project'),
  ...extra,
})

describe.each(Object.entries(KITS))('pack %s', (name, kit) => {
  it('writes every format as its golden tree, the same bytes twice, and says what each package leaves out', async () => {
    const first = packed.get(name) as Awaited<ReturnType<typeof pack>>
    const tree = await readTree(join(root, `${name}-1`))
    expect(await readTree(join(root, `${name}-2`))).toEqual(tree)
    // The Agent Plugin, then one per target with a plugin scope, named by its packFormat.
    expect(first.packages.map((p) => p.format)).toEqual([
      'agent-plugin',
      'claude',
      'codex',
      'copilot',
      'cursor',
      'gemini',
    ])
    const golden = join(repoRoot, 'test/golden/pack', name)
    const dropped = Object.fromEntries(first.packages.map((p) => [p.format, p.dropped]))
    const expected = { ...tree, 'dropped.json': `${JSON.stringify(dropped, null, 2)}\n` }
    if (update) await writeTree(golden, expected)
    expect(expected).toEqual(await readTree(golden))
  })

  it("gives an Agent Plugin whose plugin.json and mcp.json pass the published 1.0.0 schemas, and whose skills/ and dev.outfit/ are the kit's files", async () => {
    const dir = join(root, `${name}-1/agent-plugin`)
    const ajv = new Ajv2020({ strict: false })
    const manifest = ajv.compile(await json(join(SCHEMAS, 'agent-plugins-1.0.0/plugin.schema.json')))
    expect(manifest(await json(join(dir, 'plugin.json'))), ajv.errorsText(manifest.errors)).toBe(true)
    const mcp = ajv.compile(await json(join(SCHEMAS, 'agent-plugins-1.0.0/mcp.schema.json')))
    expect(mcp(await json(join(dir, 'mcp.json'))), ajv.errorsText(mcp.errors)).toBe(true)
    const files = await readTree(dir)
    const kitBack = Object.fromEntries(
      Object.entries(files)
        .filter(([path]) => path.startsWith('skills/') || path.startsWith('dev.outfit/'))
        .map(([path, text]) => [path.replace(/^dev\.outfit\//, ''), text]),
    )
    expect(kitBack).toEqual(await readTree(kit))
  })

  it("gives a Cursor plugin whose plugin.json passes Cursor's published schema", async () => {
    const ajv = new Ajv({ strict: false, validateFormats: false })
    const validate = ajv.compile(await json(join(SCHEMAS, 'cursor/plugin.schema.json')))
    const manifest = await json(join(root, `${name}-1/cursor/.cursor-plugin/plugin.json`))
    expect(validate(manifest), ajv.errorsText(validate.errors)).toBe(true)
  })
})

describe('pack', () => {
  it('writes nothing but the packages: no state, no staging folder', async () => {
    expect(await readdir(join(root, 'home'))).toEqual([])
    expect(await readdir(join(root, 'project'))).toEqual([])
    expect((await readdir(join(root, 'review-tools-1'))).sort()).toEqual([
      'agent-plugin',
      'claude',
      'codex',
      'copilot',
      'cursor',
      'gemini',
    ])
  })

  it('keeps a skill script executable in the Agent Plugin', async () => {
    const mode =
      (await stat(join(root, 'review-tools-1/agent-plugin/skills/release/scripts/bump.sh'))).mode & 0o777
    expect(mode).toBe(0o755)
  })

  it("leaves ${VAR} servers out of the Agent Plugin's mcp.json, each with its reason, and keeps them in the vendor packages", async () => {
    const result = packed.get('review-tools') as Awaited<ReturnType<typeof pack>>
    const ap = result.packages.find((p) => p.format === 'agent-plugin')
    expect(ap?.dropped.map((d) => d.what)).toEqual([
      "MCP server 'tracker'",
      "MCP server 'search'",
      'agents/triager.md',
      'commands/summarize.md',
      "hook preToolUse (Bash) './scripts/guard.sh'",
      "hook stop 'echo done'",
    ])
    expect(ap?.items).toEqual([
      'skills/release/SKILL.md',
      'skills/release/scripts/bump.sh',
      "MCP server 'local-docs'",
    ])
    // Every kit item is either carried or named with its reason, in every package.
    for (const p of result.packages)
      expect([...p.items, ...p.dropped.map((d) => d.what)].sort()).toEqual(
        [
          'agents/triager.md',
          'commands/summarize.md',
          'skills/release/SKILL.md',
          'skills/release/scripts/bump.sh',
          "MCP server 'tracker'",
          "MCP server 'search'",
          "MCP server 'local-docs'",
          "hook preToolUse (Bash) './scripts/guard.sh'",
          "hook stop 'echo done'",
        ].sort(),
      )
    expect(
      Object.keys((await json(join(root, 'review-tools-1/agent-plugin/mcp.json'))).mcpServers as object),
    ).toEqual(['local-docs'])
    const claude = await json(join(root, 'review-tools-1/claude/.mcp.json'))
    expect(claude).toMatchObject({
      mcpServers: {
        tracker: { env: { TRACKER_TOKEN: '${TRACKER_TOKEN}' } },
        search: { headers: { Authorization: 'Bearer ${SEARCH_TOKEN}' } },
      },
    })
  })

  it('writes one marketplace per vendor listing every kit, with each package where its listing points', async () => {
    const result = await pack(request({ kits: Object.values(KITS), marketplace: 'market' }))
    expect(result.listings).toEqual([
      { path: '.agents/plugins/marketplace.json', plugins: ['starter-kit', 'review-tools'] },
      { path: '.claude-plugin/marketplace.json', plugins: ['starter-kit', 'review-tools'] },
      { path: '.cursor-plugin/marketplace.json', plugins: ['starter-kit', 'review-tools'] },
      { path: '.github/plugin/marketplace.json', plugins: ['starter-kit', 'review-tools'] },
    ])
    const claude = (await json(join(root, 'market/.claude-plugin/marketplace.json'))) as {
      name: string
      plugins: { source: string }[]
    }
    expect(claude.name).toBe('market')
    for (const p of claude.plugins)
      expect((await stat(join(root, 'market', p.source, '.claude-plugin/plugin.json'))).isFile()).toBe(true)
    const codex = (await json(join(root, 'market/.agents/plugins/marketplace.json'))) as {
      plugins: { source: { path: string }; policy: unknown; category: string }[]
    }
    for (const p of codex.plugins) {
      expect(p.policy).toEqual({ installation: 'AVAILABLE', authentication: 'ON_INSTALL' })
      expect((await stat(join(root, 'market', p.source.path, '.codex-plugin/plugin.json'))).isFile()).toBe(
        true,
      )
    }
    const ajv = new Ajv({ strict: false, validateFormats: false })
    const cursor = ajv.compile(await json(join(SCHEMAS, 'cursor/marketplace.schema.json')))
    expect(
      cursor(await json(join(root, 'market/.cursor-plugin/marketplace.json'))),
      ajv.errorsText(cursor.errors),
    ).toBe(true)
  })

  it('refuses a folder that is not empty, and writes nothing', async () => {
    await mkdir(join(root, 'busy'))
    await writeFile(join(root, 'busy/keep.txt'), 'mine')
    await expect(pack(request({ kits: [KITS['starter-kit']], out: 'busy' }))).rejects.toThrow('--out')
    expect(await readdir(join(root, 'busy'))).toEqual(['keep.txt'])
  })

  it('refuses an unknown format, several kits without --marketplace, and a marketplace of a format that has none', async () => {
    await expect(pack(request({ kits: [KITS['starter-kit']], out: 'x1', formats: ['zip'] }))).rejects.toThrow(
      "unknown --format 'zip'",
    )
    await expect(pack(request({ kits: Object.values(KITS), out: 'x2' }))).rejects.toThrow(
      '--out takes one kit',
    )
    await expect(
      pack(request({ kits: [KITS['starter-kit']], marketplace: 'x3', formats: ['gemini'] })),
    ).rejects.toThrow('gemini defines no marketplace')
  })
})

// --- internal ---

async function json(path: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>
}

async function readTree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  const walk = async (at: string, prefix: string): Promise<void> => {
    for (const entry of await readdir(at, { withFileTypes: true })) {
      const path = prefix ? `${prefix}/${entry.name}` : entry.name
      if (entry.isDirectory()) await walk(join(at, entry.name), path)
      else out[path] = await readFile(join(at, entry.name), 'utf8')
    }
  }
  await walk(dir, '')
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)))
}

async function writeTree(dir: string, files: Record<string, string>): Promise<void> {
  await rm(dir, { recursive: true, force: true })
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true })
    await writeFile(join(dir, path), text)
  }
}

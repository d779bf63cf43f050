// On memfs (it is logic): a kit without MCP servers leaves no MCP file behind in any tool: no config file holding an empty servers object,
// whether the kit never had servers or dropped them since the last install (which left `{ "mcpServers": {} }`).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse as parseToml } from 'smol-toml'
import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { createMemSandbox, type MemSandbox } from '../helpers/mem-sandbox.js'
import { builtinTargets, repoRoot } from '../integration/sandbox.js'

const targets = await builtinTargets()
const cases = targets.flatMap((t) => Object.keys(t.spec.scopes).map((scope) => ({ id: t.spec.id, scope })))

const starterServers = readFileSync(join(repoRoot, 'examples/starter-kit/mcp.yaml'), 'utf8')
const noServers = (sb: MemSandbox) => sb.fs.writeFile(join(sb.kit, 'mcp.yaml'), 'servers: {}\n')

describe.each(cases)('$id ($scope)', ({ id, scope }) => {
  it('writes no MCP file for a kit without servers, and removes it when the kit drops its servers', async () => {
    const sb = await createMemSandbox()
    await noServers(sb)
    expect((await sb.install([id], { scope })).results.map((r) => r.status)).toEqual(['installed'])
    const without = await sb.tree()
    expect(await filesWithEmptyServers(sb, without)).toEqual([])
    await sb.fs.writeFile(join(sb.kit, 'mcp.yaml'), starterServers)
    expect((await sb.install([id], { scope })).results.map((r) => r.status)).not.toContain('failed')
    await noServers(sb)
    expect((await sb.install([id], { scope })).results.map((r) => r.status)).not.toContain('failed')
    expect(await sb.tree()).toEqual(without)
  })
})

// --- internal ---

async function filesWithEmptyServers(sb: MemSandbox, tree: Record<string, string>): Promise<string[]> {
  const out: string[] = []
  for (const path of Object.keys(tree)) {
    if (tree[path] === 'dir' || tree[path]?.startsWith('-> ')) continue
    const data = parsed(path, await sb.read(path))
    if (data !== undefined && holdsEmptyServers(data)) out.push(path)
  }
  return out
}

const SERVER_KEYS = [
  'mcpServers',
  'servers',
  'mcp',
  'context_servers',
  'mcp_servers',
  'extensions',
  'amp.mcpServers',
]

function parsed(file: string, text: string): unknown {
  try {
    if (file.endsWith('.toml')) return parseToml(text)
    if (/\.ya?ml$/.test(file)) return parseYaml(text)
    if (/\.jsonc?$/.test(file)) return JSON.parse(text.replace(/^\s*\/\/.*$/gm, ''))
  } catch {
    return undefined
  }
  return undefined
}

function holdsEmptyServers(data: unknown): boolean {
  if (!data || typeof data !== 'object') return false
  for (const [key, value] of Object.entries(data)) {
    if (SERVER_KEYS.includes(key) && isEmpty(value)) return true
    if (holdsEmptyServers(value)) return true
  }
  return false
}

function isEmpty(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0
  return value !== null && typeof value === 'object' && Object.keys(value).length === 0
}

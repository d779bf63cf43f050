// A kit without MCP servers leaves no MCP file behind in any tool: no config file holding an empty servers object,
// whether the kit never had servers or dropped them since the last install (which left `{ "mcpServers": {} }`).
import { cp, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parse as parseToml } from 'smol-toml'
import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { createSandbox, builtinTargets, repoRoot, type Sandbox } from '../integration/sandbox.js'

const targets = await builtinTargets()
const cases = targets.flatMap((t) => Object.keys(t.spec.scopes).map((scope) => ({ id: t.spec.id, scope })))

const noServers = (sb: Sandbox) => writeFile(join(sb.kit, 'mcp.yaml'), 'servers: {}\n')

describe.each(cases)('$id ($scope)', ({ id, scope }) => {
  it('writes no MCP file for a kit without servers, and removes it when the kit drops its servers', async () => {
    const sb = await createSandbox()
    try {
      const before = await sb.tree()
      await noServers(sb)
      expect((await sb.install([id], { scope })).results.map((r) => r.status)).toEqual(['installed'])
      const without = await sb.tree()
      expect(Object.keys(without).length).toBeGreaterThan(Object.keys(before).length)
      expect(await filesWithEmptyServers(sb, without)).toEqual([])
      await cp(join(repoRoot, 'examples/starter-kit/mcp.yaml'), join(sb.kit, 'mcp.yaml'))
      expect((await sb.install([id], { scope })).results.map((r) => r.status)).not.toContain('failed')
      await noServers(sb)
      expect((await sb.install([id], { scope })).results.map((r) => r.status)).not.toContain('failed')
      expect(await sb.tree()).toEqual(without)
    } finally {
      await sb.cleanup()
    }
  })
})

// --- internal ---

async function filesWithEmptyServers(sb: Sandbox, tree: Record<string, string>): Promise<string[]> {
  const out: string[] = []
  for (const path of Object.keys(tree)) {
    const data = await parsed(join(sb.root, path))
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

async function parsed(file: string): Promise<unknown> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch {
    return undefined // a folder or a link
  }
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

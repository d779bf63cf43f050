// A kit whose mcp.yaml names three servers by registry (npm, PyPI, remote): prepareKits resolves them against a local
// registry and pins them in outfit.lock; every tool that takes MCP servers gets them; a locked kit installs again
// without the network; --frozen refuses a kit whose registry servers are not locked; update moves them.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { installTools as install } from '../../src/run/run-tools.js'
import { prepareKits, type KitsRequest } from '../../src/api/kits.js'
import { realFs } from '../../src/fs/fs.js'
import { registryClient } from '../../src/registry/registry-client.js'
import { atVersion, registryFixture, startRegistry, type LocalRegistry } from '../helpers/local-registry.js'
import { builtinTargets, useSandbox } from '../integration/sandbox.js'

let registry: LocalRegistry
beforeAll(async () => {
  registry = await startRegistry()
  const brave = await registryFixture('brave-search')
  registry.publish(brave)
  registry.publish(await registryFixture('weather'))
  registry.publish(await registryFixture('mcp-fs'))
})
afterAll(() => registry.close())

const sb = useSandbox(async (sb) => {
  await rm(join(sb.kit, 'mcp.yaml'))
  await writeFile(
    join(sb.kit, 'mcp.yaml'),
    [
      'servers:',
      '  search:',
      '    registry: io.modelcontextprotocol.anonymous/brave-search@^1',
      '  weather:',
      '    registry: io.github.example/weather-mcp@0.5.0',
      '  files:',
      '    registry: io.modelcontextprotocol.anonymous/mcp-fs',
      '',
    ].join('\n'),
  )
})

function request(mode: KitsRequest['mode'], extra: Partial<KitsRequest> = {}): KitsRequest {
  return {
    fs: realFs,
    kits: [{ name: 'starter-kit', source: sb.kit, baseDir: sb.root }],
    lockFile: join(sb.project, 'outfit.lock'),
    mode,
    cacheDir: join(sb.root, 'cache'),
    npm: async () => ({}),
    baseDir: sb.root,
    mcpRegistry: registry.url,
    ...extra,
  }
}

describe('registry servers in a kit', () => {
  it('resolve, lock, and reach every tool that takes MCP servers', async () => {
    const prepared = await prepareKits(request('install'))
    expect(prepared.kit.registry).toBeUndefined()
    expect(prepared.kit.mcp.map((s) => s.name).sort()).toEqual(['files', 'search', 'weather'])
    expect(await prepared.saveLock()).toBe(true)
    const lock = JSON.parse(await readFile(join(sb.project, 'outfit.lock'), 'utf8')) as {
      mcp: Record<string, { version: string; via: string; registry: string }>
    }
    expect(lock.mcp.search).toMatchObject({ version: '1.0.2', via: 'npm', registry: registry.url })
    expect(lock.mcp.weather).toMatchObject({ version: '0.5.0', via: 'pypi' })
    expect(lock.mcp.files).toMatchObject({ version: '2.0.0', via: 'remote' })

    const targets = (await builtinTargets()).filter(
      (t) => t.spec.steps.some((s) => JSON.stringify(s).includes('"from":"mcp"')) && t.spec.scopes.project,
    )
    expect(targets.length).toBeGreaterThan(15)
    const report = await install({
      fs: realFs,
      targets,
      scope: 'project',
      home: sb.home,
      project: sb.project,
      stateHome: sb.state,
      env: { BRAVE_API_KEY: 'set', WEATHER_API_KEY: 'set' },
      kit: prepared.kit,
    })
    const failed = report.results.filter((r) => r.status !== 'installed')
    expect(failed.map((r) => `${r.tool}: ${r.failure?.error.message}`)).toEqual([])
    // A tool leaves one out only for the reasons it has for any server (no way to pass a secret, no MCP servers in
    // this scope), never for coming from a registry.
    for (const result of report.results)
      for (const d of (result.dropped ?? []).filter((d) => /'(search|weather)'/.test(d.what)))
        expect(d.reason, `${result.tool}: ${d.what}`).not.toMatch(/registry/i)
    const files = await filesUnder(sb.project)
    const holding = (text: string) => files.filter(([, content]) => content.includes(text)).map(([f]) => f)
    expect(holding('@modelcontextprotocol/server-brave-search@1.0.2').length).toBeGreaterThanOrEqual(12)
    expect(holding('weather-mcp-server==0.5.0')).toEqual(
      holding('@modelcontextprotocol/server-brave-search@1.0.2'),
    )
  })

  it('install again uses the locked versions from the cache, without asking the registry', async () => {
    await (await prepareKits(request('install'))).saveLock()
    registry.requests.length = 0
    // A newer version in range appears: install keeps the lock; only update moves.
    registry.publish(atVersion(await registryFixture('brave-search'), '1.3.0'))
    const again = await prepareKits(request('install'))
    expect(again.kit.mcp.find((s) => s.name === 'search')?.args).toContain(
      '@modelcontextprotocol/server-brave-search@1.0.2',
    )
    expect(registry.requests).toEqual([])
    expect(await again.saveLock()).toBe(false)
    const updated = await prepareKits(request('update'))
    expect(updated.kit.mcp.find((s) => s.name === 'search')?.args).toContain(
      '@modelcontextprotocol/server-brave-search@1.3.0',
    )
    expect(await updated.saveLock()).toBe(true)
    expect(await readFile(join(sb.project, 'outfit.lock'), 'utf8')).toContain('"version": "1.3.0"')
  })

  it('--frozen refuses registry servers that outfit.lock does not pin', async () => {
    await mkdir(sb.project, { recursive: true })
    await expect(prepareKits(request('frozen'))).rejects.toMatchObject({
      code: 'LOCK_MISMATCH',
      message: expect.stringContaining("MCP server 'search'"),
    })
  })

  it('a lock from another registry is not used: the server is resolved in the configured one', async () => {
    await (await prepareKits(request('install'))).saveLock()
    const elsewhere = await startRegistry()
    try {
      elsewhere.publish(atVersion(await registryFixture('brave-search'), '1.9.9'))
      elsewhere.publish(await registryFixture('weather'))
      elsewhere.publish(await registryFixture('mcp-fs'))
      const moved = await prepareKits(
        request('install', { mcpRegistry: elsewhere.url, registryClient: registryClient(elsewhere.url) }),
      )
      expect(moved.kit.mcp.find((s) => s.name === 'search')?.args).toContain(
        '@modelcontextprotocol/server-brave-search@1.9.9',
      )
    } finally {
      await elsewhere.close()
    }
  })
})

async function filesUnder(dir: string): Promise<[string, string][]> {
  const { readdir } = await import('node:fs/promises')
  const out: [string, string][] = []
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true }))
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name)
      out.push([path, await readFile(path, 'utf8')])
    }
  return out
}

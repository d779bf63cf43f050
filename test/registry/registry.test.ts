// MCP servers by registry name, against a local registry (a node:http server on 127.0.0.1 speaking the v0.1 API) that
// serves recorded server.json documents: the command line each package type runs at its exact version, secrets as
// references, the newest version in range, the lock's pin kept, refused under --frozen when missing, and a pinned
// version whose package changed refused as tampering.
import { readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registryClient, type RegistryClient } from '../../src/registry/registry-client.js'
import { parseRegistrySpec, resolveRegistryServer } from '../../src/registry/resolve-registry.js'
import type { ServerJson } from '../../src/registry/server-json.js'
import { repoRoot } from '../integration/sandbox.js'

const fixture = async (name: string): Promise<ServerJson> =>
  JSON.parse(await readFile(join(repoRoot, 'test/fixtures/registry', `${name}.json`), 'utf8')) as ServerJson

/** Published versions, by server name: [server.json, status]. */
const published = new Map<string, [ServerJson, string][]>()
const requests: string[] = []
let server: Server
let client: RegistryClient

/** The same server.json at another version (its package at that version too). */
function at(doc: ServerJson, version: string): ServerJson {
  return {
    ...doc,
    version,
    packages: doc.packages?.map((p) => (p.version ? { ...p, version } : p)),
  }
}

beforeAll(async () => {
  const brave = await fixture('brave-search')
  published.set(brave.name, [
    [brave, 'active'],
    [at(brave, '1.1.0'), 'active'],
    [at(brave, '1.2.0'), 'deleted'],
    [at(brave, '2.0.0'), 'active'],
  ])
  for (const name of ['weather', 'mcp-fs', 'filesystem']) {
    const doc = await fixture(name)
    published.set(doc.name, [[doc, 'active']])
  }
  server = createServer((req, res) => {
    requests.push(req.url ?? '')
    const url = new URL(req.url ?? '/', 'http://registry')
    const m = /^\/v0\.1\/servers\/([^/]+)\/versions(?:\/([^/]+))?$/.exec(url.pathname)
    const entry = (doc: ServerJson, status: string) => ({
      server: doc,
      _meta: { 'io.modelcontextprotocol.registry/official': { status, publishedAt: '2026-11-01T00:00:00Z' } },
    })
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(body))
    }
    if (url.pathname === '/v0.1/servers') {
      const words = url.searchParams.get('search') ?? ''
      const hits = [...published.values()]
        .map((versions) => versions[versions.length - 1] as [ServerJson, string])
        .filter(([doc]) => doc.name.includes(words))
      return send(200, {
        servers: hits.map(([doc, status]) => entry(doc, status)),
        metadata: { count: hits.length },
      })
    }
    const versions = m ? published.get(decodeURIComponent(m[1] ?? '')) : undefined
    if (!m || !versions) return send(404, { title: 'Not Found' })
    if (!m[2]) return send(200, { servers: versions.map(([doc, status]) => entry(doc, status)) })
    const one = versions.find(([doc]) => doc.version === decodeURIComponent(m[2] ?? ''))
    return one ? send(200, entry(...one)) : send(404, { title: 'Not Found' })
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  client = registryClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)
})
afterAll(() => new Promise<void>((done) => server.close(() => done())))

describe('registry servers become kit servers', () => {
  it('an npm package runs through npx at its exact version; its secret is a reference', async () => {
    const { server: s, pin } = await resolveRegistryServer(
      client,
      { kitName: 'search', spec: 'io.modelcontextprotocol.anonymous/brave-search@1.0.2' },
      'install',
    )
    expect(s).toEqual({
      name: 'search',
      command: 'npx',
      args: ['-y', '@modelcontextprotocol/server-brave-search@1.0.2'],
      env: { BRAVE_API_KEY: '${BRAVE_API_KEY}' },
    })
    expect(pin).toEqual({
      name: 'io.modelcontextprotocol.anonymous/brave-search',
      version: '1.0.2',
      via: 'npm',
      identifier: '@modelcontextprotocol/server-brave-search',
      packageVersion: '1.0.2',
    })
  })

  it('a PyPI package runs through uvx pinned with ==; optional variables with a default are left out', async () => {
    const { server: s } = await resolveRegistryServer(
      client,
      { kitName: 'weather', spec: 'io.github.example/weather-mcp' },
      'install',
    )
    expect(s).toEqual({
      name: 'weather',
      command: 'uvx',
      args: ['weather-mcp-server==0.5.0'],
      env: { WEATHER_API_KEY: '${WEATHER_API_KEY}' },
    })
  })

  it('a remote server is its endpoint', async () => {
    const { server: s, pin } = await resolveRegistryServer(
      client,
      { kitName: 'fs', spec: 'io.modelcontextprotocol.anonymous/mcp-fs@^2' },
      'install',
    )
    expect(s).toEqual({ name: 'fs', url: 'https://mcp-fs.anonymous.modelcontextprotocol.io/http' })
    expect(pin.via).toBe('remote')
  })

  it('an OCI image runs through docker with its runtime arguments; a required placeholder becomes a reference', async () => {
    const { server: s } = await resolveRegistryServer(
      client,
      { kitName: 'files', spec: 'io.github.modelcontextprotocol/filesystem@1.0.2', package: 'oci' },
      'install',
    )
    expect(s).toMatchObject({
      command: 'docker',
      args: [
        'run',
        '-i',
        '--rm',
        '--mount',
        'type=bind,src=${SOURCE_PATH},dst=/project',
        'docker.io/mcp/filesystem:1.0.2',
        '/project',
      ],
    })
  })

  it("the kit's args and env replace or add to the published ones", async () => {
    const { server: s } = await resolveRegistryServer(
      client,
      {
        kitName: 'files',
        spec: 'io.github.modelcontextprotocol/filesystem@1.0.2',
        args: ['.'],
        env: { LOG_LEVEL: 'warn' },
      },
      'install',
    )
    expect(s).toEqual({
      name: 'files',
      command: 'npx',
      args: ['-y', '@modelcontextprotocol/server-filesystem@1.0.2', '.'],
      env: { LOG_LEVEL: 'warn' },
    })
  })
})

describe('versions and the lock', () => {
  const request = { kitName: 'search', spec: 'io.modelcontextprotocol.anonymous/brave-search@^1' }

  it('picks the newest published version in range (a deleted one never)', async () => {
    expect((await resolveRegistryServer(client, request, 'install')).pin.version).toBe('1.1.0')
  })

  it('keeps the locked version while it is in range, refuses --frozen without one, and update moves on', async () => {
    const locked = (
      await resolveRegistryServer(
        client,
        { ...request, spec: `${request.spec.split('@')[0]}@1.0.2` },
        'install',
      )
    ).pin
    expect((await resolveRegistryServer(client, request, 'install', locked)).pin.version).toBe('1.0.2')
    expect((await resolveRegistryServer(client, request, 'frozen', locked)).pin.version).toBe('1.0.2')
    await expect(resolveRegistryServer(client, request, 'frozen')).rejects.toThrow(
      "MCP server 'search' (io.modelcontextprotocol.anonymous/brave-search@^1) is not in outfit.lock",
    )
    await expect(
      resolveRegistryServer(
        client,
        { ...request, spec: `${request.spec.split('@')[0]}@^2` },
        'frozen',
        locked,
      ),
    ).rejects.toThrow('is locked at io.modelcontextprotocol.anonymous/brave-search@1.0.2, outside the range')
    expect((await resolveRegistryServer(client, request, 'update', locked)).pin.version).toBe('1.1.0')
  })

  it('refuses a locked version whose package the registry now names differently', async () => {
    const locked = (await resolveRegistryServer(client, request, 'install')).pin
    await expect(
      resolveRegistryServer(client, request, 'install', { ...locked, packageVersion: '1.1.0-evil' }),
    ).rejects.toThrow(
      /no longer matches outfit\.lock \(npm @modelcontextprotocol\/server-brave-search@1\.1\.0-evil locked/,
    )
  })
})

describe('the registry is untrusted and may be away', () => {
  it('names what is missing, and what is not a registry name', async () => {
    await expect(
      resolveRegistryServer(client, { kitName: 'x', spec: 'io.github.nobody/nothing@1' }, 'install'),
    ).rejects.toThrow("has no server 'io.github.nobody/nothing'")
    await expect(
      resolveRegistryServer(
        client,
        { kitName: 'x', spec: 'io.modelcontextprotocol.anonymous/brave-search@^9' },
        'install',
      ),
    ).rejects.toThrow(/has no version of .* in '\^9'/)
    expect(() => parseRegistrySpec('not a name')).toThrow('is not a registry server name')
    expect(() => parseRegistrySpec('a.b/c@not-a-range!')).toThrow('is not a version or range')
  })

  it('refuses an answer about another server than the one asked for', async () => {
    const liar = registryClient('http://registry.test', async () =>
      Response.json({ server: { name: 'io.evil/other', version: '1.0.0' } }),
    )
    await expect(liar.version('io.good/server', '1.0.0')).rejects.toThrow(
      "answered 'io.evil/other' when asked for 'io.good/server'",
    )
  })

  it('says which registry could not be reached, and how to name another', async () => {
    const away = registryClient('http://127.0.0.1:1')
    await expect(away.versions('a.b/c')).rejects.toMatchObject({
      message: expect.stringContaining('could not reach the MCP registry at http://127.0.0.1:1'),
      hint: expect.stringContaining('mcpRegistry:'),
    })
  })

  it('searches by words', async () => {
    const hits = await client.search('weather')
    expect(hits.map((h) => `${h.server.name}@${h.server.version}`)).toEqual([
      'io.github.example/weather-mcp@0.5.0',
    ])
    expect(requests.some((r) => r.startsWith('/v0.1/servers?search=weather'))).toBe(true)
  })
})

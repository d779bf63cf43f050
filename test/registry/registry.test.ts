// MCP servers by registry name, against a local registry (a node:http server on 127.0.0.1 speaking the v0.1 API) that
// serves recorded server.json documents: the command line each package type runs at its exact version, secrets as
// references, the newest version in range, the lock's pin kept, refused under --frozen when missing, and a pinned
// version whose package changed refused as tampering.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registryClient, type RegistryClient } from '../../src/registry/registry-client.js'
import { parseRegistrySpec, resolveRegistryServer } from '../../src/registry/resolve-registry.js'
import { atVersion, registryFixture, startRegistry, type LocalRegistry } from '../helpers/local-registry.js'

let registry: LocalRegistry
let client: RegistryClient

beforeAll(async () => {
  registry = await startRegistry()
  const brave = await registryFixture('brave-search')
  registry.publish(brave)
  registry.publish(atVersion(brave, '1.1.0'))
  registry.publish(atVersion(brave, '1.2.0'), 'deleted')
  registry.publish(atVersion(brave, '2.0.0'))
  for (const name of ['weather', 'mcp-fs', 'filesystem']) registry.publish(await registryFixture(name))
  client = registryClient(`${registry.url}/`)
})
afterAll(() => registry.close())

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
    expect(registry.requests.some((r) => r.startsWith('/v0.1/servers?search=weather'))).toBe(true)
  })
})

// `outfit search-mcp`: the registry's matches with the mcp.yaml line for each, as text and as a --json document that
// matches schemas/output.schema.json; the registry comes from --mcp-registry or the config's mcpRegistry.
import { readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registryFixture, startRegistry, type LocalRegistry } from '../helpers/local-registry.js'
import { runCli } from '../helpers/run-cli.js'
import { repoRoot } from '../integration/sandbox.js'

const validate = new Ajv2020({ allErrors: true, strict: true }).compile(
  JSON.parse(readFileSync(join(repoRoot, 'schemas/output.schema.json'), 'utf8')) as object,
)
let registry: LocalRegistry
let dir = ''
beforeAll(async () => {
  registry = await startRegistry()
  for (const name of ['brave-search', 'weather', 'mcp-fs', 'filesystem'])
    registry.publish(await registryFixture(name))
  dir = await mkdtemp(join(tmpdir(), 'outfit-search-'))
})
afterAll(async () => {
  await registry.close()
  await rm(dir, { recursive: true, force: true })
})

describe('outfit search-mcp', () => {
  it('lists matches with how each runs and the line that installs it', async () => {
    const run = await runCli(['search-mcp', 'weather', '--mcp-registry', registry.url], { cwd: dir })
    expect(run.code, run.all).toBe(0)
    expect(run.out).toBe(
      [
        'io.github.example/weather-mcp@0.5.0  (pypi)',
        '  Python MCP server for weather data access',
        '  registry: io.github.example/weather-mcp@^0.5.0',
      ].join('\n'),
    )
  })

  it("prints a document the output schema accepts, asking the config's registry", async () => {
    await writeFile(join(dir, 'outfit.config.yaml'), `mcpRegistry: ${registry.url}\n`)
    const run = await runCli(['search-mcp', 'filesystem', '--json'], { cwd: dir })
    expect(run.code, run.all).toBe(0)
    const doc = JSON.parse(run.out) as { servers: { runs: string[] }[] }
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true)
    expect(doc).toMatchObject({ command: 'search-mcp', registry: registry.url })
    expect(doc.servers.map((s) => s.runs)).toEqual([['remote'], ['npm', 'oci']])
  })

  it('says so when nothing matches, and fails with a hint when the registry is away', async () => {
    const none = await runCli(['search-mcp', 'zzz', '--mcp-registry', registry.url], { cwd: dir })
    expect(none.out).toBe(`no server in ${registry.url} matches 'zzz'`)
    const away = await runCli(['search-mcp', 'x', '--mcp-registry', 'http://127.0.0.1:1'], { cwd: dir })
    expect(away.code).toBe(1)
    expect(away.err).toContain('could not reach the MCP registry at http://127.0.0.1:1')
  })
})

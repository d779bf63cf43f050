// What a fleet dashboard collects from `outfit status --json`: the outfit version that answered, what the project's
// outfit.lock pins (kits and registry MCP servers), and per tool the installed kit and its drift — a document the
// output schema accepts.
import { readFileSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { version } from '../../src/version.js'
import { runCli } from '../helpers/run-cli.js'
import { repoRoot } from '../integration/sandbox.js'

const validate = new Ajv2020({ allErrors: true, strict: true }).compile(
  JSON.parse(readFileSync(join(repoRoot, 'schemas/output.schema.json'), 'utf8')) as object,
)
let dir = ''
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'outfit-fleet-'))
  await mkdir(join(dir, 'home'))
  await mkdir(join(dir, 'project'))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

it('status --json carries the outfit version and what outfit.lock pins', async () => {
  const integrity = `sha256-${Buffer.alloc(32, 7).toString('base64')}`
  await writeFile(
    join(dir, 'project/outfit.lock'),
    JSON.stringify({
      lockfileVersion: 1,
      kits: { backend: { source: 'github:acme/kit#v2', commit: 'a'.repeat(40), integrity } },
      mcp: {
        search: {
          spec: 'io.example/search@^1',
          registry: 'https://registry.modelcontextprotocol.io',
          name: 'io.example/search',
          version: '1.4.0',
          via: 'npm',
          identifier: '@example/search',
          packageVersion: '1.4.0',
        },
      },
    }),
  )
  const run = await runCli(
    ['status', 'claude-code', '--json', '--home', join(dir, 'home'), '--project', join(dir, 'project')],
    { cwd: join(dir, 'project') },
  )
  expect(run.code, run.all).toBe(0)
  const doc = JSON.parse(run.out) as Record<string, unknown>
  expect(validate(doc), JSON.stringify(validate.errors)).toBe(true)
  expect(doc).toMatchObject({
    command: 'status',
    outfit: version,
    lock: {
      file: join(dir, 'project/outfit.lock'),
      kits: { backend: { source: 'github:acme/kit#v2', commit: 'a'.repeat(40), integrity } },
      mcp: { search: 'io.example/search@1.4.0' },
    },
    tools: [{ tool: 'claude-code', installed: null, drift: [] }],
  })
})

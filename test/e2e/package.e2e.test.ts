// The package as npm would publish it, from a clean checkout without dist/: prepack builds it, everything the
// README, the scaffolds and the license promise is inside, and the bundled CLI works from the unpacked tarball.
import { spawnSync } from 'node:child_process'
import { cp, mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { repoRoot } from '../integration/sandbox.js'

let checkout: string
let unpacked: string
let files: string[] = []
beforeAll(async () => {
  checkout = await mkdtemp(join(tmpdir(), 'outfit-pack-'))
  for (const entry of [
    'src',
    'scripts',
    'schemas',
    'targets',
    'presets',
    'plugin-formats',
    'examples',
    'docs',
    'package.json',
    'tsconfig.json',
    'tsconfig.build.json',
    'README.md',
    'LICENSE',
    'ARCHITECTURE.md',
  ]) {
    await cp(join(repoRoot, entry), join(checkout, entry), { recursive: true })
  }
  await symlink(join(repoRoot, 'node_modules'), join(checkout, 'node_modules'))
  const packed = spawnSync('npm', ['pack', '--json', '--pack-destination', checkout], {
    cwd: checkout,
    encoding: 'utf8',
  })
  expect(packed.status, packed.stderr).toBe(0)
  const [tarball] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[]
  files = tarball?.files.map((f) => f.path) ?? []
  // As npm would install it: the tarball's contents, beside the dependencies (the checkout's, for an offline test).
  unpacked = join(checkout, 'installed')
  await mkdir(unpacked)
  const untar = spawnSync(
    'tar',
    ['-xzf', join(checkout, tarball?.filename ?? ''), '-C', unpacked, '--strip-components=1'],
    { encoding: 'utf8' },
  )
  expect(untar.status, untar.stderr).toBe(0)
  await symlink(join(repoRoot, 'node_modules'), join(unpacked, 'node_modules'))
}, 180_000)
afterAll(async () => {
  await rm(checkout, { recursive: true, force: true })
})

describe('npm pack', () => {
  it('builds dist/ first (prepack), so the bin and the library entry point are in the package', () => {
    expect(files).toContain('dist/cli/run.cjs')
    expect(files).toContain('dist/cli/outfit.cjs')
    expect(files).toContain('dist/index.js')
    // Written by the build from the schemas, targets and CLI as they are (scripts/build-validators.mjs).
    for (const file of [
      'dist/schema/validators/target.schema.cjs',
      'dist/load/prevalidated-targets.json',
      'dist/cli/help.json',
    ])
      expect(files, file).toContain(file)
  })

  it('runs from the unpacked tarball, using what the build recorded there instead of compiling schemas', async () => {
    const cli = join(unpacked, 'dist/cli/run.cjs')
    // NODE_DEBUG=module logs every CommonJS load: ajv is loaded only when a schema has to be compiled at run time.
    const run = (...argv: string[]) =>
      spawnSync(process.execPath, [cli, ...argv], {
        cwd: checkout,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', NODE_DEBUG: 'module' },
      })
    const version = run('--version')
    expect(version.stdout).toMatch(/^outfit\/\d+\.\d+\.\d+ /)
    const validate = run('validate')
    expect(validate.status, validate.stderr).toBe(0)
    expect(validate.stdout).toMatch(/✓ \d+ files valid/)
    expect(validate.stderr).not.toMatch(/ajv/)
    const home = join(checkout, 'home')
    await mkdir(home)
    const install = run(
      'install',
      'claude-code',
      '--yes',
      '--scope',
      'global',
      '--kit',
      join(unpacked, 'examples/starter-kit'),
      '--home',
      home,
    )
    expect(install.status, install.stderr).toBe(0)
    expect(await readFile(join(home, '.claude/agents/reviewer.md'), 'utf8')).toMatch(/^---\n/)
    expect(run('status', '--scope', 'global', '--home', home).stdout).toMatch(
      /Claude Code .*starter-kit@[\d.]+ +in sync/,
    )
  }, 60_000)

  it('ships the license, the docs the README and scaffolds link to, the schemas and the step presets', () => {
    for (const file of [
      'LICENSE',
      'README.md',
      'docs/writing-targets.md',
      'docs/safety.md',
      'schemas/kit.schema.json',
      'schemas/target.schema.json',
      'schemas/preset.schema.json',
      'presets/skills.yaml',
      'plugin-formats/formats.yaml',
    ])
      expect(files, file).toContain(file)
  })

  it('names its license and repository', async () => {
    const pkg = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as {
      license: string
      repository?: { url: string }
    }
    expect(pkg.license).toBe('MIT')
    expect(pkg.repository?.url).toMatch(/^git\+https:\/\/github\.com\//)
    expect(await readFile(join(repoRoot, 'LICENSE'), 'utf8')).toMatch(/^MIT License/)
  })
})

// The package as npm would publish it, from a clean checkout without dist/: prepack builds it, and everything the
// README, the scaffolds and the license promise is inside.
import { spawnSync } from 'node:child_process'
import { cp, mkdtemp, readFile, rm, symlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { repoRoot } from '../integration/sandbox.js'

let checkout: string
let files: string[] = []
beforeAll(async () => {
  checkout = await mkdtemp(join(tmpdir(), 'outfit-pack-'))
  for (const entry of ['src', 'scripts', 'schemas', 'targets', 'examples', 'docs', 'package.json', 'tsconfig.json', 'tsconfig.build.json', 'README.md', 'LICENSE', 'ARCHITECTURE.md']) {
    await cp(join(repoRoot, entry), join(checkout, entry), { recursive: true })
  }
  await symlink(join(repoRoot, 'node_modules'), join(checkout, 'node_modules'))
  const packed = spawnSync('npm', ['pack', '--dry-run', '--json'], { cwd: checkout, encoding: 'utf8' })
  expect(packed.status, packed.stderr).toBe(0)
  files = (JSON.parse(packed.stdout) as { files: { path: string }[] }[])[0]?.files.map((f) => f.path) ?? []
}, 180_000)
afterAll(async () => {
  await rm(checkout, { recursive: true, force: true })
})

describe('npm pack', () => {
  it('builds dist/ first (prepack), so the bin and the library entry point are in the package', () => {
    expect(files).toContain('dist/cli/run.js')
    expect(files).toContain('dist/index.js')
    // Written by the build from the schemas, targets and CLI as they are (scripts/build-validators.mjs).
    for (const file of ['dist/schema/validators/target.schema.cjs', 'dist/load/prevalidated-targets.json', 'dist/cli/help.json']) expect(files, file).toContain(file)
  })

  it('ships the license, the docs the README and scaffolds link to, and the schemas', () => {
    for (const file of ['LICENSE', 'README.md', 'docs/writing-targets.md', 'docs/safety.md', 'schemas/kit.schema.json', 'schemas/target.schema.json']) expect(files, file).toContain(file)
  })

  it('names its license and repository', async () => {
    const pkg = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as { license: string; repository?: { url: string } }
    expect(pkg.license).toBe('MIT')
    expect(pkg.repository?.url).toMatch(/^git\+https:\/\/github\.com\//)
    expect(await readFile(join(repoRoot, 'LICENSE'), 'utf8')).toMatch(/^MIT License/)
  })
})

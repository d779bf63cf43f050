// Issue 25: the npm name `outfit` belongs to an unrelated package, so outfit is published as `outfit-cli` (command
// still `outfit`), and every `$schema` that `init` writes must point into that package, not someone else's.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { packageRoot } from '../../src/package-root.js'

const pkg = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as {
  name: string
  bin: Record<string, string>
  files: string[]
}

describe('package name', () => {
  it('is outfit-cli, installing the command outfit, and ships the schemas its $schema lines name', () => {
    expect(pkg.name).toBe('outfit-cli')
    expect(Object.keys(pkg.bin)).toEqual(['outfit'])
    expect(pkg.files).toContain('schemas')
  })

  it('the README tells how to get the command under the package name', () => {
    const readme = readFileSync(join(packageRoot, 'README.md'), 'utf8')
    expect(readme).toContain('npx outfit-cli')
    expect(readme).toContain('npm install -g outfit-cli')
    expect(readme).not.toMatch(/node_modules\/outfit\/|unpkg\.com\/outfit@/)
  })
})

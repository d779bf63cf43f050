// The help texts the build records (src/cli/help-cache.ts) are exactly what the CLI prints when it is loaded.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { repoRoot } from '../integration/sandbox.js'

const cli = join(repoRoot, 'dist/cli/run.js')
const cacheFile = join(repoRoot, 'dist/cli/help.json')

beforeAll(() => {
  if (!existsSync(cacheFile)) spawnSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'inherit' })
}, 120_000)

const run = (argv: string[], cache: boolean) =>
  spawnSync(process.execPath, [cli, ...argv], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...(cache ? {} : { OUTFIT_HELP_CACHE: '0' }) },
  })

describe('recorded help', () => {
  it('prints, for the overview and every command, the same text and exit code as the loaded CLI', () => {
    const texts = (JSON.parse(readFileSync(cacheFile, 'utf8')) as { texts: Record<string, string> }).texts
    expect(Object.keys(texts)).toContain('install')
    for (const command of Object.keys(texts)) {
      for (const flag of ['--help', '-h']) {
        const argv = command === '' ? [flag] : [command, flag]
        const fast = run(argv, true)
        const loaded = run(argv, false)
        expect({ out: fast.stdout, err: fast.stderr, code: fast.status }).toEqual({
          out: loaded.stdout,
          err: loaded.stderr,
          code: loaded.status,
        })
      }
    }
  }, 120_000)
})

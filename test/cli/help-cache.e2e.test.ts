// The help texts the build records (src/cli/help-cache.ts) are exactly what the CLI prints when it is loaded.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { builtCli } from '../helpers/built-cli.js'
import { repoRoot } from '../integration/sandbox.js'

const cli = builtCli
const cacheFile = join(repoRoot, 'dist/cli/help.json')

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

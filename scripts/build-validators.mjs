// Part of `npm run build`, after the bundle: the record of the built-in targets checked at build time, and the help
// texts of the built CLI. (The precompiled validators are written by scripts/bundle-cli.mjs, which bundles them.)
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

// Every built-in target that loads cleanly, by the hash of its text (see src/load/prevalidated.ts).
const { loadTarget } = await import('../dist/load/load-target.js')
const { prevalidatedFile, recordEntry, recordText, textHash } = await import('../dist/load/prevalidated.js')
const { builtinTargetsDir } = await import('../dist/package-root.js')
const { realFs } = await import('../dist/fs/fs.js')
const { readdirSync } = await import('node:fs')
const { rmSync } = await import('node:fs')
rmSync(prevalidatedFile, { force: true }) // never answer from the previous build's record
const record = {}
for (const name of readdirSync(builtinTargetsDir)
  .filter((n) => /\.ya?ml$/.test(n))
  .sort()) {
  const file = join(builtinTargetsDir, name)
  const result = await loadTarget(realFs, file)
  if (!result.ok) continue // a broken target is reported at run time, by the full pipeline
  record[textHash(readFileSync(file))] = recordEntry(result.value.spec, result.warnings)
}
writeFileSync(prevalidatedFile, recordText(record))

// The help texts (see src/cli/help-cache.ts), from the real help of the built CLI.
const { helpCacheFile, builtinTargetFiles } = await import('../dist/cli/help-cache.js')
const { version } = await import('../dist/version.js')
const { spawnSync } = await import('node:child_process')
rmSync(helpCacheFile, { force: true })
const helpOf = (argv) => {
  const run = spawnSync(
    process.execPath,
    [join(import.meta.dirname, '../dist/cli/run.cjs'), ...argv, '--help'],
    { encoding: 'utf8', env: { ...process.env, OUTFIT_HELP_CACHE: '0', NO_COLOR: '1' } },
  )
  if (run.status !== 0 || run.stderr !== '')
    throw new Error(`outfit ${argv.join(' ')} --help failed: ${run.stderr}`)
  return run.stdout
}
const overview = helpOf([])
const commands = [...overview.matchAll(/^ {2}\$ outfit (\S+) --help$/gm)].map((m) => m[1])
const texts = { '': overview }
for (const command of commands) texts[command] = helpOf([command])
writeFileSync(helpCacheFile, `${JSON.stringify({ version, tools: builtinTargetFiles(), texts })}\n`)

// The inputs of `npm run build`, as one hash: the build's last step records it in dist/.build-inputs, and the
// end-to-end tests (test/e2e/global-setup.ts) compare it with the checkout before they spawn dist/, so they never
// test a stale build. Run as a script, it writes the record (with --clear, the build's first step, it removes it, so
// that a build failing half-way leaves no record); imported, it answers whether dist/ is fresh.
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'

const root = join(import.meta.dirname, '..')
export const stampFile = join(root, 'dist/.build-inputs')

// Everything the build reads: the sources tsc and esbuild compile, the scripts that bundle and precompile, the
// schemas and targets compiled into validators and the prevalidated record (targets expand the presets), and the
// dependencies bundled in.
const inputs = [
  'src',
  'scripts',
  'schemas',
  'targets',
  'presets',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.build.json',
]

function files(path) {
  const full = join(root, path)
  if (!existsSync(full)) return []
  try {
    return readdirSync(full, { withFileTypes: true })
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .flatMap((e) => (e.isDirectory() ? files(join(path, e.name)) : e.isFile() ? [join(path, e.name)] : []))
  } catch (error) {
    if (error.code === 'ENOTDIR') return [path]
    throw error
  }
}

/** The hash of every build input's path and content, as the checkout has them now. */
export function inputsHash() {
  const hash = createHash('sha256')
  for (const file of inputs.flatMap(files)) {
    hash.update(`${relative(root, join(root, file))}\0`)
    hash.update(readFileSync(join(root, file)))
    hash.update('\0')
  }
  return hash.digest('hex')
}

/** True when dist/ was built from exactly the inputs the checkout has now. */
export function distIsFresh() {
  return existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === inputsHash()
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv[2] === '--clear') rmSync(stampFile, { force: true })
  else writeFileSync(stampFile, `${inputsHash()}\n`)
}

// Part of `npm run build`: bundles the CLI (src/cli/run.ts and everything it imports, dependencies included) into
// dist/cli/run.js plus chunks, replacing the one-module-per-file output of tsc for the `outfit` bin. Node 20 loads ES
// modules one file at a time through an asynchronous loader; ~150 files (outfit's and its dependencies') cost about
// 100 ms before `outfit list` did anything. The library entry (dist/index.js) stays tsc's output, for its types and
// for callers who bundle it themselves.
//
// What stays outside the bundle, and why:
// - ajv: loaded through createRequire only when a schema must be compiled at run time (src/schema/precompile.ts),
//   and the prebuilt validators require its runtime helpers from node_modules.
// - pacote, @npmcli/git, tar: fetching kit sources (network-bound, loaded on demand); large CommonJS trees with
//   optional native and worker pieces that are not worth re-bundling.
import { build } from 'esbuild'
import { rmSync } from 'node:fs'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')
const outdir = join(root, 'dist/cli')
rmSync(join(outdir, 'chunks'), { recursive: true, force: true })

await build({
  absWorkingDir: root,
  entryPoints: { run: 'src/cli/run.ts' },
  outdir,
  bundle: true,
  // Dynamic imports (prompts, diff, the help cache, the CLI itself after --version/--help) stay separate chunks, so
  // what a command does not use is not even read.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  // ES module builds first: jsonc-parser's CommonJS entry is a UMD wrapper whose require() calls a bundler cannot follow.
  mainFields: ['module', 'main'],
  external: ['ajv', 'ajv/*', 'pacote', '@npmcli/git', 'tar'],
  // Bundled CommonJS dependencies call require() for Node's built-ins; ES modules have none, so give them one.
  banner: { js: "import { createRequire as __outfitCreateRequire } from 'node:module'; const require = __outfitCreateRequire(import.meta.url);" },
  sourcemap: 'linked',
  legalComments: 'linked',
  logLevel: 'warning',
})

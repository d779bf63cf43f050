// Part of `npm run build`: bundles the CLI (src/cli/bundle-entry.ts and everything it imports, dependencies included)
// into one CommonJS file, dist/cli/outfit.cjs, that the bin (dist/cli/run.cjs, bundled below) loads with V8's code cache
// (src/cli/compile-cache.ts). Node 20 loads ES modules one file at a time through an asynchronous loader: ~150 files
// (outfit's and its dependencies') cost about 100 ms before `outfit list` did anything, and compiling them again at
// every start another 30–40 ms. The library entry (dist/index.js) stays tsc's output, for its types and for callers
// who bundle it themselves; so does the bin, which answers --version and --help before loading any of this.
//
// What stays outside the bundle, and why:
// - ajv: loaded through createRequire only when a schema must be compiled at run time (src/schema/precompile.ts),
//   and the prebuilt validators (bundled) require its runtime helpers from node_modules.
// - pacote, @npmcli/git, tar: fetching kit sources (network-bound, loaded on demand); large CommonJS trees with
//   optional native and worker pieces that are not worth re-bundling.
import { build } from 'esbuild'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')

// dist/schema/validators/<schema>.cjs, the precompiled ajv validator of each schema (see src/schema/precompile.ts),
// from the schemas as they are; never committed. Written first, so that the bundle below carries them.
const { VALIDATED_SCHEMAS, standaloneValidator, validatorsDir } = await import('../dist/schema/precompile.js')
const { schemasDir } = await import('../dist/package-root.js')
mkdirSync(validatorsDir, { recursive: true })
const validatorFiles = VALIDATED_SCHEMAS.map((schema) => {
  const file = join(validatorsDir, schema.replace(/\.json$/, '.cjs'))
  writeFileSync(file, standaloneValidator(readFileSync(join(schemasDir, schema), 'utf8')))
  return [schema, file]
})

// src/schema/bundled-validators.ts as the bundle has it: the validators above, each evaluated when first asked for,
// compiled with the bundle under its code cache. Their require()s of ajv's runtime helpers stay outside (ajv/*). Not
// the target and preset schemas': only a user's own target needs them (the built-in ones come checked, see
// src/load/prevalidated.ts), and the target validator alone (330 kB) would make every start read and hash 35 % more.
const UNBUNDLED = new Set(['target.schema.json', 'preset.schema.json'])
const bundledValidators = {
  name: 'bundled-validators',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]schema[\\/]bundled-validators\.ts$/ }, () => ({
      loader: 'js',
      resolveDir: root,
      contents: `export const bundledValidators = {\n${validatorFiles
        .filter(([schema]) => !UNBUNDLED.has(schema))
        .map(([schema, file]) => `  ${JSON.stringify(schema)}: () => require(${JSON.stringify(file)}),`)
        .join('\n')}\n}\n`,
    }))
  },
}

await build({
  absWorkingDir: root,
  entryPoints: ['src/cli/bundle-entry.ts'],
  outfile: join(root, 'dist/cli/outfit.cjs'),
  plugins: [bundledValidators],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20.19',
  // ES module builds first: jsonc-parser's CommonJS entry is a UMD wrapper whose require() calls a bundler cannot follow.
  mainFields: ['module', 'main'],
  external: ['ajv', 'ajv/*', 'pacote', '@npmcli/git', 'tar', 'chokidar'],
  // import() of what stays outside becomes require(): the bundle runs as a vm script, which has no ES module loader.
  supported: { 'dynamic-import': false },
  // Modules that find files next to themselves (src/package-root.ts, src/schema/precompile.ts) get the bundle's URL.
  define: { 'import.meta.url': '__outfitBundleUrl' },
  banner: { js: "const __outfitBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  // Whitespace and comments out, names kept (stack traces of unexpected errors still read): a smaller file to read,
  // hash and compile at every start. Every byte ASCII, so the loader decodes it as a one-byte string (compile-cache.ts).
  minifyWhitespace: true,
  minifySyntax: true,
  charset: 'ascii',
  sourcemap: 'linked',
  legalComments: 'linked',
  logLevel: 'warning',
})

// The bin: src/cli/run.ts with what it needs before the bundle above is loaded (the code cache, the recorded help,
// the version), as one small CommonJS file. Node 20 starts a CommonJS entry without its ES module loader, ~15–20 ms of
// CPU less at every command. Only the fallback to tsc's modules (no outfit.cjs beside it) stays an import().
await build({
  absWorkingDir: root,
  entryPoints: ['src/cli/run.ts'],
  outfile: join(root, 'dist/cli/run.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20.19',
  external: ['./bundle-entry.js'],
  define: { 'import.meta.url': '__outfitBinUrl' },
  banner: { js: "const __outfitBinUrl = require('node:url').pathToFileURL(__filename).href;" },
  minifyWhitespace: true,
  charset: 'ascii',
  logLevel: 'warning',
})

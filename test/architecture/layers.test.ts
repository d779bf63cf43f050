// The modules of src/ form layers, and no module imports one above its own: each layer can be read, tested and
// changed knowing only those below it. Read from the sources themselves (type-only and dynamic imports included), so
// an upward import fails here before review. Modules of one layer may import each other (the cycle test guards those).
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const SRC = resolve('src')

/**
 * Every folder (and top-level module) of src/, top layer first. One line of why per entry: what it is, and what
 * it needs from below.
 */
const LAYERS: readonly (readonly string[])[] = [
  [
    'cli', // the command line: parses flags, calls one use case, renders; nothing imports it
    'index.ts', // the library's public face, beside the CLI: the same use cases for programs
  ],
  [
    'report', // renders use-case results for people and for --json; reads their result types
  ],
  [
    'api', // the use cases (install, update, uninstall, status, forget, init, ...): compose everything below
    'plan', // the dry-run use case: install on an overlay fs, then diffs (a use case built on api/install)
    'pack', // plugin packages: each vendor target's plugin scope run on plan's overlay, the Agent Plugin, marketplaces
    'docs', // the README's target table, a use case of the build (npm run gen:readme)
  ],
  [
    'sources', // fetches kits (git, npm, folders) as the lock pins them
    'lock', // the lock file: which kit versions a project installs
    'registry', // MCP servers by registry name: the registry's API, server.json → kit server, versions and pins
    'trust', // which kits may run commands on this machine: asked once, recorded signed in the state home
    'audit', // a kit's text scanned for hidden characters and commands that run fetched code, as findings
    'adopt', // reads a tool's existing files back into a kit through the targets' declarations (load, formats)
    'config', // outfit.yaml: the project's kits and tools, read like a target
    'plugins', // a plugin (Agent Plugin, Claude, Gemini, Cursor, Codex) read as a kit through the targets' declarations
    'kit', // loads and checks a kit (files, frontmatter, skills, secrets) before anything is installed
    'load', // loads and checks target YAML (against the action registry) into specs
    'schema', // validates YAML against the JSON Schemas with positions; shares load's YAML readers
    'init', // skeletons of a new kit or target for api/init
  ],
  [
    'run', // runs every tool's pipeline concurrently (fast path, uninstall, fail-fast rollback)
  ],
  [
    'pipeline', // one tool's steps from its spec: conditions, run, undo stack, what the tool cannot take
  ],
  [
    'actions', // the steps' actions and their inverses, the context they get and the state one run shares
  ],
  [
    'transforms', // turns kit content into a tool's form (Markdown frontmatter, selection, renames)
    'vars', // the {{variables}} of targets and the platform they run on
  ],
  [
    'safety', // guards a run: the scope lock, the crash journal and recovery, a fs confined to the run's areas
  ],
  [
    'state', // outfit's records in a scope: manifests, backups, the key that seals them, the way out of each refusal
  ],
  [
    'fs', // the file system port and its safe operations (atomic writes, containment, bounded reads, path locks)
    'formats', // edits of JSON, YAML, TOML-ish blocks and marked blocks that keep every byte they do not own
  ],
  [
    'generated', // types generated from the JSON Schemas (npm run gen:types)
    'types.ts', // the data model every layer shares (Kit, Change, ToolResult, ...)
    'errors.ts', // the error classes every layer throws, with the hint a person needs
    'did-you-mean.ts', // a suggestion for a mistyped name
    'glob.ts', // glob matchers compiled once per pattern list (picomatch), for every layer
    'package-root.ts', // where outfit's own files (targets, schemas) are
    'version.ts', // outfit's version
  ],
]

/**
 * Upward imports that are another engineer's to remove (src/cli and src/api are being turned into a command table
 * over use cases): each as `from -> to`. None today; an entry here must name what takes it out.
 */
const KNOWN: readonly string[] = []

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  )
}

/** Every relative import of every module of src/, as paths relative to src/. */
function imports(): { from: string; to: string }[] {
  return sources(SRC).flatMap((file) =>
    importsIn(readFileSync(file, 'utf8')).map((spec) => ({
      from: relative(SRC, file),
      to: relative(SRC, resolve(dirname(file), spec.replace(/\.js$/, '.ts'))),
    })),
  )
}

/** The relative modules a source imports: static (type-only too), `export ... from`, side-effect and dynamic. */
function importsIn(text: string): string[] {
  return [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^\s*import\s+)'(\.{1,2}\/[^']+)'/gm)].map(
    (m) => m[1] as string,
  )
}

/** A module's layer: its top folder's (or, at the top of src/, its own) index in LAYERS. */
function layerOf(module: string, layers: readonly (readonly string[])[]): number {
  const name = module.split('/')[0] as string
  const index = layers.findIndex((layer) => layer.includes(name))
  if (index < 0) throw new Error(`src/${module}: ${name} has no layer; add it to LAYERS with one line of why`)
  return index
}

/** Each import of a module from a higher layer, as `from -> to`. */
function upward(edges: { from: string; to: string }[], layers: readonly (readonly string[])[]): string[] {
  return edges
    .filter((e) => layerOf(e.to, layers) < layerOf(e.from, layers))
    .map((e) => `${e.from} -> ${e.to}`)
    .sort()
}

describe('the layers of src/', () => {
  it('finds an upward import when there is one (the check itself works)', () => {
    const layers = [['api'], ['actions'], ['fs']]
    const edges = [
      { from: 'api/install.ts', to: 'actions/index.ts' },
      { from: 'actions/copy.ts', to: 'fs/fs.ts' },
      { from: 'fs/fs.ts', to: 'actions/types.ts' },
      { from: 'actions/copy.ts', to: 'actions/types.ts' },
    ]
    expect(upward(edges, layers)).toEqual(['fs/fs.ts -> actions/types.ts'])
    expect(() => layerOf('nowhere/x.ts', layers)).toThrow(/nowhere has no layer/)
  })

  it('reads every kind of relative import, and nothing else', () => {
    const text = [
      "import { a } from './a.js'",
      "import type { B } from '../b/b.js'",
      "import {\n  c,\n  d,\n} from './cd.js'",
      "export { e } from './e.js'",
      "export type { F } from './f.js'",
      "import './side-effect.js'",
      "const g = await import('../g.js')",
      "import picomatch from 'picomatch'",
      "import { join } from 'node:path'",
      "// the word import in a comment from 'nowhere'",
    ].join('\n')
    expect(importsIn(text)).toEqual([
      './a.js',
      '../b/b.js',
      './cd.js',
      './e.js',
      './f.js',
      './side-effect.js',
      '../g.js',
    ])
  })

  it('places every folder of src/ in exactly one layer', () => {
    const names = readdirSync(SRC).filter((n) => n.endsWith('.ts') || !n.includes('.'))
    const placed = LAYERS.flat()
    expect([...placed].sort()).toEqual([...names].sort())
    expect(new Set(placed).size).toBe(placed.length)
  })

  it('is the layer table of ARCHITECTURE.md: every folder named there once, top layer first', () => {
    const doc = readFileSync(resolve('ARCHITECTURE.md'), 'utf8')
    const table = doc.slice(doc.indexOf('| layer | folder | job |'))
    const rows = table.slice(0, table.indexOf('\n\n')).split('\n').slice(2)
    // The folder column's names, in the table's order (a row may name several: `generated`, `types.ts`, ...).
    const named = rows.flatMap((row) =>
      [...(row.split('|')[2] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1] as string),
    )
    const folders = LAYERS.flat().filter((n) => !n.includes('.'))
    expect([...named.filter((n) => !n.includes('.'))].sort()).toEqual([...folders].sort())
    const order = named.map((n) => layerOf(n, LAYERS))
    expect(order).toEqual([...order].sort((a, b) => a - b))
  })

  it('has no module importing a higher layer, but the known ones', () => {
    expect(upward(imports(), LAYERS)).toEqual(KNOWN)
  })
})

// Real temp directories for integration tests: a home, a project and a writable copy of the starter kit.
import { requireKit } from '../../src/kit/load-kit.js'
import { createHash } from 'node:crypto'
import { cp, lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach } from 'vitest'
import { installTools as install, uninstallTools as uninstall } from '../../src/run/run-tools.js'
import { requireTargets } from '../../src/api/targets.js'
import { realFs } from '../../src/fs/fs.js'
import type { GitIgnoreMode } from '../../src/run/git-ignore.js'
import type { GitIgnoreQuestion } from '../../src/run/git-ignore-choice.js'
import type { LoadedTarget, RunReport } from '../../src/types.js'

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url))

export interface Sandbox {
  root: string
  home: string
  project: string
  /** What the file system's root stands for in the system scope (`--root`): a folder with an empty /etc. */
  sysroot: string
  kit: string
  /** outfit's state home for this sandbox (outside home and project, with a fixed key so block tags are stable). */
  state: string
  write(path: string, content: string): Promise<void>
  read(path: string): Promise<string>
  tree(): Promise<Record<string, string>>
  install(tools: string[], options?: RunOptions): Promise<RunReport>
  uninstall(tools: string[], options?: RunOptions): Promise<RunReport>
  cleanup(): Promise<void>
}

interface RunOptions {
  scope?: string
  force?: boolean
  /** How many tools run at once (default: all of them, as the CLI does). */
  concurrency?: number
  targetDirs?: string[]
  env?: Record<string, string>
  gitignore?: GitIgnoreMode
  askGitignore?: GitIgnoreQuestion
}

// The built-in targets, loaded once per worker: loading all of them (YAML, schema, rules) is ~50 ms, which every
// install and uninstall of every sandbox paid again, for the same files. Frozen, so a run that changed one would fail.
let builtin: Promise<LoadedTarget[]> | undefined
export const builtinTargets = (): Promise<LoadedTarget[]> =>
  (builtin ??= requireTargets({ fs: realFs }).then(deepFreeze))

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const v of Object.values(value)) deepFreeze(v)
  }
  return value
}

export async function createSandbox(): Promise<Sandbox> {
  const root = await mkdtemp(join(tmpdir(), 'outfit-it-'))
  const home = join(root, 'home')
  const project = join(root, 'project')
  const kit = join(root, 'kit')
  const sysroot = join(root, 'system')
  // Like a real system: /etc exists (the system scope's tool folders go in it, and it stays on uninstall).
  await mkdir(join(sysroot, 'etc'), { recursive: true })
  // Like a real home: the XDG state folder exists, so outfit's state (skipped in trees) leaves no new folders.
  await mkdir(join(home, '.local', 'state'), { recursive: true })
  await mkdir(project, { recursive: true })
  const state = join(root, 'state')
  await mkdir(state, { mode: 0o700 })
  await writeFile(join(state, 'key'), `${'5a'.repeat(32)}\n`, { mode: 0o600 })
  await cp(join(repoRoot, 'examples/starter-kit'), kit, { recursive: true })
  const run = async (command: 'install' | 'uninstall', tools: string[], options: RunOptions = {}) => {
    const all = options.targetDirs?.length
      ? await requireTargets({ fs: realFs, targetDirs: options.targetDirs })
      : await builtinTargets()
    const targets = all.filter((t) => tools.includes(t.spec.id))
    // The environment is the test's, not the machine's: warnings about unset ${VAR}s do not depend on who runs the tests.
    const request = {
      fs: realFs,
      targets,
      scope: options.scope ?? 'global',
      home,
      project,
      sysroot,
      stateHome: state,
      force: options.force ?? false,
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      env: options.env ?? {},
      ...(options.gitignore ? { gitignore: options.gitignore } : {}),
      ...(options.askGitignore ? { askGitignore: options.askGitignore } : {}),
    }
    return command === 'install'
      ? install({ ...request, kit: await requireKit(request.fs, kit) })
      : uninstall(request)
  }
  return {
    root,
    home,
    project,
    sysroot,
    kit,
    state,
    async write(path, content) {
      await mkdir(dirname(join(root, path)), { recursive: true })
      await writeFile(join(root, path), content)
    },
    read: (path) => readFile(join(root, path), 'utf8'),
    tree: () => snapshotTree(join(root), [home, project, sysroot]),
    install: (tools, options) => run('install', tools, options),
    uninstall: (tools, options) => run('uninstall', tools, options),
    cleanup: () => rm(root, { recursive: true, force: true }),
  }
}

/**
 * A fresh sandbox for each test of the calling file, removed after it: the one preamble every real-disk test file
 * shares. The returned object stands for the current test's sandbox (a proxy), so tests write `sb.install(...)` as
 * before; `seed` prepares each new sandbox (user files that every test of the file starts from).
 */
export function useSandbox(seed?: (sb: Sandbox) => Promise<void>): Sandbox {
  let current: Sandbox | undefined
  beforeEach(async () => {
    current = await createSandbox()
    await seed?.(current)
  })
  afterEach(async () => {
    await current?.cleanup()
    current = undefined
  })
  return new Proxy({} as Sandbox, {
    get(_, key) {
      if (!current) throw new Error('the sandbox exists only inside a test (useSandbox creates one per test)')
      return current[key as keyof Sandbox]
    },
  })
}

/** path → content hash (or 'dir', or '-> target') for everything under the given directories. */
export async function snapshotTree(base: string, dirs: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  const walk = async (dir: string): Promise<void> => {
    for (const name of (await readdir(dir)).sort()) {
      const full = join(dir, name)
      // outfit's own state (the CLI keeps it in <home>/.local/state/outfit with --home) is not the user's tree.
      if (full.endsWith('/.local/state/outfit')) continue
      const st = await lstat(full)
      const key = relative(base, full)
      if (st.isSymbolicLink()) out[key] = `-> ${await readlink(full)}`
      else if (st.isDirectory()) {
        out[key] = 'dir'
        await walk(full)
      } else
        out[key] = `${createHash('sha256')
          .update(await readFile(full))
          .digest('hex')
          .slice(0, 16)} ${(st.mode & 0o777).toString(8)}`
    }
  }
  for (const d of dirs) await walk(d)
  return out
}

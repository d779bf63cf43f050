// The integration sandbox (test/integration/sandbox.ts) on memfs: the same home, project, state and starter kit, for
// tests of outfit's logic that need no real disk (no permissions, signals or processes), at a fraction of the cost.
import { requireKit } from '../../src/kit/load-kit.js'
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { installTools as install, uninstallTools as uninstall } from '../../src/run/run-tools.js'
import { requireTargets } from '../../src/api/targets.js'
import type { Fs } from '../../src/fs/fs.js'
import type { GuardOptions } from '../../src/safety/guard-run.js'
import type { RunReport } from '../../src/types.js'
import { beforeEach } from 'vitest'
import { builtinTargets, repoRoot } from '../integration/sandbox.js'
import { createTestFs } from './test-fs.js'

export interface MemSandbox {
  /** The sandbox's file system, to run outfit on (or to wrap, as fault injection does). */
  fs: Fs
  root: string
  home: string
  project: string
  kit: string
  state: string
  /** The system scope's root (`--root`), with `createMemSandbox({ system: true })`. */
  sysroot: string
  write(path: string, content: string): Promise<void>
  read(path: string): Promise<string>
  /**
   * path → content hash and mode (or 'dir', or '-> target') under home and project, as snapshotTree gives it; of the
   * sandbox's file system, or of another one laid out the same (the disk after a power cut).
   */
  tree(fs?: Fs): Promise<Record<string, string>>
  install(tools: string[], options?: RunOptions): Promise<RunReport>
  uninstall(tools: string[], options?: RunOptions): Promise<RunReport>
}

interface RunOptions {
  scope?: string
  /** Folders of user targets in the sandbox's file system, loaded beside the built-in ones. */
  targetDirs?: string[]
  fs?: Fs
  safety?: GuardOptions
}

// The starter kit, read from the disk once per worker.
let starterKit: Record<string, string> | undefined
function readStarterKit(): Record<string, string> {
  const base = join(repoRoot, 'examples/starter-kit')
  const out: Record<string, string> = {}
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name)
      if (statSync(full).isDirectory()) walk(full)
      else out[relative(base, full)] = readFileSync(full, 'utf8')
    }
  }
  walk(base)
  return out
}

/**
 * `system`: also a folder that stands for the file system's root in the system scope (`--root`), with an empty /etc as
 * on a real system; it is then part of the tree.
 */
export async function createMemSandbox(setup: { system?: boolean } = {}): Promise<MemSandbox> {
  const root = '/sandbox'
  const home = join(root, 'home')
  const sysroot = join(root, 'system')
  const project = join(root, 'project')
  const kit = join(root, 'kit')
  const state = join(root, 'state')
  starterKit ??= readStarterKit()
  const { fs } = createTestFs(
    Object.fromEntries(Object.entries(starterKit).map(([p, c]) => [join(kit, p), c])),
  )
  // As in the real sandbox: the XDG state folder exists, and outfit's state has a fixed key.
  await fs.mkdir(join(home, '.local', 'state'), { recursive: true })
  await fs.mkdir(project, { recursive: true })
  if (setup.system) await fs.mkdir(join(sysroot, 'etc'), { recursive: true })
  await fs.mkdir(state, { mode: 0o700 })
  await fs.writeFile(join(state, 'key'), `${'5a'.repeat(32)}\n`, { mode: 0o600 })
  const run = async (command: 'install' | 'uninstall', tools: string[], options: RunOptions) => {
    const all = [
      ...(await builtinTargets()),
      ...(options.targetDirs?.length
        ? await requireTargets({ fs, targetDirs: options.targetDirs, builtin: false })
        : []),
    ]
    const targets = all.filter((t) => tools.includes(t.spec.id))
    const request = {
      fs: options.fs ?? fs,
      targets,
      scope: options.scope ?? 'global',
      home,
      project,
      ...(setup.system ? { sysroot } : {}),
      stateHome: state,
      force: false,
      env: {},
      ...(options.safety ? { safety: options.safety } : {}),
    }
    return command === 'install'
      ? install({ ...request, kit: await requireKit(request.fs, kit) })
      : uninstall(request)
  }
  const tree = async (on: Fs = fs): Promise<Record<string, string>> => {
    const out: Record<string, string> = {}
    const walk = async (dir: string): Promise<void> => {
      for (const name of ((await on.readdir(dir)) as string[]).sort()) {
        const full = join(dir, name)
        if (full.endsWith('/.local/state/outfit')) continue
        const st = await on.lstat(full)
        const key = relative(root, full)
        if (st.isSymbolicLink()) out[key] = `-> ${String(await on.readlink(full))}`
        else if (st.isDirectory()) {
          out[key] = 'dir'
          await walk(full)
        } else
          out[key] = `${createHash('sha256')
            .update(await on.readFile(full))
            .digest('hex')
            .slice(0, 16)} ${(Number(st.mode) & 0o777).toString(8)}`
      }
    }
    for (const d of setup.system ? [home, project, sysroot] : [home, project]) await walk(d)
    return out
  }
  return {
    fs,
    root,
    home,
    project,
    kit,
    state,
    sysroot,
    async write(path, content) {
      await fs.mkdir(dirname(join(root, path)), { recursive: true })
      await fs.writeFile(join(root, path), content)
    },
    read: async (path) => String(await fs.readFile(join(root, path), 'utf8')),
    tree,
    install: (tools, options = {}) => run('install', tools, options),
    uninstall: (tools, options = {}) => run('uninstall', tools, options),
  }
}

/** A fresh memfs sandbox for every test of the file, like useSandbox's real one (a proxy to the current test's). */
export function useMemSandbox(): MemSandbox {
  let current: MemSandbox | undefined
  beforeEach(async () => {
    current = await createMemSandbox()
  })
  return new Proxy({} as MemSandbox, {
    get(_, key) {
      if (!current)
        throw new Error('the sandbox exists only inside a test (useMemSandbox creates one per test)')
      return current[key as keyof MemSandbox]
    },
  })
}

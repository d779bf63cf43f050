// The library's install() is `outfit install`: the same git kit (fetched, locked, trusted) installed once through
// the built library and once through the built CLI, into two sandboxes, leaves the same trees and the same outfit.lock.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { copyFile, mkdir, readFile, readdir } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { builtCli } from '../helpers/built-cli.js'
import { gitRepo } from '../helpers/kit-sources.js'
import { createSandbox, repoRoot, snapshotTree, type Sandbox } from '../integration/sandbox.js'

import type * as Outfit from '../../src/index.js'

type Library = typeof Outfit

const sandboxes: Sandbox[] = []
afterEach(async () => {
  for (const sb of sandboxes.splice(0)) await sb.cleanup()
})

/** The starter kit's files (skills, rules, agents, commands, MCP servers and hooks, which need trust). */
async function starterKit(): Promise<Record<string, string>> {
  const dir = join(repoRoot, 'examples/starter-kit')
  const files: Record<string, string> = {}
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name)
      files[relative(dir, path)] = await readFile(path, 'utf8')
    }
  return files
}

/**
 * A sandbox's home and project, outfit.lock in full. outfit's kit cache (in the home, under --home) is named by kit,
 * not compared byte for byte: git's own bookkeeping in a fetched clone has clock times in it.
 */
async function treeOf(sb: Sandbox): Promise<Record<string, string>> {
  const cache = join(sb.home, '.cache/outfit')
  const tree = Object.entries(await snapshotTree(sb.root, [sb.home, sb.project])).filter(
    ([path]) => !join(sb.root, path).startsWith(`${cache}/`),
  )
  return {
    ...Object.fromEntries(tree),
    'project/outfit.lock': await readFile(join(sb.project, 'outfit.lock'), 'utf8'),
    'cached kits': (await readdir(join(cache, 'kits'))).sort().join(', '),
  }
}

describe('the library install() and `outfit install`', () => {
  it('install the same git kit into the same trees, with the same outfit.lock', async () => {
    const [viaLibrary, viaCli] = [await createSandbox(), await createSandbox()]
    sandboxes.push(viaLibrary, viaCli)
    // Beside the first sandbox's home and project (outside both trees), so that its cleanup removes it.
    const repo = await gitRepo(join(viaLibrary.root, 'git'), [{ files: await starterKit(), tag: 'v1.0.0' }])
    // One user: the same state key, so the blocks outfit marks in shared files carry the same tag in both.
    for (const sb of [viaLibrary, viaCli]) {
      const stateHome = join(sb.home, '.local/state/outfit')
      await mkdir(stateHome, { mode: 0o700 })
      await copyFile(join(sb.state, 'key'), join(stateHome, 'key'))
    }
    // The same environment for both: no terminal (CI), no color, and the machine's PATH (git).
    const env = { ...process.env, CI: 'true', NO_COLOR: '1' }
    const kit = `${repo.url}#v1.0.0`

    const library = (await import(join(repoRoot, 'dist/index.js'))) as Library
    const viaLibraryInstall = (trust: boolean) =>
      library.install({
        fs: library.realFs,
        cwd: viaLibrary.project,
        env,
        home: viaLibrary.home,
        project: viaLibrary.project,
        scope: 'project',
        all: true,
        kit,
        trust,
      })
    const viaCliInstall = (...flags: string[]) =>
      spawnSync(
        process.execPath,
        [
          builtCli,
          'install',
          '--all',
          '--scope',
          'project',
          '--kit',
          kit,
          '--json',
          '--home',
          viaCli.home,
          '--project',
          viaCli.project,
          ...flags,
        ],
        { cwd: viaCli.project, encoding: 'utf8', env },
      )

    // The kit's hooks and MCP servers run commands: both refuse an untrusted source, and write no lock.
    await expect(viaLibraryInstall(false)).rejects.toMatchObject({ code: 'UNTRUSTED' })
    expect(viaCliInstall().status).toBe(6)
    for (const sb of [viaLibrary, viaCli]) expect(existsSync(join(sb.project, 'outfit.lock'))).toBe(false)

    const result = await viaLibraryInstall(true)
    const cli = viaCliInstall('--trust')
    expect(cli.status, cli.stderr).toBe(0)
    expect(library.succeeded(result.report)).toBe(true)
    expect(result.lock.saved).toBe(true)

    // Every tool ends the same way both times.
    const document = JSON.parse(cli.stdout) as { tools: { tool: string; status: string }[] }
    const outcome = (rows: { tool: string; status: string }[]) => rows.map((r) => `${r.tool}: ${r.status}`)
    expect(outcome(document.tools)).toEqual(outcome(result.report.results))
    expect(result.report.results.length).toBeGreaterThan(20)

    // The lock names the git commit the tag points at, once, in both.
    const [libraryTree, cliTree] = [await treeOf(viaLibrary), await treeOf(viaCli)]
    expect(libraryTree['project/outfit.lock']).toContain(repo.tags['v1.0.0'])
    expect(Object.keys(libraryTree).filter((p) => p.endsWith('SKILL.md')).length).toBeGreaterThan(5)
    expect(cliTree).toEqual(libraryTree)
  }, 120_000)
})

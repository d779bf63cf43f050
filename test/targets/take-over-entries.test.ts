// On memfs (it is logic), for every built-in target that keeps MCP servers or hooks in a JSON or YAML file: a project
// (or home) that already holds exactly the entries the kit would write — written by the user, not by outfit — is
// installed over without a byte changing, and uninstall leaves every one of those entries where it was.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Entries } from '../../src/generated/target.js'
import { createMemSandbox, type MemSandbox } from '../helpers/mem-sandbox.js'
import { builtinTargets } from '../integration/sandbox.js'

const targets = await builtinTargets()
// One scope per target (the project's where its merges apply there): the same steps, and the unit suite stays fast.
const cases = targets.flatMap((t) => {
  const scopes = Object.keys(t.spec.scopes)
    .filter((scope) => scope !== 'plugin')
    .sort((a, b) => Number(b === 'project') - Number(a === 'project'))
  const scope = scopes.find((sc) =>
    t.spec.steps.some((s) => {
      const run = s.run as { action?: string; with?: { entries?: Entries } }
      const when = s.when?.scope
      const here = when === undefined || when === sc || (Array.isArray(when) && when.includes(sc))
      return here && run.with?.entries && (run.action === 'json-merge' || run.action === 'yaml-merge')
    }),
  )
  return scope ? [{ id: t.spec.id, scope }] : []
})

/** A sandbox whose kit holds only the starter kit's servers and hooks. */
async function entriesOnly(): Promise<MemSandbox> {
  const sb = await createMemSandbox()
  for (const dir of ['agents', 'commands', 'skills', 'rules']) await removeTree(sb, join(sb.kit, dir))
  return sb
}

describe('a user who already has the kit’s entries', () => {
  it('covers the targets that merge entries into JSON or YAML', () => {
    expect(cases.length).toBeGreaterThan(15)
  })

  it.each(cases)(
    '$id ($scope): install writes nothing there, uninstall leaves them',
    async ({ id, scope }) => {
      // What outfit writes, found by installing into a first sandbox.
      const first = await entriesOnly()
      const report = await first.install([id], { scope })
      if (report.results[0]?.status === 'failed') return
      const files = await mergedFiles(first)
      expect(files.length).toBeGreaterThan(0)
      // The same files, as the user's own, in a second sandbox.
      const sb = await entriesOnly()
      for (const [path, text] of files) await sb.write(path, text)
      const before = await sb.tree()
      const again = await sb.install([id], { scope })
      expect(again.results.map((r) => r.failure?.error.message)).toEqual([undefined])
      for (const [path, text] of files) expect(await sb.read(path), path).toBe(text)
      await sb.uninstall([id], { scope })
      const after = await sb.tree()
      for (const [path] of files) expect(after[path], path).toBe(before[path])
    },
  )
})

// --- internal ---

/** The JSON/YAML files the tool's merge steps with entries wrote, relative to the sandbox root. */
async function mergedFiles(sb: MemSandbox): Promise<[string, string][]> {
  const tree = await sb.tree()
  const out: [string, string][] = []
  for (const path of Object.keys(tree)) {
    if (tree[path] === 'dir' || !/\.(json|jsonc|ya?ml)$/.test(path)) continue
    const text = await sb.read(path)
    if (/mcpServers|mcp_servers|context_servers|"mcp"|^mcp:|servers|extensions|hooks/m.test(text))
      out.push([path, text])
  }
  return out
}

async function removeTree(sb: MemSandbox, dir: string): Promise<void> {
  for (const name of (await sb.fs.readdir(dir)) as string[]) {
    const full = join(dir, name)
    if ((await sb.fs.lstat(full)).isDirectory()) await removeTree(sb, full)
    else await sb.fs.unlink(full)
  }
  await sb.fs.rmdir(dir)
}

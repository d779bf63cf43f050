// Golden files for every built-in target and scope: the starter kit installed into an empty home/project must give
// exactly the tree under test/golden/<target>.<scope>/. Regenerate after a deliberate change with
//   UPDATE_GOLDEN=1 npx vitest run test/targets/golden.test.ts
// and review the diff like code: it is what each tool will read.
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { requireTargets } from '../../src/api/targets.js'
import { realFs } from '../../src/fs/fs.js'
import { createSandbox, repoRoot } from '../integration/sandbox.js'
import { createMemSandbox } from '../helpers/mem-sandbox.js'
import type { Fs } from '../../src/fs/fs.js'

const update = process.env.UPDATE_GOLDEN === '1'
const goldenRoot = join(repoRoot, 'test/golden')
const targets = await requireTargets({ fs: realFs })
const cases = targets.flatMap((t) => Object.keys(t.spec.scopes).map((scope) => ({ id: t.spec.id, scope })))

describe.each(cases)('$id ($scope)', ({ id, scope }) => {
  // On memfs: the golden tree is what outfit writes, which does not depend on the disk (test/integration has the disk).
  it('installs the starter kit exactly as the golden tree, and uninstalls to nothing', async () => {
    const sb = await createMemSandbox({ system: true })
    const before = await sb.tree()
    const report = await sb.install([id], { scope })
    expect(report.results.map((r) => [r.status, r.failure?.error.message])).toEqual([
      ['installed', undefined],
    ])
    const actual = await readTree(
      sb.root,
      [sb.home, sb.project, sb.sysroot],
      (text) => text.split(sb.root).join('<sandbox>'),
      sb.fs,
    )
    const dir = join(goldenRoot, `${id}.${scope}`)
    if (update) await writeTree(dir, actual)
    expect(actual).toEqual(await readTree(dir, [dir]))
    await sb.uninstall([id], { scope })
    expect(await sb.tree()).toEqual(before)
  })
})

// A kit whose items pick their tools and carry per-tool overrides (test/fixtures/per-item-kit), installed into the main
// tools together: each gets only its items, overrides set last, no `outfit:` block anywhere; test/golden/per-item/.
const PER_ITEM_TOOLS = ['claude-code', 'codex', 'copilot', 'cursor', 'gemini-cli', 'opencode', 'windsurf']

describe('per-item tools and overrides (project)', () => {
  it('installs the per-item kit exactly as the golden tree, and uninstalls to nothing', async () => {
    const sb = await createSandbox()
    try {
      await rm(sb.kit, { recursive: true, force: true })
      await cp(join(repoRoot, 'test/fixtures/per-item-kit'), sb.kit, { recursive: true })
      const before = await sb.tree()
      // Together, as the CLI runs them: Claude Code and Copilot each add their own server to the one project
      // .mcp.json, in whichever order they get there; the servers go in kit order all the same (siblingAfter).
      const report = await sb.install(PER_ITEM_TOOLS, { scope: 'project' })
      expect(report.results.map((r) => [r.tool, r.status, r.failure?.error.message])).toEqual(
        PER_ITEM_TOOLS.map((id) => [id, 'installed', undefined]),
      )
      const actual = await readTree(sb.root, [sb.home, sb.project], (text) =>
        text.split(sb.root).join('<sandbox>'),
      )
      const dir = join(goldenRoot, 'per-item', 'project')
      if (update) await writeTree(dir, actual)
      expect(actual).toEqual(await readTree(dir, [dir]))
      await sb.uninstall(PER_ITEM_TOOLS, { scope: 'project' })
      expect(await sb.tree()).toEqual(before)
    } finally {
      await sb.cleanup()
    }
  })
})

// --- internal ---

/** relative path → text, skipping outfit's own state (manifests hold hashes and timestamps). */
async function readTree(
  base: string,
  dirs: string[],
  normalize: (s: string) => string = (s) => s,
  fs: Pick<Fs, 'readdir' | 'readFile'> = { readdir, readFile } as unknown as Fs,
): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  const walk = async (dir: string): Promise<void> => {
    let entries
    try {
      entries = (await fs.readdir(dir, { withFileTypes: true })) as unknown as {
        name: string
        isDirectory(): boolean
      }[]
    } catch {
      return
    }
    for (const entry of entries) {
      const full = join(dir, entry.name)
      if (entry.name === '.outfit') continue
      if (entry.isDirectory()) await walk(full)
      else out[full.slice(base.length + 1)] = normalize(String(await fs.readFile(full, 'utf8')))
    }
  }
  for (const d of dirs) await walk(d)
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)))
}

async function writeTree(dir: string, files: Record<string, string>): Promise<void> {
  await rm(dir, { recursive: true, force: true })
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true })
    await writeFile(join(dir, path), text)
  }
}

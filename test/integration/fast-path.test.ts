// The no-change re-install (src/run/fast-path.ts): skipped only when the inputs and every installed path are as the
// last clean install left them; any edit, kit change or unclean run means the full install runs again.
import { readdir, readFile, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useSandbox, type Sandbox } from './sandbox.js'

const sb = useSandbox()

const tools = ['claude-code', 'codex', 'opencode']
const stepsRan = (report: Awaited<ReturnType<Sandbox['install']>>) =>
  report.results.map((r) => (r.log.some((e) => /^up to date: the kit/.test(e.text)) ? 'skipped' : 'ran'))

describe('fast path', () => {
  it('skips tools whose install is unchanged, and takes the full path after any change', async () => {
    await sb.install(tools)
    const again = await sb.install(tools)
    expect(again.results.map((r) => r.status)).toEqual(['unchanged', 'unchanged', 'unchanged'])
    expect(stepsRan(again)).toEqual(['skipped', 'skipped', 'skipped'])

    // An edit that keeps the size and the modification time is still seen (change time, which no one can set back).
    const agent = join(sb.home, '.claude/agents', (await readdir(join(sb.home, '.claude/agents')))[0] ?? '')
    const before = await readFile(agent, 'utf8')
    const edited = before.replace(/e/, 'E')
    const { mtime } = await import('node:fs').then((fs) => fs.statSync(agent))
    await writeFile(agent, edited)
    await utimes(agent, mtime, mtime)
    const conflict = await sb.install(tools)
    expect(conflict.results.find((r) => r.tool === 'claude-code')?.status).toBe('failed')
    await writeFile(agent, before)

    // A kit edit changes the inputs: every tool runs.
    const kitFile = join(sb.kit, 'agents', (await readdir(join(sb.kit, 'agents')))[0] ?? '')
    await writeFile(kitFile, `${await readFile(kitFile, 'utf8')}\nOne more line.\n`)
    const changed = await sb.install(tools)
    expect(stepsRan(changed)).toEqual(['ran', 'ran', 'ran'])
    expect(changed.results.find((r) => r.tool === 'claude-code')?.status).toBe('installed')
    expect(stepsRan(await sb.install(tools))).toEqual(['skipped', 'skipped', 'skipped'])
    // --force runs every tool again, and a forced install that ends cleanly is stamped too.
    expect(stepsRan(await sb.install(tools, { force: true }))).toEqual(['ran', 'ran', 'ran'])
    expect(stepsRan(await sb.install(tools))).toEqual(['skipped', 'skipped', 'skipped'])
  })

  it('status: a file that stats as stamped is in sync; any edit, even one keeping size and mtime, is drift, stamp or not', async () => {
    const { toolStatus: status } = await import('../../src/api/status.js')
    const { requireTargets } = await import('../../src/api/targets.js')
    const { realFs } = await import('../../src/fs/fs.js')
    const { rm, stat } = await import('node:fs/promises')
    const targets = (await requireTargets({ fs: realFs })).filter((t) => tools.includes(t.spec.id))
    const drift = async () =>
      (
        await status({
          fs: realFs,
          targets,
          scope: 'global',
          home: sb.home,
          project: sb.project,
          stateHome: sb.state,
        })
      ).flatMap((r) => r.drift.map((d) => `${r.tool} ${d.problem} ${d.path}`))
    await sb.install(tools)
    expect(await drift()).toEqual([])

    const agent = join(sb.home, '.claude/agents', (await readdir(join(sb.home, '.claude/agents')))[0] ?? '')
    const before = await readFile(agent, 'utf8')
    const { mtime, size } = await stat(agent)
    await writeFile(agent, before.replace(/e/, 'E'))
    await utimes(agent, mtime, mtime)
    expect((await stat(agent)).size).toBe(size)
    expect(await drift()).toEqual([`claude-code changed ${agent}`])
    // The same without any stamp: every file is read and hashed.
    const stamps = (await readdir(sb.state, { recursive: true })).filter((p) =>
      /stamps\/[^/]+\.json$/.test(p),
    )
    expect(stamps.length).toBe(tools.length)
    for (const p of stamps) await rm(join(sb.state, p))
    expect(await drift()).toEqual([`claude-code changed ${agent}`])
    // Put back byte for byte: in sync again; deleted: missing.
    await writeFile(agent, before)
    expect(await drift()).toEqual([])
    await rm(agent)
    expect(await drift()).toEqual([`claude-code missing ${agent}`])
  })

  it('status reads no manifest while every stamp vouches, and detection learns from stamps what manifests say', async () => {
    const { toolStatus: status } = await import('../../src/api/status.js')
    const { createdByOutfit } = await import('../../src/api/detect.js')
    const { requireTargets } = await import('../../src/api/targets.js')
    const { realFs } = await import('../../src/fs/fs.js')
    const { rm } = await import('node:fs/promises')
    const targets = (await requireTargets({ fs: realFs })).filter((t) => tools.includes(t.spec.id))
    const read: string[] = []
    const counting = {
      ...realFs,
      readFile: ((path: string, ...rest: unknown[]) => {
        read.push(path)
        return (realFs.readFile as (...a: unknown[]) => Promise<unknown>)(path, ...rest)
      }) as typeof realFs.readFile,
    }
    const run = () =>
      status({
        fs: counting,
        targets,
        scope: 'global',
        home: sb.home,
        project: sb.project,
        stateHome: sb.state,
      })
    const manifestsRead = () => read.filter((p) => /manifests\/[^/]+\.json$/.test(p))
    await sb.install(tools)
    const vars = { home: sb.home, project: sb.project, stateHome: sb.state }
    const fromStamps = await createdByOutfit(counting, vars)
    const rows = await run()
    expect(rows.map((r) => [r.tool, r.installed?.kit, r.drift])).toEqual(
      tools.map((t) => [t, 'starter-kit', []]).sort(),
    )
    expect(manifestsRead()).toEqual([])

    // Without stamps the manifests are read, and say the same.
    const stamps = (await readdir(sb.state, { recursive: true })).filter((p) =>
      /stamps\/[^/]+\.json$/.test(p),
    )
    for (const p of stamps) await rm(join(sb.state, p))
    const fromManifests = await createdByOutfit(counting, vars)
    expect(manifestsRead().length).toBe(tools.length)
    expect([...fromStamps].sort()).toEqual([...fromManifests].sort())
    expect(fromStamps.size).toBeGreaterThan(tools.length)
    expect((await run()).map((r) => [r.tool, r.installed, r.drift])).toEqual(
      rows.map((r) => [r.tool, r.installed, r.drift]),
    )
  })

  it('plan reports a tool install would skip as up to date without reading its files, and plans any edit', async () => {
    const { plan } = await import('../../src/plan/plan.js')
    const { requireKit } = await import('../../src/kit/load-kit.js')
    const { builtinTargets } = await import('./sandbox.js')
    const { realFs } = await import('../../src/fs/fs.js')
    const read: string[] = []
    const counting = {
      ...realFs,
      readFile: ((path: string, ...rest: unknown[]) => {
        read.push(path)
        return (realFs.readFile as (...a: unknown[]) => Promise<unknown>)(path, ...rest)
      }) as typeof realFs.readFile,
    }
    await sb.install(tools)
    const targets = (await builtinTargets()).filter((t) => tools.includes(t.spec.id))
    const run = async () =>
      plan({
        fs: counting,
        targets,
        kit: await requireKit(realFs, sb.kit),
        scope: 'global',
        home: sb.home,
        project: sb.project,
        sysroot: sb.sysroot,
        stateHome: sb.state,
        env: {},
      })
    const clean = await run()
    expect(clean.map((p) => [p.tool, p.status, p.changes])).toEqual(tools.map((t) => [t, 'unchanged', []]))
    expect(read.filter((p) => p.startsWith(sb.home))).toEqual([])

    // An edit that keeps the size and the modification time: the full plan runs for that tool and shows it.
    const agent = join(sb.home, '.claude/agents', (await readdir(join(sb.home, '.claude/agents')))[0] ?? '')
    const { mtime } = await import('node:fs').then((fs) => fs.statSync(agent))
    await writeFile(agent, (await readFile(agent, 'utf8')).replace(/e/, 'E'))
    await utimes(agent, mtime, mtime)
    const edited = await run()
    expect(edited.find((p) => p.tool === 'claude-code')?.status).toBe('failed')
    expect(edited.filter((p) => p.tool !== 'claude-code').map((p) => p.status)).toEqual([
      'unchanged',
      'unchanged',
    ])
  })

  it('status trusts no stamp whose seal does not verify', async () => {
    const { toolStatus: status } = await import('../../src/api/status.js')
    const { requireTargets } = await import('../../src/api/targets.js')
    const { realFs } = await import('../../src/fs/fs.js')
    const { statSync } = await import('node:fs')
    const targets = (await requireTargets({ fs: realFs })).filter((t) => t.spec.id === 'claude-code')
    await sb.install(['claude-code'])
    const stamps = (await readdir(sb.state, { recursive: true })).filter((p) =>
      /stamps\/claude-code\.global\.json$/.test(p),
    )
    expect(stamps.length).toBe(1)
    const stampFile = join(sb.state, stamps[0] ?? '')
    const stamp = JSON.parse(await readFile(stampFile, 'utf8')) as { files: [string, string | null][] }
    // An edited file, and the stamp edited to record its new stat: the seal no longer matches, so the file is hashed.
    const agent = join(sb.home, '.claude/agents', (await readdir(join(sb.home, '.claude/agents')))[0] ?? '')
    await writeFile(agent, `${await readFile(agent, 'utf8')}x`)
    const st = statSync(agent, { bigint: true })
    stamp.files = stamp.files.map(([p, k]) => [
      p,
      p === agent ? `${st.size}:${st.mtimeNs}:${st.ctimeNs}:${st.ino}:${st.mode}` : k,
    ])
    await writeFile(stampFile, JSON.stringify(stamp))
    const rows = await status({
      fs: realFs,
      targets,
      scope: 'global',
      home: sb.home,
      project: sb.project,
      stateHome: sb.state,
    })
    expect(rows[0]?.drift).toEqual([{ path: agent, problem: 'changed' }])
  })

  it('leaves no stamp behind after uninstall', async () => {
    const before = await sb.tree()
    await sb.install(tools)
    await sb.uninstall(tools)
    expect(await sb.tree()).toEqual(before)
    const left = await readdir(sb.state, { recursive: true })
    expect(left.filter((p) => p.includes('stamps'))).toEqual([])
  })
})

// The real Fs makes data durable on the real disk: fsync reaches the system with a descriptor of the very file or
// folder named (seen through a spy on node:fs, whose ES module bindings follow it by syncBuiltinESMExports), a failed
// sync is an error, and a real install syncs every file it wrote and every folder it changed before its journal goes.
// The order those syncs must come in is proved on the power-cut model (test/safety/power-cut.test.ts).
import type * as NodeFs from 'node:fs'
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { createRequire, syncBuiltinESMExports } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { realFs, type Fs } from '../../src/fs/fs.js'
import { replaceFile } from '../../src/fs/replace-file.js'
import { requireKit } from '../../src/kit/load-kit.js'
import { installTools } from '../../src/run/run-tools.js'
import { builtinTargets, createSandbox, type Sandbox } from '../integration/sandbox.js'

// The CommonJS object behind node:fs (what a spy can replace); its ES module bindings follow after syncBuiltinESMExports.
const nodeFs = createRequire(import.meta.url)('node:fs') as typeof NodeFs

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'outfit-durable-'))
})
afterEach(async () => {
  vi.restoreAllMocks()
  syncBuiltinESMExports()
  await rm(dir, { recursive: true, force: true })
})

/** Every path node:fs was asked to fsync, read back from each descriptor (Linux: /proc/self/fd). */
function spyOnFsync(): string[] {
  const synced: string[] = []
  const original = nodeFs.fsync
  vi.spyOn(nodeFs, 'fsync').mockImplementation(((fd: number, callback: (error: Error | null) => void) => {
    synced.push(nodeFs.readlinkSync(`/proc/self/fd/${fd}`))
    original(fd, callback)
  }) as typeof nodeFs.fsync)
  syncBuiltinESMExports()
  return synced
}

describe.runIf(process.platform === 'linux')('realFs on the disk', () => {
  it('fsyncs the file and the folder named, a read-only file too', async () => {
    const synced = spyOnFsync()
    await writeFile(join(dir, 'ro'), 'x', { mode: 0o444 })
    await realFs.fsync(join(dir, 'ro'))
    await realFs.syncDir(dir)
    expect(synced).toEqual([join(dir, 'ro'), dir])
  })

  it('fails a sync of a path that is not there, and a sync the disk refuses', async () => {
    await expect(realFs.fsync(join(dir, 'missing'))).rejects.toMatchObject({ code: 'ENOENT' })
    await expect(realFs.syncDir(join(dir, 'missing'))).rejects.toMatchObject({ code: 'ENOENT' })
    vi.spyOn(nodeFs, 'fsync').mockImplementation(((_fd: number, callback: (error: Error | null) => void) =>
      callback(Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' }))) as typeof nodeFs.fsync)
    syncBuiltinESMExports()
    await writeFile(join(dir, 'f'), 'x')
    await expect(realFs.fsync(join(dir, 'f'))).rejects.toMatchObject({ code: 'EIO' })
  })

  it('replaceFile (outfit.lock, trust.json) syncs the new content, then the folder after the rename', async () => {
    const synced = spyOnFsync()
    await replaceFile(join(dir, 'outfit.lock'), '{}\n', 0o644)
    expect(synced).toHaveLength(2)
    // The temporary file's descriptor (its name is gone by now: renamed), then the folder.
    expect(synced[0]).toMatch(/\.outfit\.lock\.[0-9a-f]{16}\.tmp( \(deleted\))?$/)
    expect(synced[1]).toBe(dir)
    expect(await readdir(dir)).toEqual(['outfit.lock'])
  })
})

describe.runIf(process.platform === 'linux')('a real install', () => {
  let sb: Sandbox
  beforeEach(async () => {
    sb = await createSandbox()
  })
  afterEach(async () => {
    await sb.cleanup()
  })

  it('syncs every file it wrote and each folder it changed once, and its journal through the real handle', async () => {
    await mkdir(join(sb.home, '.codex'), { recursive: true })
    await writeFile(join(sb.home, '.codex', 'config.toml'), '# mine\n')
    const events: string[] = []
    const recording: Fs = {
      ...realFs,
      async rename(from, to) {
        events.push(`rename ${String(to)}`)
        return realFs.rename(from, to)
      },
      // A new file is created in place (no temporary file to rename): that write is the file's.
      async writeFile(...args: Parameters<Fs['writeFile']>) {
        const [path, , options] = args
        const result = await realFs.writeFile(...args)
        if (typeof options === 'object' && options?.flag === 'wx') events.push(`rename ${String(path)}`)
        return result
      },
      async fsync(path) {
        events.push(`fsync ${path}`)
        return realFs.fsync(path)
      },
      async syncDir(path) {
        events.push(`syncDir ${path}`)
        return realFs.syncDir(path)
      },
    }
    const synced = spyOnFsync()
    const targets = (await builtinTargets()).filter((t) => ['claude-code', 'codex'].includes(t.spec.id))
    const request = {
      targets,
      scope: 'global',
      home: sb.home,
      project: sb.project,
      stateHome: sb.state,
      env: {},
    }
    const report = await installTools({ ...request, fs: recording, kit: await requireKit(realFs, sb.kit) })
    expect(report.results.map((r) => r.status)).toEqual(['installed', 'installed'])
    const written = events.filter((e) => e.startsWith('rename ')).map((e) => e.slice('rename '.length))
    expect(written.length).toBeGreaterThan(10)
    for (const path of written) {
      // Each file written is synced after its rename (or its creation in place), and its folder too (once per folder).
      const renamed = events.indexOf(`rename ${path}`)
      expect(events.indexOf(`fsync ${path}`, renamed), path).toBeGreaterThan(renamed)
      expect(events.indexOf(`syncDir ${join(path, '..')}`, renamed), path).toBeGreaterThan(renamed)
    }
    // Before the journal goes (its removal is the last sync), each folder is synced once, however many files it got.
    const flushed = events.slice(
      events.findLastIndex((e) => e.startsWith('rename ')),
      -1,
    )
    const folders = flushed.filter((e) => e.startsWith('syncDir '))
    expect(new Set(folders).size).toBe(folders.length)
    expect(folders.length).toBeLessThan(written.length)
    expect(events.at(-1)).toMatch(/^syncDir .*\/scopes\/[0-9a-f]+(\/journal)?$/)
    // The journal's lines went to the disk through the real handle's sync (one per batch of lines).
    expect(synced.some((p) => p.endsWith('journal.jsonl') || p.endsWith('journal.jsonl (deleted)'))).toBe(
      true,
    )
  })
})

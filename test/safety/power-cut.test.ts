// Crash consistency: the power goes at every point of an install, an uninstall and an update (each change and each
// sync, enumerated from a recorded run, not by hand), with the page cache losing what was never synced — all of it, or
// a random part (the kernel writes some back on its own). What a reboot finds, after `outfit recover`, must be the
// project before the run or after it, and outfit's records must describe it: uninstalling then gives back exactly the
// user's files from before any install (so nothing was deleted that was the user's, and nothing installed is left
// behind as if it were). On memfs with a model of the disk (power-cut-fs.ts); the real Fs's syncs: durable-fs.test.ts.
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Fs } from '../../src/fs/fs.js'
import { recover } from '../../src/safety/guard-run.js'
import { openScopeState, type ScopeState } from '../../src/state/scope-state.js'
import { createMemSandbox, type MemSandbox } from '../helpers/mem-sandbox.js'
import { copyOf, powerCutFs, PowerCutError } from './power-cut-fs.js'

/** `OUTFIT_POWER_CUTS=all`: every point, both ways, three tools (~1,500 runs: minutes). By default, see cutsOf. */
const thorough = process.env.OUTFIT_POWER_CUTS === 'all'
// Two tools run concurrently, with a JSON-with-comments merge, a TOML merge, a Markdown block, hooks and skills.
const tools = thorough ? ['claude-code', 'codex', 'opencode'] : ['claude-code', 'codex']
/** After a reboot, no outfit from before is running: its lock is stale. */
const rebooted = { lock: { isAlive: () => false } }

interface Scenario {
  name: string
  /** Brings the seeded sandbox to the state the run starts from. */
  prepare(sb: MemSandbox): Promise<void>
  run(sb: MemSandbox, fs: Fs): Promise<unknown>
}

const scenarios: Scenario[] = [
  { name: 'install', prepare: async () => {}, run: (sb, fs) => sb.install(tools, { fs }) },
  {
    name: 'uninstall',
    prepare: async (sb) => {
      await sb.install(tools)
    },
    run: (sb, fs) => sb.uninstall(tools, { fs }),
  },
  {
    name: 'update',
    prepare: async (sb) => {
      await sb.install(tools)
      await updateKit(sb)
    },
    run: (sb, fs) => sb.install(tools, { fs }),
  },
]

describe('a power cut at any point', () => {
  for (const scenario of scenarios) {
    it(`of ${scenario.name} leaves the project before or after it, with records that undo it exactly`, async () => {
      // The recorded run: its points, and the trees before and after it.
      const sb = await createMemSandbox()
      await seed(sb)
      const original = await sb.tree()
      await scenario.prepare(sb)
      const prepared = await copyOf(sb.fs)
      const before = await sb.tree()
      const recorded = await powerCutFs(await copyOf(prepared))
      await scenario.run(sb, recorded.fs)
      const after = await sb.tree(recorded.fs)
      expect(after).not.toEqual(before)
      const log = recorded.log()
      expect(log.length).toBeGreaterThan(50)
      // Once the run has returned, a power cut loses none of it, even with nothing written back on its own (only the
      // release of the scope's lock may be lost: a stale lock, taken over).
      const disk = await recorded.disk()
      await recover(disk, await states(sb, disk), rebooted)
      expect(await sb.tree(disk), 'the disk once the run returned').toEqual(after)
      await sb.uninstall(tools, { fs: disk, safety: rebooted })
      expect(await sb.tree(disk), 'uninstalled after the run').toEqual(original)

      for (const cut of cutsOf(log)) {
        const where = `cut before ${cut.line}, ${cut.random ? 'a random part' : 'nothing'} written back`
        const power = await powerCutFs(await copyOf(prepared), {
          cutAt: cut.at,
          keep: cut.random ? (id) => coin(`${cut.at}:${id}`) : () => false,
        })
        // The run fails at the cut (rollback too: the power is off); only that failure is expected.
        await scenario.run(sb, power.fs).catch((error: unknown) => {
          // Itself, or as the cause of the journal's own error (a sync that a change inside a new folder did not wait
          // for failed: the run is not committed).
          if (!(error instanceof PowerCutError) && !((error as Error).cause instanceof PowerCutError))
            throw error
        })
        const disk = await power.disk()
        await recover(disk, await states(sb, disk), rebooted)
        const recovered = await sb.tree(disk)
        expect([before, after], where).toContainEqual(recovered)
        await sb.uninstall(tools, { fs: disk, safety: rebooted })
        expect(await sb.tree(disk), `${where}: then uninstalled`).toEqual(original)
      }
    }, 600_000)
  }
})

// --- internal ---

/**
 * Where to cut, from the recorded run's points. With nothing written back on its own, the disk changes only at a sync,
 * so a cut before each sync (and at the end) reaches each state the disk can be in; with a random part written back,
 * the disk differs at every point. Thorough: every point, each way. By default: before every sync and at the end,
 * alternately losing everything unsynced and writing back a random part of it.
 */
function cutsOf(log: string[]): { at: number; line: string; random: boolean }[] {
  const points = [...log, 'the end'].map((line, at) => ({ at, line }))
  if (thorough)
    return points.flatMap((p) => [
      { ...p, random: false },
      { ...p, random: true },
    ])
  return points
    .filter((p) => p.at === log.length || /^\d+ (fsync|syncDir|sync) /.test(p.line))
    .map((p, i) => ({ ...p, random: i % 2 === 1 }))
}

/** The user's own files, some of which the tools' installs merge into. */
async function seed(sb: MemSandbox): Promise<void> {
  await sb.write(
    'home/.claude.json',
    '{\n  // state Claude keeps\n  "numStartups": 4,\n  "mcpServers": { "mine": { "command": "x" } }\n}\n',
  )
  await sb.write('home/.codex/config.toml', '# mine\nmodel = "o3"\n')
  await sb.write('home/.config/opencode/AGENTS.md', '# My rules\n')
}

/** A new version of the kit: a rule changed, a command gone, an agent added. */
async function updateKit(sb: MemSandbox): Promise<void> {
  const kitYaml = join(sb.kit, 'kit.yaml')
  await sb.fs.writeFile(kitYaml, (await sb.read('kit/kit.yaml')).replace('1.0.0', '1.1.0'))
  await sb.fs.writeFile(
    join(sb.kit, 'rules/general.md'),
    `${await sb.read('kit/rules/general.md')}\nOne more rule.\n`,
  )
  await sb.fs.unlink(join(sb.kit, 'commands/changelog.md'))
  await sb.fs.writeFile(
    join(sb.kit, 'agents/tester.md'),
    '---\nname: tester\ndescription: Writes the missing tests.\n---\nWrite tests.\n',
  )
}

async function states(sb: MemSandbox, fs: Fs): Promise<ScopeState[]> {
  return [(await openScopeState(fs, sb.state, sb.home, { create: true })) as ScopeState]
}

/** A fair coin that gives the same answer for the same key on every run. */
function coin(key: string): boolean {
  return (createHash('sha256').update(key).digest()[0] ?? 0) % 2 === 0
}

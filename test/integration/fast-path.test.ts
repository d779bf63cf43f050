// The no-change re-install (src/run/fast-path.ts): skipped only when the inputs and every installed path are as the
// last clean install left them; any edit, kit change or unclean run means the full install runs again.
import { readdir, readFile, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createSandbox, type Sandbox } from './sandbox.js'

let sb: Sandbox
beforeEach(async () => {
  sb = await createSandbox()
})
afterEach(async () => {
  await sb.cleanup()
})

const tools = ['claude-code', 'codex', 'opencode']
const stepsRan = (report: Awaited<ReturnType<Sandbox['install']>>) => report.results.map((r) => r.log.some((e) => /^up to date: the kit/.test(e.text)) ? 'skipped' : 'ran')

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

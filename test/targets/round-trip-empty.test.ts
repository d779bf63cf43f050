// On memfs (it is logic): every built-in target, in every scope install runs (the system scope too), installed into an
// empty home and project and uninstalled again leaves the whole file system exactly as before: no file changed, no folder outfit created left behind
// (Gemini CLI's project .gemini/ was, once the kit had dropped the commands and agents whose step made it: the
// settings.json written there by a later step did not record the folder). A user's file in such a folder keeps it.
import { createHash } from 'node:crypto'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createMemSandbox, type MemSandbox } from '../helpers/mem-sandbox.js'
import { builtinTargets } from '../integration/sandbox.js'

const targets = await builtinTargets()
const cases = targets.flatMap((t) =>
  Object.keys(t.spec.scopes)
    // The plugin scope is `outfit pack`'s, not install's (test/pack/).
    .filter((scope) => scope !== 'plugin')
    .map((scope) => ({ id: t.spec.id, scope })),
)

describe.each(cases)('$id ($scope)', ({ id, scope }) => {
  it('install then uninstall leaves the empty home and project (and system) as they were, also after the kit shrank', async () => {
    const sb = await sandbox()
    const before = await wholeTree(sb)
    await expectStatus(sb.install([id], { scope }), 'installed')
    await expectStatus(sb.uninstall([id], { scope }), 'uninstalled')
    expect(await wholeTree(sb), 'installed, then uninstalled').toEqual(before)
    // Again, but the kit drops its files before a re-install: the steps that made the tool's folders no longer run.
    await expectStatus(sb.install([id], { scope }), 'installed')
    await dropFiles(sb)
    expect((await sb.install([id], { scope })).results.map((r) => r.failure?.error.message)).toEqual([
      undefined,
    ])
    await expectStatus(sb.uninstall([id], { scope }), 'uninstalled')
    expect(await wholeTree(sb), 'installed, re-installed with less, uninstalled').toEqual(before)
  })
})

describe('Gemini CLI (project): the .gemini/ outfit made', () => {
  it("stays with the user's file in it, byte for byte", async () => {
    const sb = await createMemSandbox()
    await sb.install(['gemini-cli'], { scope: 'project' })
    await sb.write('project/.gemini/notes.md', '# mine\n')
    const withNotes = await sb.tree()
    await dropFiles(sb)
    await expectStatus(sb.install(['gemini-cli'], { scope: 'project' }), 'installed')
    await expectStatus(sb.uninstall(['gemini-cli'], { scope: 'project' }), 'uninstalled')
    const after = await sb.tree()
    expect(Object.keys(after).filter((p) => p.includes('.gemini'))).toEqual([
      'project/.gemini',
      'project/.gemini/notes.md',
    ])
    expect(after['project/.gemini/notes.md']).toBe(withNotes['project/.gemini/notes.md'])
  })

  it('goes when the kit first had only settings, then everything, then no settings', async () => {
    const sb = await createMemSandbox()
    const before = await sb.tree()
    const kit = await takeKit(sb)
    await dropFiles(sb)
    await expectStatus(sb.install(['gemini-cli'], { scope: 'project' }), 'installed')
    await putKit(sb, kit)
    await expectStatus(sb.install(['gemini-cli'], { scope: 'project' }), 'installed')
    // The step that made .gemini/ (MCP servers in settings.json) now writes nothing there.
    await sb.fs.writeFile(join(sb.kit, 'mcp.yaml'), 'servers: {}\n')
    await sb.fs.writeFile(join(sb.kit, 'hooks.yaml'), 'hooks: []\n')
    await expectStatus(sb.install(['gemini-cli'], { scope: 'project' }), 'installed')
    await expectStatus(sb.uninstall(['gemini-cli'], { scope: 'project' }), 'uninstalled')
    expect(await sb.tree()).toEqual(before)
  })
})

// --- internal ---

/** The memfs sandbox, with the system folders a machine has (the system scope's roots go below them: /etc/codex). */
async function sandbox(): Promise<MemSandbox> {
  const sb = await createMemSandbox()
  for (const dir of ['/etc', '/var/lib', '/Library/Application Support', '/ProgramData'])
    await sb.fs.mkdir(dir, { recursive: true })
  return sb
}

/** Every path of the file system (content hash and mode, or 'dir'), but outfit's state and the kit. */
async function wholeTree(sb: MemSandbox): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  const skip = new Set([sb.state, sb.kit, join(sb.home, '.local/state/outfit')])
  const walk = async (dir: string): Promise<void> => {
    for (const name of ((await sb.fs.readdir(dir)) as string[]).sort()) {
      const full = join(dir, name)
      if (skip.has(full)) continue
      const st = await sb.fs.lstat(full)
      if (st.isDirectory()) {
        out[full] = 'dir'
        await walk(full)
      } else
        out[full] = `${createHash('sha256')
          .update(await sb.fs.readFile(full))
          .digest('hex')
          .slice(0, 16)} ${(Number(st.mode) & 0o777).toString(8)}`
    }
  }
  await walk('/')
  return out
}

const DROPPED = ['agents', 'commands', 'rules', 'skills']

/** Only the kit's settings remain (MCP servers, hooks). */
async function dropFiles(sb: MemSandbox): Promise<void> {
  for (const dir of DROPPED) await removeTree(sb, join(sb.kit, dir))
}

async function takeKit(sb: MemSandbox): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  const walk = async (dir: string): Promise<void> => {
    for (const name of (await sb.fs.readdir(dir)) as string[]) {
      const full = join(dir, name)
      if ((await sb.fs.lstat(full)).isDirectory()) await walk(full)
      else out[full] = String(await sb.fs.readFile(full, 'utf8'))
    }
  }
  await walk(sb.kit)
  return out
}

async function putKit(sb: MemSandbox, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await sb.fs.mkdir(dirname(path), { recursive: true })
    await sb.fs.writeFile(path, text)
  }
}

async function removeTree(sb: MemSandbox, path: string): Promise<void> {
  if (!(await sb.fs.lstat(path)).isDirectory()) return sb.fs.unlink(path)
  for (const name of (await sb.fs.readdir(path)) as string[]) await removeTree(sb, join(path, name))
  await sb.fs.rmdir(path)
}

async function expectStatus(run: ReturnType<MemSandbox['install']>, status: string): Promise<void> {
  expect((await run).results.map((r) => [r.status, r.failure?.error.message])).toEqual([[status, undefined]])
}

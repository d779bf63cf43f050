// `validate --kit <plugin folder>` accepts what install accepts: each plugin format is read by install's reader and
// its kit checked, in memory (validate writes nothing); a broken plugin is refused where install refuses it.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { validate } from '../../src/api/validate.js'
import { builtinTargetsDir } from '../../src/package-root.js'
import { createMemSandbox, type MemSandbox } from '../helpers/mem-sandbox.js'
import {
  agentPlugin,
  claudePlugin,
  codexPlugin,
  copilotPlugin,
  cursorPlugin,
  geminiExtension,
} from './fixtures.js'

let sb: MemSandbox
const plugin = '/sandbox/plugin'

beforeEach(async () => {
  sb = await createMemSandbox()
  await sb.fs.mkdir(builtinTargetsDir, { recursive: true })
  for (const name of readdirSync(builtinTargetsDir))
    await sb.fs.writeFile(join(builtinTargetsDir, name), readFileSync(join(builtinTargetsDir, name)))
})

async function writePlugin(files: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(files))
    await sb.write(relative('/sandbox', join(plugin, path)), content)
}

const check = () =>
  validate({ fs: sb.fs, cwd: sb.project, files: [join(builtinTargetsDir, 'claude-code.yaml')], kit: plugin })

describe('validate --kit <plugin>', () => {
  it.each([
    ['a Claude Code plugin', claudePlugin, '.claude-plugin/plugin.json'],
    ['a Gemini CLI extension', geminiExtension, 'gemini-extension.json'],
    ['a Cursor plugin', cursorPlugin, '.cursor-plugin/plugin.json'],
    ['a Codex plugin', codexPlugin, '.codex-plugin/plugin.json'],
    ['an Agent Plugin', agentPlugin, 'plugin.json'],
    ['a Copilot CLI plugin', copilotPlugin, '.github/plugin/plugin.json'],
  ])('checks %s as install reads it, and writes nothing', async (_, files, manifest) => {
    await writePlugin(files)
    const before = await sb.tree()
    const { diagnostics, checked } = await check()
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    // The plugin's content files and its kit: more than the one target file.
    expect(checked).toBeGreaterThan(2)
    // What install would say about the plugin is said here too, on its manifest.
    for (const d of diagnostics.filter((d) => d.message.includes('read as a kit')))
      expect(d.file).toBe(join(plugin, manifest))
    expect(await sb.tree()).toEqual(before)
  })

  it('says what the plugin holds that a kit cannot carry, as install does', async () => {
    await writePlugin(claudePlugin)
    const { diagnostics } = await check()
    const notes = diagnostics.filter((d) => d.severity === 'warning').map((d) => d.message)
    expect(notes.some((m) => m.includes('not installed (a kit has no place for them): docs, styles'))).toBe(
      true,
    )
  })

  it("refuses a broken manifest at its place in the plugin's file", async () => {
    await writePlugin({ ...claudePlugin, '.claude-plugin/plugin.json': '{ "name": 3 }' })
    const { diagnostics } = await check()
    const errors = diagnostics.filter((d) => d.severity === 'error')
    expect(errors.length).toBeGreaterThan(0)
    expect(errors.every((d) => d.file === join(plugin, '.claude-plugin/plugin.json'))).toBe(true)
  })

  it("names a problem in the plugin's content by the plugin's folder, not outfit's cache", async () => {
    await writePlugin({
      ...claudePlugin,
      'skills/other/SKILL.md': '---\nname: another\ndescription: x\n---\nBody.\n',
    })
    const { diagnostics } = await check()
    const errors = diagnostics.filter((d) => d.severity === 'error')
    expect(errors.map((d) => [d.file, d.line, d.message])).toEqual([
      [
        `${plugin} › Claude Code plugin read as a kit › skills/other/SKILL.md`,
        2,
        "name 'another' must be the skill folder's name, 'other'",
      ],
    ])
  })
})

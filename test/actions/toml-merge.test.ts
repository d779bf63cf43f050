// toml-merge / toml-unmerge on memfs for entries appended to an array of tables (Kimi Code's and Mistral Vibe's
// [[hooks]]): outfit's elements go into its own marked region after the user's, the user's stay byte-for-byte, uninstall
// gives the file back, and a key the user wrote so that TOML cannot take more [[…]] elements is refused at its line.
import { describe, expect, it } from 'vitest'
import { parse } from 'smol-toml'
import { tomlMerge, tomlUnmerge } from '../../src/actions/toml-merge.js'
import type { TomlMergeParams } from '../../src/generated/target.js'
import type { Change, Hook, Kit } from '../../src/types.js'
import { testContext } from '../helpers/context.js'
import { createTestFs } from '../helpers/test-fs.js'

const file = '/home/.kimi-code/config.toml'
const userConfig = `default_model = "kimi"   # mine

[[hooks]]
event = "Stop"
command = "notify-send done"
`
const hooks: Hook[] = [
  { event: 'postToolUse', matcher: 'Edit|Write', command: 'npx prettier --write .', timeout: 60 },
  { event: 'sessionStart', command: 'git status --short' },
]
const kimi: TomlMergeParams = {
  file,
  entries: {
    from: 'hooks',
    at: ['hooks'],
    mode: 'append',
    events: { postToolUse: 'PostToolUse', sessionStart: 'SessionStart' },
    shape: { event: '$event', matcher: '$matcher', command: '$command', timeout: '$timeout' },
  },
}

function setup(files: Record<string, string>) {
  const { fs, vol } = createTestFs(files)
  const changes: Change[] = []
  const kit: Kit = { dir: '/kit', name: 'kit', version: '1.0.0', mcp: [], hooks, files: [] }
  const ctx = testContext(fs, { kit, record: (c) => changes.push(c) })
  const read = () => vol.readFileSync(file, 'utf8') as string
  return { ctx, changes, read, vol }
}

describe('toml-merge, appended entries', () => {
  it('adds [[hooks]] elements after the user’s own, and uninstall gives the bytes back', async () => {
    const { ctx, changes, read } = setup({ [file]: userConfig })
    await tomlMerge.run(kimi, ctx)
    const text = read()
    expect(text.startsWith(userConfig)).toBe(true)
    expect((parse(text) as { hooks: unknown[] }).hooks).toEqual([
      { event: 'Stop', command: 'notify-send done' },
      { event: 'PostToolUse', matcher: 'Edit|Write', command: 'npx prettier --write .', timeout: 60 },
      { event: 'SessionStart', command: 'git status --short' },
    ])
    await tomlUnmerge.undo(changes, ctx, 'uninstall')
    expect(read()).toBe(userConfig)
  })

  it('creates the file when there was none, and removes it again', async () => {
    const { ctx, changes, vol } = setup({})
    await tomlMerge.run(kimi, ctx)
    expect((parse(vol.readFileSync(file, 'utf8') as string) as { hooks: unknown[] }).hooks).toHaveLength(2)
    await tomlUnmerge.undo(changes, ctx, 'uninstall')
    expect(vol.existsSync(file)).toBe(false)
  })

  it.each([
    [
      'an inline array',
      'hooks = [{ event = "Stop", command = "x" }]\n',
      "'hooks' is written as an inline value",
    ],
    ['a table', '[hooks]\nenabled = true\n', "'hooks' is written as a table ([hooks])"],
  ])(
    'refuses at the user’s line when they wrote hooks as %s, and writes nothing',
    async (_, config, message) => {
      const mine = `default_model = "kimi"\n${config}`
      const { ctx, read } = setup({ [file]: mine })
      await expect(tomlMerge.run(kimi, ctx)).rejects.toThrow(`${file}:2:1`)
      await expect(tomlMerge.run(kimi, ctx)).rejects.toThrow(message)
      expect(read()).toBe(mine)
    },
  )
})

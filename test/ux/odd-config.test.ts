// A user's config that parses but would be merged wrongly is refused with its file:line:col and a hint, and a valid
// one is kept as the user wrote it (byte-order mark included). Real installs on temp dirs; nothing changes on refusal.
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../helpers/run-cli.js'
import { useSandbox } from '../integration/sandbox.js'

const sb = useSandbox()

const install = (tool: string) =>
  runCli(['install', tool, '--yes', '--scope', 'global', '--kit', sb.kit], {
    cwd: sb.project,
    env: { HOME: sb.home },
  })

/** The user's files: outfit's own state folder (its key, created on first use) is not what "nothing changed" means. */
async function userTree() {
  return Object.fromEntries(
    Object.entries(await sb.tree()).filter(([path]) => !path.startsWith('home/.local')),
  )
}

async function refusedWith(tool: string, file: string, text: string, message: string) {
  await sb.write(`home/${file}`, text)
  const before = await userTree()
  const result = await install(tool)
  expect(result.code, result.all).toBe(1)
  expect(result.all).toContain(`${join(sb.home, file)}:${message}`)
  expect(result.all).not.toMatch(/\n\s+at /)
  expect(await userTree()).toEqual(before)
}

describe('JSON configs that parse but cannot be merged safely', () => {
  it('duplicate mcpServers keys (outfit would write into the first, readers keep the last)', async () => {
    await refusedWith(
      'claude-code',
      '.claude.json',
      '{\n  "mcpServers": { "a": { "command": "x" } },\n  "theme": "dark",\n  "mcpServers": { "b": { "command": "y" } }\n}\n',
      "4:3: 'mcpServers' appears 2 times (first on line 2); JSON readers keep only the last one",
    )
  })

  it('"mcpServers": [] (an unnamed array element would be added)', async () => {
    await refusedWith(
      'claude-code',
      '.claude.json',
      '{\n  "mcpServers": []\n}\n',
      "2:17: 'mcpServers' is an array, but outfit needs an object there to add 'mcpServers.filesystem'",
    )
  })

  it('"mcpServers": "x" names the file and the line', async () => {
    await refusedWith(
      'claude-code',
      '.claude.json',
      '{ "mcpServers": "x" }\n',
      "1:17: 'mcpServers' is a string, but outfit needs an object there",
    )
  })

  it('keeps the byte-order mark of a JSON config, and uninstall puts the file back byte for byte', async () => {
    const original = '\uFEFF{\n  "theme": "dark"\n}\n'
    await writeFile(join(sb.home, '.claude.json'), original)
    expect((await install('claude-code')).code).toBe(0)
    const merged = await readFile(join(sb.home, '.claude.json'), 'utf8')
    expect(merged.startsWith('\uFEFF{\n  "theme": "dark",\n  "mcpServers"')).toBe(true)
    const removed = await runCli(['uninstall', 'claude-code', '--yes', '--scope', 'global'], {
      cwd: sb.project,
      env: { HOME: sb.home },
    })
    expect(removed.code, removed.all).toBe(0)
    expect(await readFile(join(sb.home, '.claude.json'), 'utf8')).toBe(original)
  })
})

describe('TOML', () => {
  it('an inline mcp_servers table is valid TOML: the clash is explained at its line, not called invalid', async () => {
    await refusedWith(
      'codex',
      '.codex/config.toml',
      'model = "o3"\nmcp_servers = { mine = { command = "x" } }\n',
      "2:1: 'mcp_servers' is written as an inline table (mcp_servers = { … })",
    )
  })
})

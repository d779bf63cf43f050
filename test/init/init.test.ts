// `outfit init`: scaffolds that validate as written, and that never overwrite anything.
import { describe, expect, it } from 'vitest'
import { version } from '../../src/version.js'
import { initKit, initTarget } from '../../src/api/init.js'
import { ConflictError, UsageError } from '../../src/errors.js'
import { loadKit } from '../../src/kit/load-kit.js'
import { loadTarget } from '../../src/load/load-target.js'
import { createTestFs } from '../helpers/test-fs.js'

describe('init kit', () => {
  it('scaffolds one of each kind of content, named after the folder, and the result loads as a kit', async () => {
    const { fs, vol } = createTestFs({ '/work/.keep': '' })
    const created = await initKit(fs, '/work/My Kit')
    expect(created.map((f) => f.replace('/work/My Kit/', '')).sort()).toEqual([
      'agents/helper.md',
      'commands/explain.md',
      'hooks.yaml',
      'kit.yaml',
      'mcp.yaml',
      'rules/style.md',
      'skills/summarize/SKILL.md',
    ])
    const kit = await loadKit(fs, '/work/My Kit')
    if (!kit.ok) throw new Error(JSON.stringify(kit.diagnostics))
    expect(kit.value).toMatchObject({
      name: 'my-kit',
      version: '0.1.0',
      mcp: [{ name: 'filesystem' }],
      hooks: [{ event: 'sessionStart' }],
    })
    expect(String(vol.readFileSync('/work/My Kit/kit.yaml'))).toMatch(
      /^# yaml-language-server: \$schema=.*schemas\/kit\.schema\.json\n/,
    )
  })

  it('refuses when any file it would create exists, and writes nothing', async () => {
    const { fs, vol } = createTestFs({ '/kit/rules/style.md': 'my own rule\n' })
    const before = vol.toJSON()
    await expect(initKit(fs, '/kit')).rejects.toThrow(ConflictError)
    await expect(initKit(fs, '/kit')).rejects.toThrow(
      '/kit/rules/style.md already exists; nothing was written',
    )
    expect(vol.toJSON()).toEqual(before)
  })

  it('rejects a name that is not kebab-case', async () => {
    const { fs } = createTestFs({ '/x/.keep': '' })
    await expect(initKit(fs, '/x', 'Bad Name')).rejects.toThrow(UsageError)
  })
})

describe('the $schema line of a scaffold works on every machine', () => {
  it("points into the project's node_modules when outfit is installed there", async () => {
    const { fs, vol } = createTestFs({ '/proj/node_modules/outfit-cli/schemas/kit.schema.json': '{}' })
    await initKit(fs, '/proj/ai/kit')
    expect(String(vol.readFileSync('/proj/ai/kit/kit.yaml')).split('\n')[0]).toBe(
      '# yaml-language-server: $schema=../../node_modules/outfit-cli/schemas/kit.schema.json',
    )
    await initTarget(fs, '/proj/targets', 'my-tool')
    expect(String(vol.readFileSync('/proj/targets/my-tool.yaml')).split('\n')[0]).toBe(
      '# yaml-language-server: $schema=../node_modules/outfit-cli/schemas/target.schema.json',
    )
  })

  it('otherwise (a global install) points at the schemas published with this version, never at a local path', async () => {
    const { fs, vol } = createTestFs({ '/elsewhere/.keep': '' })
    await initKit(fs, '/elsewhere/kit')
    expect(String(vol.readFileSync('/elsewhere/kit/mcp.yaml')).split('\n')[0]).toBe(
      `# yaml-language-server: $schema=https://unpkg.com/outfit-cli@${version}/schemas/mcp.schema.json`,
    )
  })
})

describe('init target', () => {
  it('scaffolds <id>.yaml that passes every check of the target loader', async () => {
    const { fs, vol } = createTestFs({ '/repo/.keep': '' })
    const [file] = await initTarget(fs, '/repo/targets', 'my-tool')
    expect(file).toBe('/repo/targets/my-tool.yaml')
    const text = String(vol.readFileSync('/repo/targets/my-tool.yaml'))
    expect(text.split('\n')[0]).toBe(
      `# yaml-language-server: $schema=https://unpkg.com/outfit-cli@${version}/schemas/target.schema.json`,
    )
    const loaded = await loadTarget(fs, '/repo/targets/my-tool.yaml')
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics))
    expect(loaded.warnings).toEqual([])
    expect(loaded.value.spec).toMatchObject({ id: 'my-tool', name: 'My Tool' })
    expect(loaded.value.spec.steps.map((s) => s.name)).toEqual([
      'rules',
      'commands',
      'agents',
      'skills',
      'mcp servers',
      'manifest',
    ])
    expect(text).toContain('- preset: skills')
  })

  it('never replaces an existing target', async () => {
    const { fs, vol } = createTestFs({ '/t/my-tool.yaml': 'mine\n' })
    await expect(initTarget(fs, '/t', 'my-tool')).rejects.toThrow(
      '/t/my-tool.yaml already exists; nothing was written',
    )
    expect(String(vol.readFileSync('/t/my-tool.yaml'))).toBe('mine\n')
  })

  it.each(['My Tool', '../escape', '-x', ''])('rejects the id %j', async (id) => {
    const { fs } = createTestFs({ '/t/.keep': '' })
    await expect(initTarget(fs, '/t', id)).rejects.toThrow(UsageError)
  })
})

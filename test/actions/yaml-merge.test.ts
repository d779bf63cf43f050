// yaml-merge / yaml-unmerge on memfs: the same ownership as json-merge (owned keys recorded, the user's same-name
// entry refused without --force and restored after it), byte-exact uninstall when the file is untouched, semantic
// removal of only outfit's entries when the user edited it since, and file:line:col for a broken file.
import { describe, expect, it } from 'vitest'
import type { ActionContext } from '../../src/actions/types.js'
import { yamlMerge } from '../../src/actions/yaml-merge.js'
import { yamlUnmerge } from '../../src/actions/yaml-unmerge.js'
import type { YamlMergeParams } from '../../src/generated/target.js'
import type { Change, Kit, McpServer } from '../../src/types.js'
import { testContext } from '../helpers/context.js'
import { createTestFs } from '../helpers/test-fs.js'

const file = '/home/.config/goose/config.yaml'
const userConfig = `# my goose
GOOSE_PROVIDER: anthropic   # the provider
extensions:
  developer:
    enabled: true
    type: builtin
`
const server: McpServer = {
  name: 'issues',
  command: 'npx',
  args: ['-y', 'issues-mcp'],
  env: { LOG: 'debug' },
}
const goose: YamlMergeParams = {
  file,
  entries: {
    from: 'mcp',
    at: ['extensions'],
    envRefs: 'none',
    stdio: { enabled: true, type: 'stdio', name: '$name', cmd: '$command', args: '$args', envs: '$env' },
  },
}
const continueList: YamlMergeParams = {
  file,
  entries: {
    from: 'mcp',
    at: ['mcpServers'],
    mode: 'named',
    stdio: { name: '$name', command: '$command', args: '$args', env: '$env' },
  },
}

function setup(
  files: Record<string, string>,
  mcp: McpServer[] = [server],
  overrides: Partial<ActionContext> = {},
) {
  const { fs, vol } = createTestFs(files)
  const changes: Change[] = []
  const kit: Kit = { dir: '/kit', name: 'kit', version: '1.0.0', mcp, hooks: [], files: [] }
  const ctx = testContext(fs, { kit, record: (c) => changes.push(c), ...overrides })
  const read = () => vol.readFileSync(file, 'utf8') as string
  return { ctx, changes, read, vol, fs }
}

describe('yaml-merge', () => {
  it('adds an extension to the user’s config and uninstall gives the bytes back', async () => {
    const { ctx, changes, read } = setup({ [file]: userConfig })
    await yamlMerge.run(goose, ctx)
    expect(read()).toBe(
      `${userConfig}  issues:\n    enabled: true\n    type: stdio\n    name: issues\n    cmd: npx\n    args:\n      - -y\n      - issues-mcp\n    envs:\n      LOG: debug\n`,
    )
    expect(changes).toMatchObject([
      { kind: 'edit', format: 'yaml', owned: [{ path: ['extensions', 'issues'] }] },
    ])
    await yamlUnmerge.undo(changes, ctx, 'uninstall')
    expect(read()).toBe(userConfig)
  })

  it('removes only its own entry when the user edited the file since', async () => {
    const { ctx, changes, read, vol } = setup({ [file]: userConfig })
    await yamlMerge.run(goose, ctx)
    vol.writeFileSync(file, read().replace('GOOSE_PROVIDER: anthropic', 'GOOSE_PROVIDER: openai'))
    const result = await yamlUnmerge.undo(changes, ctx, 'uninstall')
    expect(result.kept).toEqual([])
    expect(read()).toBe(userConfig.replace('anthropic', 'openai'))
  })

  it('keeps (and reports) its entry when the user changed it', async () => {
    const { ctx, changes, read, vol } = setup({ [file]: userConfig })
    await yamlMerge.run(goose, ctx)
    vol.writeFileSync(file, read().replace('LOG: debug', 'LOG: trace'))
    const result = await yamlUnmerge.undo(changes, ctx, 'uninstall')
    expect(result.kept).toEqual([
      { path: `${file} › extensions.issues`, reason: 'changed since outfit set it' },
    ])
    expect(read()).toContain('LOG: trace')
  })

  it('refuses the user’s entry of the same name without --force, and restores it after --force', async () => {
    const mine = `${userConfig}  issues:\n    enabled: false\n    type: stdio\n    cmd: my-issues\n`
    const refused = setup({ [file]: mine })
    await expect(yamlMerge.run(goose, refused.ctx)).rejects.toThrow(
      /'extensions\.issues' already holds a different value that outfit did not write/,
    )
    expect(refused.read()).toBe(mine)
    const forced = setup({ [file]: mine }, [server], { force: true })
    await forced.ctx.fs.writeFile(file, mine)
    await yamlMerge.run(goose, forced.ctx)
    expect(forced.read()).toContain('cmd: npx')
    forced.ctx.force = false
    forced.vol.writeFileSync(file, `${forced.read()}# touched\n`)
    await yamlUnmerge.undo(forced.changes, forced.ctx, 'uninstall')
    expect(forced.read()).toBe(`${mine}# touched\n`)
  })

  it('creates the file (and removes it again) when there was none', async () => {
    const { ctx, changes, read, vol } = setup({})
    await yamlMerge.run(goose, ctx)
    expect(read()).toBe(
      'extensions:\n  issues:\n    enabled: true\n    type: stdio\n    name: issues\n    cmd: npx\n    args:\n      - -y\n      - issues-mcp\n    envs:\n      LOG: debug\n',
    )
    vol.writeFileSync(file, `# a note\n${read()}`)
    await yamlUnmerge.undo(changes, ctx, 'uninstall')
    expect(read()).toBe('# a note\n')
  })

  it('reports a broken file at its line and column and writes nothing', async () => {
    const broken = 'extensions:\n  a: [\n'
    const { ctx, read } = setup({ [file]: broken })
    await expect(yamlMerge.run(goose, ctx)).rejects.toThrow(`${file}:3:1: not valid YAML`)
    expect(read()).toBe(broken)
  })

  it('removes an entry the previous install owned and the kit no longer has', async () => {
    const first = setup({ [file]: userConfig }, [server, { name: 'old', command: 'old-mcp' }])
    await yamlMerge.run(goose, first.ctx)
    expect(first.read()).toContain('  old:\n')
    const previous = { steps: [{ step: 'mcp', inverse: 'yaml-unmerge', changes: first.changes }] }
    const second = setup({ [file]: first.read() }, [server], {
      previous: previous as unknown as ActionContext['previous'],
    })
    await yamlMerge.run(goose, second.ctx)
    expect(second.read()).not.toContain('old')
    expect(second.read()).toContain('  issues:\n')
  })
})

describe('named lists (Continue mcpServers)', () => {
  const continueConfig =
    'name: Local Config\nversion: 1.0.0\nschema: v1\nmcpServers:\n  - name: mine\n    command: my-mcp\n'

  it('appends an element identified by its name and removes exactly it', async () => {
    const { ctx, changes, read, vol } = setup({ [file]: continueConfig })
    await yamlMerge.run(continueList, ctx)
    expect(read()).toBe(
      `${continueConfig}  - name: issues\n    command: npx\n    args:\n      - -y\n      - issues-mcp\n    env:\n      LOG: debug\n`,
    )
    vol.writeFileSync(file, read().replace('Local Config', 'My Config'))
    await yamlUnmerge.undo(changes, ctx, 'uninstall')
    expect(read()).toBe(continueConfig.replace('Local Config', 'My Config'))
  })

  it('refuses an element of the same name the user wrote, and puts it back after --force', async () => {
    const mine = `${continueConfig}  - name: issues\n    command: their-issues\n`
    await expect(yamlMerge.run(continueList, setup({ [file]: mine }).ctx)).rejects.toThrow(
      /already has an entry named 'issues' that outfit did not write/,
    )
    const forced = setup({ [file]: mine }, [server], { force: true })
    await yamlMerge.run(continueList, forced.ctx)
    expect(forced.read()).not.toContain('their-issues')
    forced.ctx.force = false
    forced.vol.writeFileSync(file, forced.read().replace('Local Config', 'Mine'))
    await yamlUnmerge.undo(forced.changes, forced.ctx, 'uninstall')
    expect(forced.read()).toBe(mine.replace('Local Config', 'Mine'))
  })

  it('updates its own element on re-install instead of refusing it', async () => {
    const first = setup({ [file]: continueConfig })
    await yamlMerge.run(continueList, first.ctx)
    const previous = { steps: [{ step: 'mcp', inverse: 'yaml-unmerge', changes: first.changes }] }
    const changed: McpServer = { ...server, args: ['-y', 'issues-mcp@2'] }
    const second = setup({ [file]: first.read() }, [changed], {
      previous: previous as unknown as ActionContext['previous'],
    })
    await yamlMerge.run(continueList, second.ctx)
    expect(second.read()).toContain('issues-mcp@2')
    expect(second.read().match(/name: issues/g)).toHaveLength(1)
  })

  it('appends to a list of paths (Aider read:), removes only its item, and refuses a single value', async () => {
    const read = { file, append: { read: ['/home/.aider/kit.md'] } }
    const list = setup({ [file]: '# aider\nread:\n- CONVENTIONS.md\n' })
    await yamlMerge.run(read, list.ctx)
    expect(list.read()).toBe('# aider\nread:\n- CONVENTIONS.md\n- /home/.aider/kit.md\n')
    list.vol.writeFileSync(file, `${list.read()}model: x\n`)
    await yamlUnmerge.undo(list.changes, list.ctx, 'uninstall')
    expect(list.read()).toBe('# aider\nread:\n- CONVENTIONS.md\nmodel: x\n')
    const single = setup({ [file]: 'read: CONVENTIONS.md\n' })
    await expect(yamlMerge.run(read, single.ctx)).rejects.toThrow(/'read' holds a single value, not a list/)
    expect(single.read()).toBe('read: CONVENTIONS.md\n')
  })
})

// Tools whose configuration is YAML (Continue's and Goose's config.yaml, Aider's .aider.conf.yml), end to end on a
// real file system: the user's comments and layout survive install, an untouched file comes back byte for byte, an
// edited one loses only outfit's entries, and the user's own entry of the same name is never overwritten silently.
import { describe, expect, it } from 'vitest'
import { useSandbox } from './sandbox.js'

const sb = useSandbox()

const continueConfig = `# Written by Continue on first start, then edited by hand
name: Main Config
version: 1.0.0
schema: v1
models:   # none yet
  - name: local
    provider: ollama
    model: qwen
mcpServers:
  - name: mine
    command: my-mcp
`
const gooseConfig = `GOOSE_PROVIDER: anthropic
extensions:
  developer:
    bundled: true
    enabled: true
    name: developer
    timeout: 300
    type: builtin
GOOSE_MODE: smart_approve   # ask before risky tools
`

describe('Continue: ~/.continue/config.yaml', () => {
  const path = 'home/.continue/config.yaml'

  it('adds the kit servers to the mcpServers list and gives the file back byte for byte', async () => {
    await sb.write(path, continueConfig)
    const report = await sb.install(['continue'], { scope: 'global' })
    expect(report.results[0]?.status).toBe('installed')
    const text = await sb.read(path)
    expect(text.startsWith(continueConfig)).toBe(true)
    expect(text).toContain('  - name: issues\n    command: npx\n')
    expect(text).toContain('GITHUB_PERSONAL_ACCESS_TOKEN: ${{ secrets.GITHUB_PERSONAL_ACCESS_TOKEN }}')
    expect(text).toContain('  - name: events\n    type: sse\n    url: https://example.com/sse\n')
    await sb.uninstall(['continue'], { scope: 'global' })
    expect(await sb.read(path)).toBe(continueConfig)
  })

  it('keeps the user’s later edits and removes only the kit’s servers', async () => {
    await sb.write(path, continueConfig)
    await sb.install(['continue'], { scope: 'global' })
    await sb.write(path, (await sb.read(path)).replace('model: qwen', 'model: llama'))
    await sb.uninstall(['continue'], { scope: 'global' })
    expect(await sb.read(path)).toBe(continueConfig.replace('model: qwen', 'model: llama'))
  })

  it('refuses a server of the same name the user wrote, and leaves the file alone', async () => {
    const mine = `${continueConfig}  - name: issues\n    command: my-issues\n`
    await sb.write(path, mine)
    const report = await sb.install(['continue'], { scope: 'global' })
    expect(report.results[0]?.status).toBe('failed')
    expect(report.results[0]?.failure?.error.message).toMatch(
      /already has an entry named 'issues' that outfit did not write/,
    )
    expect(await sb.read(path)).toBe(mine)
  })

  it('does not create config.yaml when Continue has not (its first start writes the models it needs)', async () => {
    const report = await sb.install(['continue'], { scope: 'global' })
    expect(report.results[0]?.status).toBe('installed')
    await expect(sb.read(path)).rejects.toThrow(/ENOENT/)
  })
})

describe('Goose: ~/.config/goose/config.yaml', () => {
  const path = 'home/.config/goose/config.yaml'

  it('adds extensions beside the user’s, keeps the comment, and uninstalls to the same bytes', async () => {
    await sb.write(path, gooseConfig)
    await sb.install(['goose'], { scope: 'global' })
    const text = await sb.read(path)
    expect(text).toContain('GOOSE_MODE: smart_approve   # ask before risky tools\n')
    expect(text).toContain('  issues:\n    type: stdio\n    name: issues\n    enabled: true\n    cmd: npx\n')
    expect(text).toContain('    env_keys:\n      - GITHUB_PERSONAL_ACCESS_TOKEN\n')
    expect(text).toContain('      Authorization: Bearer ${DOCS_TOKEN}\n    env_keys:\n      - DOCS_TOKEN\n')
    await sb.uninstall(['goose'], { scope: 'global' })
    expect(await sb.read(path)).toBe(gooseConfig)
  })

  it('reports a broken config at its line and column and changes nothing', async () => {
    const broken = 'extensions:\n  developer: [\n'
    await sb.write(path, broken)
    const report = await sb.install(['goose'], { scope: 'global' })
    expect(report.results[0]?.status).toBe('failed')
    expect(report.results[0]?.failure?.error.message).toMatch(/config\.yaml:3:1: not valid YAML/)
    expect(await sb.read(path)).toBe(broken)
  })
})

describe('Aider: .aider.conf.yml', () => {
  it('adds CONVENTIONS.md to the read list and takes only it out again', async () => {
    const conf = '# aider settings\nmodel: sonnet\nread:\n  - docs/ARCHITECTURE.md\n'
    await sb.write('project/.aider.conf.yml', conf)
    await sb.install(['aider'], { scope: 'project' })
    expect(await sb.read('project/.aider.conf.yml')).toBe(`${conf}  - CONVENTIONS.md\n`)
    await sb.write(
      'project/.aider.conf.yml',
      (await sb.read('project/.aider.conf.yml')).replace('sonnet', 'opus'),
    )
    await sb.uninstall(['aider'], { scope: 'project' })
    expect(await sb.read('project/.aider.conf.yml')).toBe(conf.replace('sonnet', 'opus'))
  })
})

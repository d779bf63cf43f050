// A plugin as a fetched kit source, through the real CLI (in-process), offline: a Claude Code plugin in a tarball is
// locked with the integrity of the plugin's own bytes, its commands (hooks, stdio servers) go through trust, and a
// frozen install takes it from the cache.
import { existsSync } from 'node:fs'
import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runCli } from '../helpers/run-cli.js'
import { kitFiles, tarball, tempDir, writeTree } from '../helpers/kit-sources.js'
import { claudePlugin } from '../plugins/fixtures.js'

let home: string
let project: string
beforeEach(async () => {
  home = await tempDir('outfit-home-')
  project = await tempDir('outfit-project-')
  await writeTree(project, { '.git/HEAD': 'ref: refs/heads/main\n' })
})
afterEach(async () => {
  await rm(home, { recursive: true, force: true })
  await rm(project, { recursive: true, force: true })
})

const outfit = (...argv: string[]) => runCli([...argv, '--home', home], { cwd: project })

describe('a plugin in a tarball', () => {
  it('is refused until trusted (its hooks and servers shown), then installed, locked and reinstalled frozen', async () => {
    await tarball(join(project, 'review-tools-2.1.0.tgz'), claudePlugin)
    await writeFile(
      join(project, 'outfit.config.yaml'),
      'kit: ./review-tools-2.1.0.tgz\ntools: [claude-code, cursor]\nscope: project\n',
    )
    const refused = await outfit('install')
    expect(refused.code, refused.all).toBe(6)
    // The commands the plugin would run, with its scripts where outfit keeps the plugin (the cache).
    expect(refused.err).toMatch(
      /hook postToolUse \(Edit\|Write\): \S+\/\.cache\/outfit\/kits\/[^ ]+\/scripts\/fmt\.sh/,
    )
    expect(refused.err).toMatch(/MCP server local: node \S+\/scripts\/lint\.sh --stdio/)
    expect(existsSync(join(project, '.claude'))).toBe(false)
    expect(existsSync(join(project, 'outfit.lock'))).toBe(false)

    const trusted = await outfit('install', '--trust')
    expect(trusted.code, trusted.all).toBe(0)
    expect(trusted.err).toContain(
      'Claude Code plugin read as a kit: output styles (plugin.json outputStyles) left out',
    )
    expect(await readFile(join(project, '.claude/commands/review.md'), 'utf8')).toContain('Review $ARGUMENTS')
    expect(await readFile(join(project, '.cursor/commands/review.md'), 'utf8')).toBe(
      'Review $ARGUMENTS carefully.\n',
    )
    const lock = JSON.parse(await readFile(join(project, 'outfit.lock'), 'utf8'))
    expect(lock.kits['./review-tools-2.1.0.tgz']).toMatchObject({
      integrity: expect.stringMatching(/^sha256-/),
    })
    // The hook runs the plugin's script from the cached copy of the plugin, which is there.
    const settings = JSON.parse(await readFile(join(project, '.claude/settings.json'), 'utf8'))
    const command: string = settings.hooks.PostToolUse[0].hooks[0].command
    expect(command).toMatch(/\/scripts\/fmt\.sh$/)
    expect(existsSync(command)).toBe(true)

    await rm(join(project, '.claude'), { recursive: true, force: true })
    const frozen = await outfit('install', '--frozen')
    expect(frozen.code, frozen.all).toBe(0)
    expect(existsSync(join(project, '.claude/commands/review.md'))).toBe(true)
  })
  it('installs together with a kit of its own (kits:), both merged', async () => {
    await tarball(join(project, 'review-tools-2.1.0.tgz'), claudePlugin)
    await writeTree(join(project, 'base'), kitFiles('base', '1.0.0'))
    await writeFile(
      join(project, 'outfit.config.yaml'),
      'kits:\n  review: ./review-tools-2.1.0.tgz\n  base: ./base\ntools: [claude-code]\nscope: project\n',
    )
    const run = await outfit('install', '--trust')
    expect(run.code, run.all).toBe(0)
    expect(existsSync(join(project, '.claude/skills/base-skill/SKILL.md'))).toBe(true)
    expect(existsSync(join(project, '.claude/skills/lint/SKILL.md'))).toBe(true)
    expect(existsSync(join(project, '.claude/agents/critic.md'))).toBe(true)
  })
})

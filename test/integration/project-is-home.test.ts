// `--project ~`: the project folder is the home, so the global and project scopes of one tool share folders
// (~/.agents/skills, ~/.codex/config.toml). Uninstalling one scope must keep what the other still claims.
import { requireKit } from '../../src/kit/load-kit.js'
import { describe, expect, it } from 'vitest'
import { installTools as install, uninstallTools as uninstall } from '../../src/run/run-tools.js'
import { requireTargets } from '../../src/api/targets.js'
import { realFs } from '../../src/fs/fs.js'
import { useSandbox } from './sandbox.js'

const sb = useSandbox()

async function run(command: 'install' | 'uninstall', tools: string[], scope: string) {
  const targets = (await requireTargets({ fs: realFs })).filter((t) => tools.includes(t.spec.id))
  const request = {
    fs: realFs,
    targets,
    scope,
    home: sb.home,
    project: sb.home,
    stateHome: sb.state,
    env: {},
  }
  return command === 'install'
    ? install({ ...request, kit: await requireKit(request.fs, sb.kit) })
    : uninstall(request)
}

describe('the project folder is the home', () => {
  it.each([
    ['global', 'project'],
    ['project', 'global'],
  ])(
    'uninstalling %s keeps what %s still claims, and then both leave the home as it was',
    async (first, second) => {
      await sb.write('home/.codex/config.toml', 'model = "o3"\n')
      const before = await sb.tree()
      for (const scope of ['global', 'project']) {
        const report = await run('install', ['codex', 'claude-code'], scope)
        expect(report.results.map((r) => [r.tool, r.status, r.failure?.error.message])).toEqual([
          ['claude-code', 'installed', undefined],
          ['codex', 'installed', undefined],
        ])
      }
      const installed = await sb.tree()
      expect((await run('uninstall', ['codex', 'claude-code'], first)).results.map((r) => r.status)).toEqual([
        'uninstalled',
        'uninstalled',
      ])
      // The files both scopes wrote (the same paths, with the project at the home) stay for the other scope.
      const shared = ['home/.agents/skills/code-review/SKILL.md', 'home/.claude/skills/code-review/SKILL.md']
      expect(Object.keys(installed)).toEqual(expect.arrayContaining(shared))
      expect(Object.keys(await sb.tree())).toEqual(expect.arrayContaining(shared))
      expect(await sb.read('home/.codex/config.toml')).toContain('[mcp_servers.docs]')
      expect((await run('uninstall', ['codex', 'claude-code'], second)).results.map((r) => r.status)).toEqual(
        ['uninstalled', 'uninstalled'],
      )
      expect(await sb.tree()).toEqual(before)
    },
  )
})

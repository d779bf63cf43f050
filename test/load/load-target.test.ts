// Every invalid target gives its exact `file:LINE:COL  /pointer: message` diagnostics — all of them at once.
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { realFs } from '../../src/fs/fs.js'
import { loadTarget } from '../../src/load/load-target.js'
import { builtinTargetsDir } from '../../src/package-root.js'
import { renderDiagnostics } from '../../src/report/render.js'
import { theLongWay } from '../helpers/built-record.js'
import { repoRoot } from '../integration/sandbox.js'

const fixtures = join(repoRoot, 'test/fixtures/targets')

async function problems(file: string): Promise<string[]> {
  const result = await loadTarget(realFs, join(fixtures, file))
  return result.ok ? [] : renderDiagnostics(result.diagnostics, { color: false, cwd: fixtures })
}

const cases: [string, string[]][] = [
  [
    'duplicate-steps.yaml',
    [
      "invalid/duplicate-steps.yaml:10:11  /steps/1/name: duplicate step name 'agents' (first used by step 1)",
    ],
  ],
  ['empty.yaml', ['invalid/empty.yaml:1:1  is empty; see the schema for the keys it needs']],
  [
    'entries-wrong-field.yaml',
    [
      "invalid/entries-wrong-field.yaml:16:18  /steps/0/run/with/entries/tools: 'tools' is for entries from hooks; these come from mcp",
      "invalid/entries-wrong-field.yaml:15:44  /steps/0/run/with/entries/stdio/env: unknown field '$environment'; servers have $name, $command, $args, $argv, $env, $url, $headers, $transport, $envVars, $envHeaders, $bearerEnv (write $$ for a literal $)",
      "invalid/entries-wrong-field.yaml:23:55  /steps/1/run/with/entries/envRefs: 'envRefs' is for entries from mcp; these come from hooks",
      "invalid/entries-wrong-field.yaml:23:91  /steps/1/run/with/entries/shape/wait: unknown field '$timeout_ms'; hooks have $name, $event, $matcher, $command, $timeout (write $$ for a literal $)",
    ],
  ],
  [
    'hook-timeout-unit.yaml',
    [
      'invalid/hook-timeout-unit.yaml:12:77  /steps/0/run/with/entries/envRefs: must be "none"',
      "invalid/hook-timeout-unit.yaml:12:77  /steps/0/run/with/entries/envRefs: missing required key 'suffix'",
      'invalid/hook-timeout-unit.yaml:12:59  /steps/0/run/with/entries/timeoutUnit: must be one of: "seconds", "milliseconds"',
    ],
  ],
  [
    'manifest-not-last.yaml',
    ["invalid/manifest-not-last.yaml:8:20  /steps/0/run/action: 'manifest' must be the last step"],
  ],
  ['not-utf8.yaml', ['invalid/not-utf8.yaml:1:1  is not valid UTF-8 text']],
  [
    'syntax-error.yaml',
    [
      'invalid/syntax-error.yaml:4:1  YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ],
  ],
  ['unknown-action.yaml', ["invalid/unknown-action.yaml:8:10  /steps/0/run: unknown action 'teleport'"]],
  ['unknown-key.yaml', ["invalid/unknown-key.yaml:4:1  unknown key 'colour'"]],
  [
    'unknown-scope.yaml',
    [
      "invalid/unknown-scope.yaml:8:29  /steps/0/when/scope/1: unknown scope 'workspace'; this target defines: global",
      "invalid/unknown-scope.yaml:11:20  /steps/1/when/scope: unknown scope 'project'; this target defines: global",
    ],
  ],
  [
    'old-conditions.yaml',
    [
      "invalid/old-conditions.yaml:9:5  /steps/0: unknown key 'scopes': a step's scopes are a condition now: when: { scope: [...] }",
      "invalid/old-conditions.yaml:12:63  /steps/1/run/with: unknown key 'select': a filter on frontmatter is a condition now: when: { has: [...], lacks: [...] }",
      "invalid/old-conditions.yaml:19:54  /steps/2/run/with/transform/0/frontmatter/cases/mode/0: unknown key 'if': a case is a condition now: when: { has: key }",
    ],
  ],
  [
    'preset-unknown.yaml',
    [
      "invalid/preset-unknown.yaml:7:13  /steps/0/preset: unknown preset 'skils'; did you mean 'skills'? (presets: agents, commands, commands-as-skills, hooks, mcp-servers, mcp-servers-opencode, mcp-servers-typed, rules-block, rules-files, rules-paths, rules-trigger, skills)",
    ],
  ],
  [
    'preset-params.yaml',
    [
      "invalid/preset-params.yaml:8:5  /steps/0/too: unknown parameter 'too' of preset 'skills'; did you mean 'to'? (it takes: to, accepts)",
      "invalid/preset-params.yaml:9:13  /steps/1/preset: preset 'rules-block' needs 'file': The instructions file (e.g. `{{project}}/AGENTS.md`).",
      "invalid/preset-params.yaml:11:9  /steps/2/to: must be string (preset 'agents', at /run/with/to)",
    ],
  ],
  [
    'preset-variable.yaml',
    [
      "invalid/preset-variable.yaml:10:9  /steps/1/to: unknown variable {{nope}} (preset 'commands', at /run/with/to)",
    ],
  ],
  [
    'unsupported-unknown-scope.yaml',
    [
      "invalid/unsupported-unknown-scope.yaml:7:35  /unsupported/0/scope/0: unknown scope 'project'; this target defines: global",
    ],
  ],
  [
    'unknown-variable.yaml',
    ['invalid/unknown-variable.yaml:8:57  /steps/0/run/with/to: unknown variable {{nope}}'],
  ],
  [
    'platform-vars.yaml',
    [
      'invalid/platform-vars.yaml:10:14  /scopes/global/vars/other: must be string',
      "invalid/platform-vars.yaml:10:14  /scopes/global/vars/other: missing required key 'win32'",
    ],
  ],
  [
    'platform-var-unknown.yaml',
    [
      'invalid/platform-var-unknown.yaml:9:52  /scopes/global/vars/data/darwin: unknown variable {{hom}}',
      "invalid/platform-var-unknown.yaml:13:113  /steps/0/run/with/entries/mode: 'named' lists are for MCP servers in a yaml-merge step (elements identified by their name)",
    ],
  ],
  [
    'system-outside-sysroot.yaml',
    [
      'invalid/system-outside-sysroot.yaml:7:100  /scopes/system/dir/win32: unknown variable {{sysrot}}',
      "invalid/system-outside-sysroot.yaml:6:49  /scopes/system/root/darwin: a system scope's root must start with {{sysroot}}/ (so that --root moves it)",
    ],
  ],
  [
    'variable-in-one-scope.yaml',
    [
      "invalid/variable-in-one-scope.yaml:9:46  /steps/0/run/with/file: variable {{mcp}} is not defined in scope 'project'",
    ],
  ],
  [
    'wrong-rollback.yaml',
    [
      "invalid/wrong-rollback.yaml:9:25  /steps/0/rollback/action: 'remove' does not undo 'json-merge'; use 'json-unmerge'",
    ],
  ],
  [
    'wrong-types.yaml',
    [
      'invalid/wrong-types.yaml:2:5  /id: must match ^[a-z][a-z0-9-]*$',
      'invalid/wrong-types.yaml:3:7  /name: must be string',
      'invalid/wrong-types.yaml:8:57  /steps/0/run/with/to: must be string',
    ],
  ],
  ['does-not-exist.yaml', ['invalid/does-not-exist.yaml:1:1  file not found']],
]

describe('loadTarget', () => {
  it('has a case for every invalid fixture', () => {
    const files = readdirSync(join(fixtures, 'invalid')).sort()
    expect(files).toEqual(
      cases
        .map(([f]) => f)
        .filter((f) => f !== 'does-not-exist.yaml')
        .sort(),
    )
  })

  it.each(cases)('%s', async (file, expected) => {
    expect(await problems(join('invalid', file))).toEqual(expected)
  })

  it.each(readdirSync(join(fixtures, 'valid')))('accepts valid/%s', async (file) => {
    expect(await problems(join('valid', file))).toEqual([])
  })

  it('appends the manifest step a target leaves out, and keeps one it writes', async () => {
    const implicit = await loadTarget(realFs, join(fixtures, 'valid/implicit-manifest.yaml'))
    const explicit = await loadTarget(realFs, join(fixtures, 'valid/minimal.yaml'))
    for (const result of [implicit, explicit]) {
      if (!result.ok) throw new Error('expected the fixture to load')
      expect(result.value.spec.steps.map((s) => s.run.action)).toEqual(['copy', 'manifest'])
    }
  })

  it.each(readdirSync(builtinTargetsDir).filter((f) => f.endsWith('.yaml')))(
    'accepts the built-in target %s',
    async (file) => {
      // The long way, as the build checks it: the other tests take the built-in targets from the build's record.
      const result = await theLongWay(() => loadTarget(realFs, join(builtinTargetsDir, file)))
      expect(result.ok ? [] : result.diagnostics).toEqual([])
    },
  )
})

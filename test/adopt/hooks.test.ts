// Hooks read back from each tool's own files through the targets' declarations: hand-written layouts (groups of
// several handlers, prompt hooks, events and tools the kit has no name for), and every built-in target's shapes.
import { describe, expect, it } from 'vitest'
import { adoptHooks } from '../../src/adopt/hooks.js'
import type { Entries } from '../../src/generated/target.js'
import { mapShape } from '../../src/formats/map-entry.js'
import { forward, forwardMatcher } from '../../src/formats/mappings.js'
import type { Hook } from '../../src/types.js'
import { createTestFs } from '../helpers/test-fs.js'
import { adoptInput, builtins, HOME, PROJECT } from './adopt-input.js'
import { stringify } from 'smol-toml'
import { stringify as yamlStringify } from 'yaml'

describe('adoptHooks', () => {
  it('reads Claude Code settings.json: a group of two handlers is two hooks; what the kit cannot say is skipped', async () => {
    const { fs } = createTestFs({
      [`${PROJECT}/.claude/settings.json`]: `{
  "permissions": { "allow": ["Bash(npm test)"] },
  "hooks": {
    "PostToolUse": [
      { "matcher": "Edit|Write", "hooks": [
        { "type": "command", "command": "npx prettier --write", "timeout": 30 },
        { "type": "command", "command": "npx eslint --fix" },
        { "type": "prompt", "prompt": "Check the edit" }
      ] }
    ],
    "SessionStart": [{ "hooks": [{ "type": "command", "command": "./scripts/context.sh" }] }],
    "PermissionRequest": [{ "hooks": [{ "type": "command", "command": "./scripts/allow.sh" }] }],
    "Stop": [{ "hooks": [{ "type": "command", "command": "say done", "async": true }] }]
  }
}
`,
    })
    const part = await adoptHooks(adoptInput(fs, 'claude-code'))
    expect(part.value).toEqual([
      { event: 'postToolUse', matcher: 'Edit|Write', command: 'npx prettier --write', timeout: 30 },
      { event: 'postToolUse', matcher: 'Edit|Write', command: 'npx eslint --fix' },
      { event: 'sessionStart', command: './scripts/context.sh' },
    ])
    expect(part.sources['postToolUse Edit|Write npx eslint --fix']).toEqual([
      `${PROJECT}/.claude/settings.json`,
    ])
    expect(part.skipped.map((s) => [s.what, s.reason])).toEqual([
      ["hook PostToolUse (Edit|Write) '?'", expect.stringMatching(/hooks\[2\]\.type holds another value/)],
      [
        "hook PermissionRequest './scripts/allow.sh'",
        "claude-code's event 'PermissionRequest' has no kit equivalent",
      ],
      [
        "hook Stop 'say done'",
        expect.stringMatching(/has hooks\[0\]\.async, which the kit's hooks have no place for/),
      ],
    ])
    expect(part.skipped[1]?.where).toBe(`${PROJECT}/.claude/settings.json:12:72`)
  })

  it("reads Gemini CLI's event and tool names back into the kit's, and leaves a matcher it cannot name", async () => {
    const { fs } = createTestFs({
      [`${HOME}/.gemini/settings.json`]: JSON.stringify({
        hooks: {
          BeforeTool: [
            {
              matcher: 'run_shell_command',
              hooks: [{ type: 'command', command: 'guard.sh', timeout: 5000 }],
            },
            { matcher: 'some_mcp_tool', hooks: [{ type: 'command', command: 'mcp-guard.sh' }] },
          ],
          AfterAgent: [{ hooks: [{ type: 'command', command: 'notify.sh' }] }],
        },
      }),
    })
    const part = await adoptHooks(adoptInput(fs, 'gemini-cli', 'global'))
    expect(part.value).toEqual([
      { event: 'preToolUse', matcher: 'Bash', command: 'guard.sh', timeout: 5 },
      { event: 'stop', command: 'notify.sh' },
    ])
    expect(part.skipped.map((s) => s.reason)).toEqual([
      "its matcher names 'some_mcp_tool', which the kit has no tool name for",
    ])
  })

  it('reads Kimi Code [[hooks]] tables, whose event is a field of the entry', async () => {
    const { fs } = createTestFs({
      [`${HOME}/.kimi-code/config.toml`]: `default_model = "k2"

[[hooks]]
event = "PreToolUse"
matcher = "Bash"
command = "guard.sh"
timeout = 10

[[hooks]]
event = "Unheard"
command = "x"
`,
    })
    const input = adoptInput(fs, 'kimi-code', 'global')
    const part = await adoptHooks(input)
    expect(part.value).toEqual([{ event: 'preToolUse', matcher: 'Bash', command: 'guard.sh', timeout: 10 }])
    expect(part.skipped.map((s) => s.reason)).toEqual(["kimi-code's event 'Unheard' has no kit equivalent"])
  })

  it('says a millisecond timeout that is no whole number of seconds cannot go in the kit', async () => {
    const { fs } = createTestFs({
      [`${PROJECT}/.gemini/settings.json`]: JSON.stringify({
        hooks: { SessionStart: [{ hooks: [{ type: 'command', command: 'a.sh', timeout: 1500 }] }] },
      }),
    })
    const part = await adoptHooks(adoptInput(fs, 'gemini-cli'))
    expect(part.value).toEqual([])
    expect(part.skipped.map((s) => s.reason)).toEqual([
      'its timeout 1500 ms is not a whole number of seconds, which kit timeouts are',
    ])
  })
})

describe('every built-in target reads back the hooks it writes', () => {
  const hooks: Hook[] = [
    { event: 'preToolUse', matcher: 'Bash', command: 'guard.sh', timeout: 5 },
    { event: 'postToolUse', matcher: 'Edit|Write', command: 'fmt.sh' },
    { event: 'sessionStart', command: 'hello.sh', timeout: 20 },
    { event: 'stop', command: 'bye.sh' },
  ]
  const cases = builtins.flatMap((t) =>
    t.steps.flatMap((step) => {
      const run = step.run as { action?: string; with?: { entries?: Entries; file?: string } }
      const entries = run.with?.entries
      const scope = Object.keys(t.scopes).find((s) => {
        const when = step.when?.scope
        return when === undefined || when === s || (Array.isArray(when) && when.includes(s))
      })
      return entries?.from === 'hooks' && scope && run.with?.file && !run.with.file.includes('{{kit.name}}')
        ? [{ target: t.id, step: step.name, entries, scope, action: run.action ?? '', file: run.with.file }]
        : []
    }),
  )

  it('covers the targets that keep hooks', () => {
    expect(cases.length).toBeGreaterThan(10)
  })

  it.each(cases)('$target › $step', async ({ target, entries, scope, action, file }) => {
    const input = adoptInput(createTestFs().fs, target, scope)
    const written: Hook[] = []
    const doc: Record<string, unknown> = {}
    for (const hook of hooks) {
      const event = entries.events ? entries.events[hook.event] : hook.event
      if (event === undefined) continue
      const shape = (entries.eventShapes && entries.eventShapes[event]) ?? entries.shape ?? {}
      const matcher = forwardMatcher(hook.matcher, entries.tools)
      if (matcher.unknown.length > 0) continue
      if (matcher.value !== undefined && !JSON.stringify(shape).includes('"$matcher"')) continue
      const timeout = forward({ kind: 'timeUnit', unit: entries.timeoutUnit ?? 'seconds' }, hook.timeout)
      const fields = { event, matcher: matcher.value, command: hook.command, timeout }
      const at = entries.at.map((seg) => seg.replace('{{entry.event}}', event))
      let node = doc
      for (const seg of at.slice(0, -1)) node = (node[seg] ??= {}) as Record<string, unknown>
      const list = (node[at[at.length - 1] ?? ''] ??= []) as unknown[]
      list.push(mapShape(shape, fields, (s) => s))
      written.push(hook)
    }
    const text =
      action === 'toml-merge'
        ? stringify(doc)
        : action === 'yaml-merge'
          ? yamlStringify(doc)
          : JSON.stringify(doc)
    const path = file.startsWith('{{')
      ? file.replace(/^\{\{(\w+)\}\}/, (_m, name: string) => input.vars[name] ?? '')
      : `${input.vars.dir}/${file}`
    const { fs } = createTestFs({ [path]: text })
    const part = await adoptHooks({ ...input, fs })
    expect(part.skipped).toEqual([])
    // Several kit tools may be one of the tool's (Cursor's Write is Edit, MultiEdit and Write): the matcher read back
    // may name more of the kit's, and means the same tools in this tool, written in the same order.
    const inTool = (h: Hook) => ({ ...h, matcher: forwardMatcher(h.matcher, entries.tools).value })
    expect(part.value.map(inTool)).toEqual(written.map(inTool))
  })
})

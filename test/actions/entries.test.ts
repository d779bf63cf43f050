// MCP servers and hooks translated into each tool's vocabulary: env reference syntax, transports, hook events,
// matcher tool names and timeout units; whatever a tool cannot take is reported (log warning + dropped), never lost.
import { describe, expect, it } from 'vitest'
import { buildEntries } from '../../src/actions/kit-entries.js'
import type { Entries } from '../../src/generated/target.js'
import type { Hook, Kit, McpServer } from '../../src/types.js'
import { testContext } from '../helpers/context.js'
import { createTestFs } from '../helpers/test-fs.js'

function build(
  spec: Entries,
  content: { mcp?: McpServer[]; hooks?: Hook[] },
  env: Record<string, string> = {},
) {
  const kit: Kit = {
    dir: '/kit',
    name: 'kit',
    version: '1.0.0',
    mcp: content.mcp ?? [],
    hooks: content.hooks ?? [],
    files: [],
  }
  const ctx = testContext(createTestFs({}).fs, { kit, env })
  const entries = buildEntries(spec, ctx)
  return {
    values: Object.fromEntries(entries.map((e) => [e.path.join('.'), e.value])),
    dropped: ctx.log.dropped,
    warnings: ctx.log.entries.filter((e) => e.level === 'warn').map((e) => e.text),
  }
}

const docs: McpServer = {
  name: 'docs',
  url: 'https://example.com/mcp',
  headers: { Authorization: 'Bearer ${DOCS_TOKEN}', 'X-Team': '${TEAM}' },
}
const local: McpServer = {
  name: 'db',
  command: 'npx',
  args: ['-y', 'db-mcp'],
  env: { API_KEY: '${API_KEY}', LOG: 'debug' },
}
const sse: McpServer = { name: 'events', url: 'https://example.com/sse', transport: 'sse' }

describe('MCP servers: environment references', () => {
  it('keeps ${VAR} for tools that expand it (Claude Code, Gemini CLI)', () => {
    const { values } = build(
      { from: 'mcp', at: ['mcpServers'], remote: { url: '$url', headers: '$headers' } },
      { mcp: [docs] },
    )
    expect(values['mcpServers.docs']).toEqual({
      url: 'https://example.com/mcp',
      headers: { Authorization: 'Bearer ${DOCS_TOKEN}', 'X-Team': '${TEAM}' },
    })
  })

  it.each([
    [{ prefix: '${env:', suffix: '}' }, 'Bearer ${env:DOCS_TOKEN}', '${env:API_KEY}'],
    [{ prefix: '{env:', suffix: '}' }, 'Bearer {env:DOCS_TOKEN}', '{env:API_KEY}'],
  ])('rewrites them in headers and env as %o', (envRefs, header, env) => {
    const spec: Entries = {
      from: 'mcp',
      at: ['s'],
      envRefs,
      stdio: { command: '$command', args: '$args', env: '$env' },
      remote: { url: '$url', headers: '$headers' },
    }
    const { values } = build(spec, { mcp: [docs, local] })
    expect((values['s.docs'] as { headers: Record<string, string> }).headers.Authorization).toBe(header)
    expect((values['s.db'] as { env: Record<string, string> }).env).toEqual({ API_KEY: env, LOG: 'debug' })
  })

  it('for a tool that expands nothing (Codex) uses bearer_token_env_var, env_http_headers and env_vars instead', () => {
    const spec: Entries = {
      from: 'mcp',
      at: ['mcp_servers'],
      envRefs: 'none',
      stdio: { command: '$command', args: '$args', env: '$env', env_vars: '$envVars' },
      remote: {
        url: '$url',
        http_headers: '$headers',
        env_http_headers: '$envHeaders',
        bearer_token_env_var: '$bearerEnv',
      },
    }
    const { values, dropped } = build(
      spec,
      { mcp: [docs, local] },
      { DOCS_TOKEN: 'secret-value', TEAM: 't', API_KEY: 'k' },
    )
    expect(values['mcp_servers.docs']).toEqual({
      url: 'https://example.com/mcp',
      env_http_headers: { 'X-Team': 'TEAM' },
      bearer_token_env_var: 'DOCS_TOKEN',
    })
    expect(values['mcp_servers.db']).toEqual({
      command: 'npx',
      args: ['-y', 'db-mcp'],
      env: { LOG: 'debug' },
      env_vars: ['API_KEY'],
    })
    expect(dropped).toEqual([])
    expect(JSON.stringify(values)).not.toContain('secret-value')
  })

  it('leaves out only the env entry the tool cannot express, keeping the rest of the server', () => {
    const spec: Entries = {
      from: 'mcp',
      at: ['m'],
      envRefs: 'none',
      stdio: { command: '$command', env: '$env', env_vars: '$envVars' },
    }
    const { values, dropped, warnings } = build(
      spec,
      {
        mcp: [
          {
            name: 'envy',
            command: 'x',
            env: { PROBE_REF: '${PROBE_SRC}', TOKEN: 'Bearer ${T}', KEEP: '${KEEP}', LOG: 'debug' },
          },
        ],
      },
      { T: '1', PROBE_SRC: 's', KEEP: 'k' },
    )
    expect(values).toEqual({ 'm.envy': { command: 'x', env: { LOG: 'debug' }, env_vars: ['KEEP'] } })
    expect(dropped).toEqual([
      {
        what: "env.PROBE_REF of MCP server 'envy'",
        reason:
          "'${PROBE_SRC}' needs the variable renamed (export PROBE_REF instead of PROBE_SRC), which this tool cannot expand",
      },
      {
        what: "env.TOKEN of MCP server 'envy'",
        reason: "'Bearer ${T}' needs text around a variable, which this tool cannot expand",
      },
    ])
    expect(warnings[0]).toBe(
      "env.PROBE_REF of MCP server 'envy' not installed: '${PROBE_SRC}' needs the variable renamed (export PROBE_REF instead of PROBE_SRC), which this tool cannot expand",
    )
  })

  it('drops the whole server only when a reference sits in its command line or URL', () => {
    const spec: Entries = {
      from: 'mcp',
      at: ['m'],
      envRefs: 'none',
      stdio: { command: '$command', args: '$args', env: '$env' },
    }
    const { values, dropped } = build(
      spec,
      { mcp: [{ name: 'x', command: 'x', args: ['--token', '${T}'], env: { LOG: 'debug' } }] },
      { T: '1' },
    )
    expect(values).toEqual({})
    expect(dropped).toEqual([
      {
        what: "MCP server 'x'",
        reason: "args: '${T}' would reach the server literally: this tool expands no variables",
      },
    ])
  })

  it('warns about a referenced variable that is not set, without ever reading its value into a file', () => {
    const { warnings } = build(
      { from: 'mcp', at: ['m'], remote: { url: '$url', headers: '$headers' } },
      { mcp: [docs] },
      { TEAM: 't' },
    )
    expect(warnings).toEqual([
      "MCP server 'docs' uses ${DOCS_TOKEN}, which is not set in this environment: set it before Tool starts the server",
    ])
  })

  it('reports a field no key of the shape takes (headers for a tool entry without them)', () => {
    const { values, dropped } = build(
      { from: 'mcp', at: ['m'], remote: { url: '$url' } },
      { mcp: [docs] },
      { DOCS_TOKEN: 'x', TEAM: 't' },
    )
    expect(values).toEqual({})
    expect(dropped).toEqual([
      {
        what: "MCP server 'docs'",
        reason: "Tool's streamable HTTP server entry has no place for its headers",
      },
    ])
  })
})

describe('MCP servers: transports', () => {
  it('uses the sse shape for SSE servers and the remote one for streamable HTTP', () => {
    const spec: Entries = {
      from: 'mcp',
      at: ['mcpServers'],
      remote: { type: 'http', url: '$url' },
      sse: { type: 'sse', url: '$url' },
    }
    const { values } = build(spec, { mcp: [{ name: 'h', url: 'https://h' }, sse] })
    expect(values).toEqual({
      'mcpServers.h': { type: 'http', url: 'https://h' },
      'mcpServers.events': { type: 'sse', url: 'https://example.com/sse' },
    })
  })

  it('reports an SSE server for a tool without SSE (Codex)', () => {
    const { values, dropped } = build({ from: 'mcp', at: ['m'], remote: { url: '$url' } }, { mcp: [sse] })
    expect(values).toEqual({})
    expect(dropped).toEqual([{ what: "MCP server 'events'", reason: 'Tool has no SSE servers' }])
  })
})

describe('hooks', () => {
  const gemini: Entries = {
    from: 'hooks',
    at: ['hooks', '{{entry.event}}'],
    mode: 'append',
    events: { postToolUse: 'AfterTool', sessionStart: 'SessionStart' },
    tools: { Edit: 'replace', Write: 'write_file', Bash: 'run_shell_command' },
    timeoutUnit: 'milliseconds',
    shape: { matcher: '$matcher', hooks: [{ type: 'command', command: '$command', timeout: '$timeout' }] },
  }

  it('renames events, translates matcher tool names and converts the timeout to milliseconds', () => {
    const { values } = build(gemini, {
      hooks: [{ event: 'postToolUse', matcher: 'Edit|Write', command: 'fmt', timeout: 30 }],
    })
    expect(values['hooks.AfterTool']).toEqual({
      matcher: 'replace|write_file',
      hooks: [{ type: 'command', command: 'fmt', timeout: 30000 }],
    })
  })

  it('merges alternatives that map to one tool (Codex edits with apply_patch)', () => {
    const spec: Entries = {
      ...gemini,
      tools: { Edit: 'apply_patch', Write: 'apply_patch' },
      timeoutUnit: 'seconds',
    }
    const { values } = build(spec, {
      hooks: [{ event: 'postToolUse', matcher: 'Edit|Write', command: 'fmt', timeout: 30 }],
    })
    expect(values['hooks.AfterTool']).toEqual({
      matcher: 'apply_patch',
      hooks: [{ type: 'command', command: 'fmt', timeout: 30 }],
    })
  })

  it('keeps known alternatives with a warning, and reports a hook none of whose tools exist', () => {
    const { values, dropped, warnings } = build(gemini, {
      hooks: [
        { event: 'postToolUse', matcher: 'Edit|NotebookEdit', command: 'a' },
        { event: 'postToolUse', matcher: 'NotebookEdit', command: 'b' },
      ],
    })
    expect(values['hooks.AfterTool']).toEqual({
      matcher: 'replace',
      hooks: [{ type: 'command', command: 'a' }],
    })
    expect(warnings[0]).toBe(
      "hook postToolUse (Edit|NotebookEdit) 'a': 'NotebookEdit' has no Tool equivalent; the hook matches only replace",
    )
    expect(dropped).toEqual([
      { what: "hook postToolUse (NotebookEdit) 'b'", reason: "Tool has no equivalent of 'NotebookEdit'" },
    ])
  })

  it('reports a hook on an event the tool lacks', () => {
    const { dropped } = build(gemini, { hooks: [{ event: 'subagentStop', command: 'x' }] })
    expect(dropped).toEqual([{ what: "hook subagentStop 'x'", reason: "Tool has no 'subagentStop' event" }])
  })

  it('reports a matcher hook for a tool whose hooks cannot be limited to some tools (Copilot CLI)', () => {
    const spec: Entries = {
      from: 'hooks',
      at: ['hooks', '{{entry.event}}'],
      mode: 'append',
      shape: { type: 'command', bash: '$command', timeoutSec: '$timeout' },
    }
    const { values, dropped } = build(spec, {
      hooks: [
        { event: 'postToolUse', matcher: 'Edit', command: 'fmt' },
        { event: 'sessionStart', command: 'git status' },
      ],
    })
    expect(values).toEqual({ 'hooks.sessionStart': { type: 'command', bash: 'git status' } })
    expect(dropped).toEqual([
      { what: "hook postToolUse (Edit) 'fmt'", reason: 'Tool hooks cannot be limited to some tools' },
    ])
  })

  it('shapes the entries of some events differently (Antigravity: a Stop entry is the handler itself)', () => {
    const spec: Entries = {
      from: 'hooks',
      at: ['outfit', '{{entry.event}}'],
      mode: 'append',
      events: { preToolUse: 'PreToolUse', stop: 'Stop' },
      tools: { Bash: 'run_command' },
      shape: { matcher: '$matcher', hooks: [{ type: 'command', command: '$command', timeout: '$timeout' }] },
      eventShapes: { Stop: { type: 'command', command: '$command', timeout: '$timeout' } },
    }
    const { values, dropped } = build(spec, {
      hooks: [
        { event: 'preToolUse', matcher: 'Bash', command: 'guard', timeout: 5 },
        { event: 'stop', command: 'notify' },
        { event: 'stop', matcher: 'Bash', command: 'odd' },
      ],
    })
    expect(values).toEqual({
      'outfit.PreToolUse': {
        matcher: 'run_command',
        hooks: [{ type: 'command', command: 'guard', timeout: 5 }],
      },
      'outfit.Stop': { type: 'command', command: 'notify' },
    })
    expect(dropped).toEqual([
      { what: "hook stop (Bash) 'odd'", reason: 'Tool hooks cannot be limited to some tools' },
    ])
  })
})

describe('MCP servers: a tool that expands references in some fields only (Goose: headers, from env_keys)', () => {
  it('keeps ${VAR} in headers, passes env through $envVars and names every variable the headers need there too', () => {
    const spec: Entries = {
      from: 'mcp',
      at: ['extensions'],
      envRefs: { prefix: '${', suffix: '}', only: ['headers'] },
      stdio: { cmd: '$command', args: '$args', envs: '$env', env_keys: '$envVars' },
      remote: { uri: '$url', headers: '$headers', env_keys: '$envVars' },
    }
    const { values, dropped } = build(
      spec,
      { mcp: [docs, local] },
      { DOCS_TOKEN: 'x', TEAM: 't', API_KEY: 'k' },
    )
    expect(values['extensions.docs']).toEqual({
      uri: 'https://example.com/mcp',
      headers: { Authorization: 'Bearer ${DOCS_TOKEN}', 'X-Team': '${TEAM}' },
      env_keys: ['DOCS_TOKEN', 'TEAM'],
    })
    expect(values['extensions.db']).toEqual({
      cmd: 'npx',
      args: ['-y', 'db-mcp'],
      envs: { LOG: 'debug' },
      env_keys: ['API_KEY'],
    })
    expect(dropped).toEqual([])
  })
})

describe('MCP servers: a tool that expands references everywhere but in headers (Augment)', () => {
  const spec: Entries = {
    from: 'mcp',
    at: ['mcpServers'],
    envRefs: { prefix: '${', suffix: '}', only: ['env', 'args', 'url'] },
    stdio: { type: 'stdio', command: '$command', args: '$args', env: '$env' },
    remote: { type: 'http', url: '$url', headers: '$headers' },
  }

  it('keeps ${VAR} in env as written, with no list of variables to place', () => {
    const { values, dropped } = build(spec, { mcp: [local] }, { API_KEY: 'k' })
    expect(values['mcpServers.db']).toEqual({
      type: 'stdio',
      command: 'npx',
      args: ['-y', 'db-mcp'],
      env: { API_KEY: '${API_KEY}', LOG: 'debug' },
    })
    expect(dropped).toEqual([])
  })

  it('does not install a server whose headers hold a reference, and says why; one without installs', () => {
    const plain: McpServer = { name: 'plain', url: 'https://example.com/mcp', headers: { 'X-Team': 'red' } }
    const { values, dropped } = build(spec, { mcp: [docs, plain] }, { DOCS_TOKEN: 'x', TEAM: 't' })
    expect(Object.keys(values)).toEqual(['mcpServers.plain'])
    expect(dropped).toEqual([
      {
        what: "MCP server 'docs'",
        reason:
          "Tool does not expand ${VAR} in a server's headers, and its streamable HTTP server entry has no other place for them (envHeaders, bearerEnv)",
      },
    ])
  })
})

it('a tool that starts servers with its own environment (Zed) takes pass-through variables without an entry', () => {
  const spec: Entries = {
    from: 'mcp',
    at: ['context_servers'],
    envRefs: 'none',
    inheritEnv: true,
    stdio: { command: '$command', args: '$args', env: '$env' },
  }
  const { values, dropped } = build(spec, { mcp: [local] }, { API_KEY: 'k' })
  expect(values['context_servers.db']).toEqual({
    command: 'npx',
    args: ['-y', 'db-mcp'],
    env: { LOG: 'debug' },
  })
  expect(dropped).toEqual([])
})

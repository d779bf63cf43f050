// What people have in each tool's own places, written by hand in the tool's own file forms (its docs, the rows of
// /work/shared/TOOL-PATHS.md, and the real projects of the adopt corpus: long quoted descriptions with examples,
// YAML comments, keys only that tool has, bare Cursor globs, TOML prompts, a skill with a script and a binary) — not
// outfit's output. The folders come from each target's declarations (which cite the tool's docs), so one layout
// serves both scopes; the names and contents are the tool's.

/** The declared places of one tool in one scope: each kind's folder, by kind and by step name. */
export interface Places {
  scope: 'project' | 'global'
  kind: Partial<Record<'agents' | 'commands' | 'rules' | 'skills', string>>
  step: Record<string, string>
  /** The shared instructions file a block step writes (AGENTS.md, CLAUDE.md, ...). */
  block?: string
  /** The scope's root (the project, or the home). */
  root: string
  /** The scope's folder of the tool (`.claude`, `~/.aws/amazonq`). */
  dir: string
}

export type Layout = (at: Places) => Record<string, string | Uint8Array>

export const BINARY = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 159, 146, 150, 255, 0, 1, 2])
/** A tool's own settings file that install merges into (not an item's source): left in place, never removed. */
export const isSettings = (path: string) => path.endsWith('/.aider.conf.yml')
/** Files that are executables (mode 755) in a layout. */
export const isScript = (path: string) => path.endsWith('.sh')

// --- the contents, from real projects (trimmed) ---

/** A Claude Code agent as 1natsu172/dotfiles writes it: a long description with quoted examples, color, model. */
export const CLAUDE_AGENT = `---
name: code-reviewer
description: "Use this agent when you need to review recently written code. Examples: <example>user: 'I just wrote this login function, can you review it?' assistant: 'I'll use the code-reviewer agent.'</example>"
# the picker shows this color
model: inherit
color: green
tools: Read, Grep, Glob
---

You are a senior software engineer and code review specialist.

**Analysis Framework:**
- correctness first
`

/** An agent with the name and description most tools keep, a key of the tool's own and a comment. */
export const plainAgent = (extra = 'model: fast\n') => `---
name: code-reviewer
# shown in the agents list
description: 'Reviews diffs: bugs first, then naming'
${extra}---
You are a senior software engineer and code review specialist.
`

/** A command with an argument hint and the tool's own placeholder for what the user typed. */
export const command = (placeholder = '$ARGUMENTS', extra = '') => `---
description: "Fix a GitHub issue, then open a PR"
argument-hint: [issue-number]
${extra}---
Fix issue ${placeholder}.

1. Read it with \`gh issue view\`.
2. Write a failing test first.
`

/** A command some tools keep as a skill folder (Codex, Devin, Kiro, Zed, ...). */
export const commandSkill = (name: string, extra = '') => `---
name: ${name}
description: Summarize the current diff for a commit message
${extra}---
Summarize the staged changes in one line, then a short body.
`

/** A skill folder with a script (mode 755), a reference and a binary asset (gemini-cli's own skills). */
export function skillFiles(dir: string): Record<string, string | Uint8Array> {
  return {
    [`${dir}/ci/SKILL.md`]: `---
name: ci
description: >-
  Runs the project's CI checks locally. Use when the user asks to "run CI" or before pushing.
---

# CI

Run \`scripts/ci.sh\` and read \`references/checks.md\` for what each step does.
`,
    [`${dir}/ci/scripts/ci.sh`]: '#!/bin/sh\nset -e\nnpm run lint && npm test\n',
    [`${dir}/ci/references/checks.md`]: '# Checks\n\n- lint\n- unit tests\n',
    [`${dir}/ci/assets/badge.png`]: BINARY,
  }
}

/** A root instructions file as teams write it (langfuse's AGENTS.md, trimmed). */
export const ROOT_RULES = `# Langfuse

Langfuse is an open source LLM engineering platform.

## Commands

- \`pnpm dev\` starts the web app
- \`pnpm test\` runs the tests; never skip them

## Conventions

Use TypeScript strict mode. Prefer named exports.
`

const RULE_BODY = 'Use Vitest. Name test files `*.test.ts`; keep one behaviour per test.\n'

/** Claude Code's servers: the project's .mcp.json in JSONC, or ~/.claude.json among the app's own keys. */
const CLAUDE_MCP = (scope: string) =>
  scope === 'project'
    ? `{
  // shared with the team
  "mcpServers": {
    "playwright": { "command": "npx", "args": ["-y", "@playwright/mcp@0.0.41"], "env": {} },
    "sentry": { "type": "http", "url": "https://mcp.sentry.dev/mcp" },
  },
}
`
    : `{"numStartups":42,"theme":"dark","mcpServers":{"context7":{"type":"stdio","command":"npx","args":["-y","@upstash/context7-mcp"],"env":{"CONTEXT7_API_KEY":"\${CONTEXT7_API_KEY}"}}},"projects":{"/home/me/app":{"allowedTools":[]}}}`

/** 1natsu172/dotfiles' settings.json, trimmed: permissions, a status line, an env block, and hooks. */
const CLAUDE_SETTINGS = `{
  "$schema": "https://json.schemastore.org/claude-code-settings.json",
  "env": { "DISABLE_TELEMETRY": "1" },
  "permissions": { "allow": ["Bash(pnpm test:*)"], "deny": ["Read(./.env)"] },
  "statusLine": { "type": "command", "command": "~/.claude/statusline.sh" },
  "hooks": {
    "PostToolUse": [
      { "matcher": "Edit|Write", "hooks": [{ "type": "command", "command": "pnpm prettier --write .", "timeout": 30 }] }
    ]
  },
  "alwaysThinkingEnabled": true
}
`

/** 0maru/dotfiles' ~/.codex/config.toml (the adopt corpus), trimmed: settings, tables and servers. */
const CODEX_CONFIG = `model = "gpt-5.6-sol"
model_reasoning_effort = "high"
approval_policy = "on-request"
sandbox_mode = "workspace-write"

[tools]
web_search = true

[tui]
status_line = [
  "model-with-reasoning",
  "git-branch",
]

[features]
hooks = true

[mcp_servers.playwright]
command = "npx"
args = [
  "-y",
  "@playwright/mcp@latest",
  "--isolated",
]

[plugins."github@openai-curated"]
enabled = true

[mcp_servers.context7]
command = "npx"
args = ["-y", "@upstash/context7-mcp@latest"]

[mcp_servers.atlassian]
enabled = true
url = "https://mcp.atlassian.com/v1/sse"
`

// --- the layouts, one per built-in target ---

const put = (dir: string | undefined, files: Record<string, string | Uint8Array>) =>
  dir ? Object.fromEntries(Object.entries(files).map(([name, text]) => [`${dir}/${name}`, text])) : {}
const skills = (at: Places) => (at.kind.skills ? skillFiles(at.kind.skills) : {})
const root = (at: Places, text = ROOT_RULES) => (at.block ? { [at.block]: text } : {})
/** A command kept as a skill folder: only when that folder is not also the skills folder (else it is a skill). */
const cmdSkill = (at: Places, extra = '') =>
  at.kind.commands && at.kind.commands !== at.kind.skills
    ? put(at.kind.commands, { 'commit-msg/SKILL.md': commandSkill('commit-msg', extra) })
    : {}

export const LAYOUTS: Record<string, Layout> = {
  // Aider reads CONVENTIONS.md because .aider.conf.yml says so (https://aider.chat/docs/usage/conventions.html).
  aider: (at) => ({
    ...root(at),
    [`${at.root}/.aider.conf.yml`]: `# team settings\nmodel: sonnet\nauto-commits: false\nread:\n  - ${at.scope === 'project' ? 'CONVENTIONS.md' : at.block}\n`,
  }),
  'amazon-q': (at) => ({
    ...put(at.kind.rules, { 'testing.md': RULE_BODY, 'style.md': ROOT_RULES }),
    // https://docs.aws.amazon.com/amazonq/latest/qdeveloper-ug/mcp-ide.html: mcpServers, with a `timeout` of its own.
    [`${at.dir}/mcp.json`]: `{
  "mcpServers": {
    "git": { "command": "uvx", "args": ["mcp-server-git", "--repository", "."], "timeout": 60000 }
  }
}
`,
  }),
  amp: (at) => ({ ...root(at), ...skills(at), ...cmdSkill(at) }),
  antigravity: (at) => ({
    ...root(at),
    ...skills(at),
    ...put(at.kind.rules, {
      'testing.md': `---\ntrigger: glob\nglobs: src/**/*.test.ts,test/**\n---\n${RULE_BODY}`,
      'always.md': `---\ntrigger: always_on\n---\n${ROOT_RULES}`,
    }),
    ...put(at.kind.commands, {
      'deploy.md': '---\ndescription: Deploy the app\n---\nBuild, then deploy to staging.\n',
    }),
    ...put(at.kind.agents, { 'code-reviewer.md': plainAgent('') }),
  }),
  augment: (at) => ({
    ...skills(at),
    ...put(at.kind.rules, { 'testing.md': `---\ntype: always_apply\ndescription: ""\n---\n${RULE_BODY}` }),
    ...put(at.kind.commands, { 'fix.md': command() }),
    ...put(at.kind.agents, { 'code-reviewer.md': plainAgent('color: blue\n') }),
  }),
  'claude-code': (at) => ({
    ...root(at),
    ...skills(at),
    ...put(at.kind.agents, { 'code-reviewer.md': CLAUDE_AGENT }),
    ...put(at.kind.commands, { 'fix.md': command('$ARGUMENTS', 'allowed-tools: Bash(gh issue view:*)\n') }),
    ...put(at.kind.rules, {
      'testing.md': `---\npaths:\n  - "src/**/*.test.ts"\n  - test/**\n---\n${RULE_BODY}`,
    }),
    // Servers in JSONC with a comment and without "type"; settings with keys outfit knows nothing of, and hooks.
    [at.scope === 'project' ? `${at.root}/.mcp.json` : `${at.root}/.claude.json`]: CLAUDE_MCP(at.scope),
    [`${at.dir}/settings.json`]: CLAUDE_SETTINGS,
  }),
  cline: (at) => ({
    ...skills(at),
    ...put(at.kind.rules, {
      'testing.md': `---\ndescription: Testing conventions\npaths:\n  - src/**/*.test.ts\n---\n${RULE_BODY}`,
    }),
    ...put(at.kind.commands, {
      'release.md': '---\ndescription: Cut a release\n---\nTag and push the release.\n',
    }),
    ...put(at.kind.agents, { 'code-reviewer.yaml': plainAgent('') }),
  }),
  codex: (at) => ({
    ...root(at),
    ...skills(at),
    ...cmdSkill(at),
    ...put(at.kind.agents, {
      // A comment in a TOML file outfit writes whole is not kept (docs/adopt.md): none here.
      'code-reviewer.toml': `name = "code-reviewer"
description = "Reviews diffs: bugs first, then naming"
model_reasoning_effort = "high"
developer_instructions = """
You are a senior software engineer and code review specialist.
"""
`,
    }),
    [`${at.dir}/config.toml`]: CODEX_CONFIG,
  }),
  'command-code': (at) => ({
    ...root(at),
    ...skills(at),
    ...put(at.kind.commands, { 'fix.md': command() }),
    ...put(at.kind.agents, {
      'code-reviewer.md': `---\nname: code-reviewer\ndescription: Reviews diffs\ntools: "*"\n---\nYou review.\n`,
    }),
  }),
  continue: (at) => ({
    ...skills(at),
    ...put(at.kind.rules, {
      'testing.md': `---\nname: testing\ndescription: Testing conventions\nglobs: "**/*.test.ts"\nalwaysApply: false\n---\n${RULE_BODY}`,
    }),
    ...put(at.kind.commands, {
      'fix.md': '---\nname: fix\ndescription: Fix an issue\ninvokable: true\n---\nFix issue {{{ input }}}.\n',
    }),
  }),
  copilot: (at) => ({
    ...root(at),
    ...skills(at),
    ...cmdSkill(at, 'disable-model-invocation: true\n'),
    ...put(at.kind.rules, {
      'testing.instructions.md': `---\napplyTo: "src/**/*.test.ts"\ndescription: Testing conventions\n---\n${RULE_BODY}`,
    }),
    ...put(at.kind.agents, { 'code-reviewer.agent.md': plainAgent('tools:\n  - search\n  - fetch\n') }),
    // VS Code's own servers file (https://code.visualstudio.com/docs/copilot/customization/mcp-servers): `servers`,
    // `${env:VAR}`, and `inputs` of its own beside them; Copilot CLI's .mcp.json with the same servers (a server in
    // only one of the two files is installed into both: docs/adopt.md, "Known limits").
    ...(at.scope === 'project'
      ? {
          [`${at.root}/.mcp.json`]: `{
  "mcpServers": {
    "github": { "type": "http", "url": "https://api.githubcopilot.com/mcp/" },
    "fetch": { "type": "stdio", "command": "uvx", "args": ["mcp-server-fetch"], "env": { "TOKEN": "\${FETCH_TOKEN}" } }
  }
}
`,
          [`${at.root}/.vscode/mcp.json`]: `{
  "inputs": [{ "type": "promptString", "id": "api-key", "description": "API key", "password": true }],
  "servers": {
    "github": { "type": "http", "url": "https://api.githubcopilot.com/mcp/" },
    "fetch": { "type": "stdio", "command": "uvx", "args": ["mcp-server-fetch"], "env": { "TOKEN": "\${env:FETCH_TOKEN}" } }
  }
}
`,
        }
      : {}),
  }),
  crush: (at) => ({ ...root(at), ...skills(at) }),
  cursor: (at) => ({
    ...skills(at),
    ...put(at.kind.rules, {
      'testing.mdc': `---\ndescription: Testing conventions\nglobs: *.test.ts,test/**\nalwaysApply: false\n---\n${RULE_BODY}`,
      'global.mdc': `---\ndescription:\nglobs:\nalwaysApply: true\n---\n${ROOT_RULES}`,
    }),
    ...put(at.kind.commands, { 'review.md': '# Review\n\nReview the staged changes for bugs.\n' }),
    ...put(at.kind.agents, { 'code-reviewer.md': plainAgent('model: fast\nreadonly: true\n') }),
    // https://cursor.com/docs/context/mcp: ${env:VAR} in headers; https://cursor.com/docs/agent/hooks: version 1.
    [`${at.dir}/mcp.json`]: `{"mcpServers":{"linear":{"url":"https://mcp.linear.app/mcp","headers":{"Authorization":"Bearer \${env:LINEAR_TOKEN}"}},"fs":{"command":"npx","args":["-y","@modelcontextprotocol/server-filesystem","."]}}}`,
    [`${at.dir}/hooks.json`]: `{
  "version": 1,
  "hooks": {
    "postToolUse": [{ "matcher": "Write", "command": "./hooks/format.sh" }],
    "sessionStart": [{ "command": "./hooks/context.sh" }]
  }
}
`,
  }),
  devin: (at) => ({
    ...root(at),
    ...put(at.kind.rules, {
      'testing.md': `---\ntrigger: glob\nglobs:\n  - src/**/*.test.ts\n---\n${RULE_BODY}`,
    }),
    ...cmdSkill(at),
    ...put(at.kind.agents, { 'code-reviewer/AGENT.md': plainAgent('') }),
  }),
  'factory-droid': (at) => ({
    ...root(at),
    ...skills(at),
    ...put(at.kind.agents, { 'code-reviewer.md': plainAgent('model: inherit\n') }),
    ...put(at.kind.commands, { 'fix.md': command() }),
  }),
  'gemini-cli': (at) => ({
    ...root(at),
    ...skills(at),
    ...put(at.kind.commands, {
      'review-and-fix.toml': `description = "Reviews a PR, then fixes what it found"
prompt = """
Review the pull request {{args}}.

Then fix each finding.
"""
`,
    }),
    ...put(at.kind.agents, { 'code-reviewer.md': plainAgent('') }),
    // The adopt corpus's gemini-cli project: settings of its own beside servers and hooks (timeouts in ms).
    [`${at.dir}/settings.json`]: JSON.stringify(
      {
        general: { vimMode: true, preferredEditor: 'vim' },
        mcpServers: { git: { command: 'uvx', args: ['mcp-server-git'] } },
        hooks: {
          BeforeTool: [
            {
              matcher: 'run_shell_command',
              hooks: [{ type: 'command', command: './guard.sh', timeout: 30000 }],
            },
          ],
        },
      },
      null,
      4,
    ),
  }),
  goose: (at) => ({
    ...root(at),
    ...skills(at),
    ...put(at.kind.agents, { 'code-reviewer.md': plainAgent('') }),
  }),
  'grok-build': (at) => ({
    ...root(at),
    ...skills(at),
    ...put(at.kind.rules, { 'testing.md': RULE_BODY }),
    ...put(at.kind.commands, { 'fix.md': command() }),
    ...put(at.kind.agents, {
      'code-reviewer.md': '---\nname: code-reviewer\ndescription: Reviews diffs\n---\nYou review.\n',
    }),
  }),
  'hermes-agent': (at) => ({ ...root(at), ...skills(at) }),
  'jetbrains-ai-assistant': (at) => ({ ...skills(at), ...put(at.kind.rules, { 'testing.md': RULE_BODY }) }),
  'jetbrains-air': (at) => ({ ...root(at), ...skills(at) }),
  junie: (at) => ({
    ...root(at),
    ...skills(at),
    ...put(at.kind.agents, { 'code-reviewer.md': plainAgent('') }),
  }),
  'kilo-code': (at) => ({
    ...skills(at),
    ...put(at.kind.rules, { 'testing.md': RULE_BODY }),
    ...put(at.kind.agents, {
      'code-reviewer.md':
        '---\ndescription: Reviews diffs\nmode: subagent\ntemperature: 0.1\n---\nYou review.\n',
    }),
    ...put(at.kind.commands, { 'fix.md': '---\ndescription: Fix an issue\n---\nFix issue $ARGUMENTS.\n' }),
  }),
  'kimi-code': (at) => ({
    ...root(at),
    ...skills(at),
    ...cmdSkill(at),
    ...put(at.kind.agents, {
      'code-reviewer.md':
        '---\nname: code-reviewer\ndescription: Reviews diffs\ntools:\n  - Read\n---\nYou review.\n',
    }),
  }),
  kiro: (at) => ({
    ...skills(at),
    ...put(at.kind.rules, {
      // fileMatch does not trigger in global steering (targets/kiro.yaml): there a rule says in its text where it applies.
      'testing.md':
        at.scope === 'project'
          ? `---\ninclusion: fileMatch\nfileMatchPattern:\n  - "src/**/*.test.ts"\n---\n${RULE_BODY}`
          : `In test files: ${RULE_BODY}`,
      'product.md': ROOT_RULES,
    }),
    ...put(at.kind.agents, {
      'code-reviewer.md':
        '---\ndescription: Reviews diffs\ntools:\n  - read\n  - write\n  - shell\n  - web\n---\nYou review.\n',
    }),
    ...cmdSkill(at),
  }),
  'mistral-vibe': (at) => ({
    ...root(at),
    ...skills(at),
    ...cmdSkill(at, 'user-invocable: true\n'),
    ...put(at.step['agents'], {
      'code-reviewer.toml':
        'description = "Reviews diffs"\nagent_type = "subagent"\nsystem_prompt_id = "code-reviewer"\n',
    }),
    ...put(at.step['agent prompts'], { 'code-reviewer.md': 'You are a senior software engineer.\n' }),
  }),
  opencode: (at) => ({
    ...root(at),
    ...skills(at),
    ...put(at.kind.agents, {
      'code-reviewer.md': `---\ndescription: Reviews code for quality and best practices\nmode: subagent\nmodel: anthropic/claude-sonnet-4-20250514\ntemperature: 0.1\ntools:\n  write: false\n---\nYou are in code review mode.\n`,
    }),
    ...put(at.kind.commands, {
      'test.md':
        '---\ndescription: Run tests with coverage\nagent: build\n---\nRun the full test suite with coverage.\n',
    }),
    // opencode.json (https://opencode.ai/docs/mcp-servers): `mcp` with command arrays and {env:VAR}, among settings.
    [at.scope === 'project' ? `${at.root}/opencode.json` : `${at.dir}/opencode.json`]: `{
  "$schema": "https://opencode.ai/config.json",
  "theme": "tokyonight",
  "mcp": {
    "gh": { "type": "local", "command": ["npx", "-y", "gh-mcp"], "environment": { "GH_TOKEN": "{env:GH_TOKEN}" }, "enabled": true },
    "docs": { "type": "remote", "url": "https://docs.example.com/mcp", "enabled": true }
  }
}
`,
  }),
  openhands: (at) => ({
    ...root(at),
    ...skills(at),
    ...cmdSkill(at, 'triggers:\n  - /commit-msg\n'),
    ...put(at.kind.agents, {
      'code-reviewer.md': '---\nname: code-reviewer\ndescription: Reviews diffs\n---\nYou review.\n',
    }),
    ...put(at.kind.rules, { 'testing.md': RULE_BODY }),
  }),
  pi: (at) => ({
    ...root(at),
    ...skills(at),
    ...put(at.kind.commands, { 'fix.md': command() }),
  }),
  qoder: (at) => ({
    ...root(at),
    ...skills(at),
    ...put(at.kind.agents, { 'code-reviewer.md': plainAgent('') }),
    ...put(at.kind.commands, { 'fix.md': command() }),
  }),
  'qwen-code': (at) => ({
    ...skills(at),
    ...put(at.kind.rules, {
      'testing.md': `---\ndescription: Testing\npaths:\n  - src/**/*.test.ts\n---\n${RULE_BODY}`,
    }),
    ...put(at.kind.commands, { 'fix.md': command('{{args}}') }),
    ...put(at.kind.agents, { 'code-reviewer.md': plainAgent('tools:\n  - read_file\n') }),
  }),
  replit: (at) => ({ ...root(at), ...skills(at) }),
  'roo-code': (at) => ({
    ...skills(at),
    ...put(at.kind.rules, { 'testing.md': RULE_BODY }),
    ...put(at.kind.commands, { 'fix.md': command('') }),
  }),
  'rovo-dev': (at) => ({
    ...root(at),
    ...skills(at),
    ...cmdSkill(at),
    ...put(at.kind.agents, {
      'code-reviewer.md': '---\nname: code-reviewer\ndescription: Reviews diffs\n---\nYou review.\n',
    }),
  }),
  warp: (at) => ({ ...root(at), ...skills(at) }),
  windsurf: (at) => ({
    ...root(at),
    ...skills(at),
    ...put(at.kind.rules, {
      'testing.md': `---\ntrigger: glob\nglobs: src/**/*.test.ts,test/**\n---\n${RULE_BODY}`,
      'style.md': `---\ntrigger: always_on\n---\n${ROOT_RULES}`,
    }),
    ...put(at.kind.commands, {
      'fix.md': '---\ndescription: Fix an issue\n---\nFix the issue the user names.\n',
    }),
    // Windsurf's servers are global only (~/.codeium/windsurf/mcp_config.json), remote ones by `serverUrl`.
    ...(at.scope === 'global'
      ? {
          [`${at.dir}/mcp_config.json`]: `{
  "mcpServers": {
    "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"], "env": { "GITHUB_TOKEN": "\${env:GITHUB_TOKEN}" } },
    "docs": { "serverUrl": "https://docs.example.com/mcp" }
  }
}
`,
        }
      : {}),
  }),
  zed: (at) => ({ ...root(at), ...skills(at) }),
  'zoo-code': (at) => ({
    ...skills(at),
    ...put(at.kind.rules, { 'testing.md': RULE_BODY }),
    ...put(at.kind.commands, { 'fix.md': command('') }),
  }),
}

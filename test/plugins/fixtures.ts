// Third-party-style plugins, one per format, written the way people publish them: JSON with comments and trailing
// commas, files outfit has no place for, optional parts missing, references to the plugin's own folder (one of
// them to a file that is not there), hooks that are not commands. Paths are relative to the plugin folder.

export const claudePlugin: Record<string, string> = {
  '.claude-plugin/plugin.json': `{
  // A Claude Code plugin, as the plugins reference writes it
  "name": "Review-Tools",
  "version": "2.1.0",
  "description": "Review helpers",
  "author": { "name": "Acme" },
  "outputStyles": "./styles/",
}`,
  'README.md': '# Review tools\n',
  LICENSE: 'MIT\n',
  'commands/review.md':
    '---\ndescription: Review the diff\nargument-hint: [files]\n---\nReview $ARGUMENTS carefully.\n',
  'commands/git/push.md': '---\ndescription: Push safely\n---\nPush the branch.\n',
  'agents/critic.md':
    '---\nname: critic\ndescription: A harsh critic\ntools: Read, Grep, Glob\nmodel: opus\n---\nYou criticise.\n',
  'skills/lint/SKILL.md':
    '---\nname: lint\ndescription: Lint the project\n---\nRun `${CLAUDE_PLUGIN_ROOT}/scripts/lint.sh`.\n',
  'skills/lint/helper.py': 'print("lint")\n',
  'scripts/lint.sh': '#!/bin/sh\necho lint\n',
  'scripts/fmt.sh': '#!/bin/sh\necho fmt\n',
  'styles/terse.md': 'Be terse.\n',
  'docs/notes.txt': 'internal notes\n',
  'hooks/hooks.json': `{
  "hooks": {
    "PostToolUse": [
      { "matcher": "Edit|Write", "hooks": [
        { "type": "command", "command": "\${CLAUDE_PLUGIN_ROOT}/scripts/fmt.sh", "timeout": 30 },
        { "type": "prompt", "prompt": "Was that edit right?" }
      ] }
    ],
    "SessionStart": [ { "hooks": [ { "type": "command", "command": "\${CLAUDE_PLUGIN_ROOT}/scripts/missing.sh" } ] } ],
    "Stop": [ { "hooks": [ { "type": "command", "command": "echo done" } ] } ],
  }
}`,
  '.mcp.json': `{
  "mcpServers": {
    "local": { "command": "node", "args": ["\${CLAUDE_PLUGIN_ROOT}/scripts/lint.sh", "--stdio"], "env": { "TOKEN": "\${LINT_TOKEN}" } },
    "remote": { "type": "http", "url": "https://mcp.example.com/mcp", "headers": { "Authorization": "Bearer \${REMOTE_TOKEN}" } },
    "events": { "type": "sse", "url": "https://mcp.example.com/sse" },
    "cache": { "command": "node", "args": ["\${CLAUDE_PLUGIN_DATA}/cache.js"] }
  }
}`,
}

export const geminiExtension: Record<string, string> = {
  'gemini-extension.json': `{
  "name": "gem-tools",
  "version": "0.3.0",
  "contextFileName": "GEMINI.md",
  "excludeTools": ["run_shell_command(rm -rf)"],
  "settings": [{ "name": "API key", "envVar": "GEM_KEY", "sensitive": true }],
  "mcpServers": {
    "gem": { "command": "node", "args": ["\${extensionPath}\${/}server.js"], "env": { "GEM_KEY": "\${GEM_KEY}" }, "timeout": 30000 }
  }
}`,
  'server.js': 'console.log("gem")\n',
  'GEMINI.md': 'Always answer in English.\n',
  'commands/explain.toml': 'description = "Explain code"\nprompt = """\nExplain {{args}} simply.\n"""\n',
  'commands/git/commit.toml':
    'description = "Write a commit message"\nprompt = "Write a commit message for {{args}}."\n',
  'skills/docs/SKILL.md': '---\nname: docs\ndescription: Write docs\n---\nWrite the docs.\n',
  'hooks/hooks.json': `{
  "hooks": {
    "BeforeTool": [ { "matcher": "replace|write_file", "hooks": [ { "type": "command", "command": "echo before", "timeout": 5000 } ] } ],
    "BeforeModel": [ { "hooks": [ { "type": "command", "command": "echo model" } ] } ]
  }
}`,
}

export const cursorPlugin: Record<string, string> = {
  '.cursor-plugin/plugin.json':
    '{ "name": "cursor-rules", "version": "1.0.0", "description": "Rules for TS", "logo": "assets/logo.png" }',
  'assets/logo.png': 'PNG',
  'rules/typescript.mdc':
    '---\ndescription: TypeScript style\nglobs: src/**/*.ts,lib/*.ts\nalwaysApply: false\n---\nUse strict types.\n',
  'rules/always.mdc': '---\ndescription: Always\nalwaysApply: true\n---\nBe kind.\n',
  'commands/deploy.md': 'Deploy the app.\n',
  'skills/test/SKILL.md': '---\nname: test\ndescription: Run tests\n---\nRun the tests.\n',
  'mcp.json': `{
  "mcpServers": {
    "api": { "command": "npx", "args": ["-y", "api-mcp@1.2.3"], "env": { "API_KEY": "\${env:API_KEY}" } },
    "docs": { "url": "https://docs.example.com/mcp", "headers": { "Authorization": "Bearer \${env:DOCS_TOKEN}" } }
  }
}`,
  'hooks/hooks.json':
    '{ "version": 1, "hooks": { "postToolUse": [ { "command": "npm run fmt", "matcher": "Write", "timeout": 20 } ] } }',
}

export const codexPlugin: Record<string, string> = {
  '.codex-plugin/plugin.json': `{
  "name": "codex-kit",
  "version": "1.4.0",
  "skills": "./skills/",
  "mcpServers": "./.mcp.json",
  "apps": "./.app.json",
  "interface": { "displayName": "Codex kit" }
}`,
  '.app.json': '{ "apps": {} }',
  'skills/plan/SKILL.md': '---\nname: plan\ndescription: Plan work\n---\nPlan it.\n',
  '.mcp.json': `{
  "mcpServers": {
    "tracker": { "command": "tracker-mcp", "env_vars": ["TRACKER_TOKEN"] },
    "search": { "url": "https://search.example.com/mcp", "bearer_token_env_var": "SEARCH_TOKEN" }
  }
}`,
}

export const agentPlugin: Record<string, string> = {
  'plugin.json': JSON.stringify({
    $schema: 'https://agent-plugins.org/schemas/1.0.0/plugin.schema.json',
    name: 'portable',
    version: '1.0.0',
    description: 'A portable plugin',
    extensions: { 'com.acme': { tier: 'gold' } },
  }),
  'skills/hello/SKILL.md': '---\nname: hello\ndescription: Say hello\n---\nHello.\n',
  'bin/server': '#!/bin/sh\n',
  'com.acme/extra.json': '{}',
  'mcp.json': JSON.stringify({
    $schema: 'https://agent-plugins.org/schemas/1.0.0/mcp.schema.json',
    mcpServers: {
      tool: { type: 'stdio', command: './bin/server', args: ['--root', '${PLUGIN_ROOT}'] },
      remote: { type: 'streamable-http', url: 'https://remote.example.com/mcp' },
      legacy: { type: 'sse', url: 'https://remote.example.com/sse' },
      boxed: { type: 'stdio', command: 'node', cwd: '${PLUGIN_ROOT}' },
      store: { type: 'stdio', command: 'node', args: ['${PLUGIN_DATA}/db'] },
    },
  }),
}

// A Copilot CLI plugin in a repository: the manifest in .github/plugin/ (one of the places Copilot CLI looks), paths
// relative to the plugin's root, agents as *.agent.md, a Claude-style commands/ folder, v1 hooks with `bash`.
export const copilotPlugin: Record<string, string> = {
  '.github/plugin/plugin.json': `{
  "name": "dev-tools",
  "version": "1.2.0",
  "description": "React development utilities",
  "author": { "name": "Jane Doe" },
  "agents": "agents/",
  "skills": ["skills/", "extra-skills/"],
  "hooks": "hooks.json",
  "mcpServers": ".mcp.json",
  "lspServers": ".lsp.json"
}`,
  '.lsp.json': '{}',
  'agents/helper.agent.md': '---\nname: helper\ndescription: Helps with React\n---\nHelp with React.\n',
  'skills/deploy/SKILL.md': '---\nname: deploy\ndescription: Deploy the app\n---\nDeploy it.\n',
  'extra-skills/bench/SKILL.md': '---\nname: bench\ndescription: Run the benchmarks\n---\nBench it.\n',
  'commands/fix.md': '---\ndescription: Fix the bug\n---\nFix $ARGUMENTS.\n',
  'hooks.json':
    '{ "version": 1, "hooks": { "sessionStart": [ { "type": "command", "bash": "echo hello", "timeoutSec": 10 } ] } }',
  '.mcp.json': `{
  "mcpServers": {
    "react": { "type": "stdio", "command": "npx", "args": ["-y", "react-mcp@2.0.0"], "env": { "REACT_TOKEN": "\${REACT_TOKEN}" } }
  }
}`,
}

// Shaped like the plugins in anthropics/claude-code's plugins/ folder (security-guidance, hookify, commit-commands):
// hooks that run `python3 ${CLAUDE_PLUGIN_ROOT}/hooks/<script>.py`, a quoted root path, commands whose bodies name
// the plugin's files, an agent, and a server started from the plugin's folder.
export const realWorldClaudePlugin: Record<string, string> = {
  '.claude-plugin/plugin.json':
    '{ "name": "security-guidance", "version": "1.0.0", "description": "Security reminders", "author": { "name": "Anthropic" } }',
  'hooks/hooks.json': `{
  "description": "Security reminder hooks",
  "hooks": {
    "PreToolUse": [ { "matcher": "Edit|Write|MultiEdit", "hooks": [ { "type": "command", "command": "python3 \${CLAUDE_PLUGIN_ROOT}/hooks/security_reminder_hook.py" } ] } ],
    "UserPromptSubmit": [ { "hooks": [ { "type": "command", "command": "bash \\"\${CLAUDE_PLUGIN_ROOT}/hooks/prompt.sh\\"", "timeout": 5 } ] } ]
  }
}`,
  'hooks/security_reminder_hook.py': 'print("careful")\n',
  'hooks/prompt.sh': '#!/bin/sh\necho prompt\n',
  'commands/audit.md':
    '---\ndescription: Audit the diff\nallowed-tools: Bash(git diff:*)\n---\nRun `${CLAUDE_PLUGIN_ROOT}/hooks/prompt.sh` first, then audit $ARGUMENTS.\n',
  'agents/auditor.md':
    '---\nname: auditor\ndescription: Audits code\ntools: Read, Grep\n---\nAudit carefully.\n',
  '.mcp.json':
    '{ "semgrep": { "command": "${CLAUDE_PLUGIN_ROOT}/hooks/prompt.sh", "args": ["--mcp"], "env": { "SEMGREP_APP_TOKEN": "${SEMGREP_APP_TOKEN}" } } }',
}

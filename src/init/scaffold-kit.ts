// The files of a new kit: one of each kind of content, small enough to read in a minute, valid as written
// (test/init/init.test.ts loads the result with loadKit and installs it).
import type { SchemaRef } from './schema-ref.js'

/** kit-relative path → content */
export function scaffoldKit(name: string, schemaRef: SchemaRef): Record<string, string> {
  const schema = (file: string) => `# yaml-language-server: $schema=${schemaRef(file)}\n`
  return {
    'kit.yaml': `${schema('kit.schema.json')}name: ${name}
version: 0.1.0
description: What this kit is for, in one line.
# prefix: ${name}-   # optional: prepended to installed file names so they never clash with yours
`,
    'agents/helper.md': `---
name: helper
description: Explains code and proposes small, safe changes. Use when asked how something works.
---
You are a patient helper. Read the relevant files before answering, quote the lines you mean, and keep changes small.
`,
    'skills/summarize/SKILL.md': `---
name: summarize
description: Summarize a file or a diff in five bullet points. Use when the user asks for a summary.
---
# Summarize

1. Read the whole input first.
2. Write at most five bullets, most important first.
3. End with one line on what is missing or risky.
`,
    'commands/explain.md': `---
description: Explain the selected code or file
argument-hint: "[file]"
---
Explain $ARGUMENTS: what it does, how it is used, and anything surprising in it.
`,
    'rules/style.md': `---
description: House style for this kit's users
alwaysApply: true
---
- Prefer small functions with names that say what they do.
- Comments explain why, not what.
`,
    'mcp.yaml': `${schema('mcp.schema.json')}# MCP servers: local ones have command/args/env, remote ones url/headers. Pin packages to an exact version:
# without one, npx fetches the newest release each time a tool starts the server (outfit audit reports it).
servers:
  filesystem:
    description: Read and write files in the project
    command: npx
    args: ["-y", "@modelcontextprotocol/server-filesystem@2026.8.31", "."]
`,
    'hooks.yaml': `${schema('hooks.schema.json')}# Commands run on tool events, for the tools that support hooks.
hooks:
  - event: sessionStart
    command: git status --short
`,
  }
}

/** Kit and target names are kebab-case: derive one from a folder name. */
export function kebabName(folder: string): string {
  const name = folder
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  return name === '' ? 'my-kit' : name
}

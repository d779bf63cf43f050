// A new target: a working skeleton for a tool that reads Markdown rules and commands from a folder and MCP servers
// from a JSON file, with every line explained. It validates as written; the author edits paths and formats.
import type { SchemaRef } from './schema-ref.js'

export function scaffoldTarget(id: string, schemaRef: SchemaRef): string {
  const name = id
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ')
  return `# yaml-language-server: $schema=${schemaRef('target.schema.json')}
# ${name}. Cite the tool's documentation for every path and format below, e.g.:
#   rules  https://example.com/docs/rules   (where the tool reads instructions, and their frontmatter)
#   mcp    https://example.com/docs/mcp     (the config file and the key that holds servers)
# See docs/writing-targets.md in outfit for every action, transform and variable.
id: ${id}
name: ${name}
docs:
  - https://example.com/docs
# outfit list shows the tool as detected when one of these exists.
detect:
  paths: ["{{home}}/.${id}"]
  commands: [${id}]
scopes:
  global:
    description: Your user configuration in ~/.${id}
    root: "{{home}}"
    dir: "{{home}}/.${id}"
  project:
    description: This repository's .${id} folder
    root: "{{project}}"
    dir: "{{project}}/.${id}"
# Steps run in order; uninstall undoes each with its action's inverse. \`when\` skips a step the kit has nothing for.
steps:
  - name: rules
    when: { kit: "rules/*.md" }
    run:
      action: copy
      with:
        from: rules/*.md
        to: rules
        rename: "{{kit.prefix}}{{item.name}}"
        transform:
          - frontmatter: { keep: [description, globs] }

  - name: commands
    when: { kit: "commands/*.md" }
    run:
      action: copy
      with:
        from: commands/*.md
        to: commands
        rename: "{{kit.prefix}}{{item.name}}"

  - name: mcp servers
    when: { kit: mcp }
    run:
      action: json-merge
      with:
        file: mcp.json
        entries:
          from: mcp
          at: [mcpServers]
          stdio: { command: $command, args: $args, env: $env }
          remote: { url: $url, headers: $headers }

  # Always last: records what was installed, so that uninstall removes exactly that.
  - name: manifest
    run: { action: manifest }
`
}

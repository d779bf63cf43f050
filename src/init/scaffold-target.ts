// A new target: a working skeleton for a tool that reads Markdown rules, commands, agents and skills from folders and
// MCP servers from a JSON file, written with presets and every line explained. It validates as written; the author
// edits paths and parameters.
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
# Steps run in order; uninstall undoes each with its action's inverse, and the manifest step that records what was
# installed is added at the end. Each step below is a preset (outfit's presets/ folder: a named step, given the
# parameters that differ for this tool); a preset skips itself when the kit has nothing of its kind. Where no preset
# fits, write a full step instead ({ name, when, run: { action, with } }: docs/writing-targets.md).
steps:
  # One file per rule in .${id}/rules. For a tool that reads one instructions file instead:
  #   - preset: rules-block
  #     file: "{{project}}/AGENTS.md"
  - preset: rules-files
  - preset: commands
    keep: [description]
  - preset: agents
  - preset: skills
  - preset: mcp-servers
    file: mcp.json
`
}

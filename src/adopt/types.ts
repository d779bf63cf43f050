// The shapes shared by every reader of `outfit adopt`: what one tool's reader is given, and what it hands back.
// The file kinds (agents, skills, commands, rules) and the merged kinds (MCP servers in mcp.ts, hooks in hooks.ts)
// all answer in this one shape, so the use case merges them across tools the same way.
import type { Fs } from '../fs/fs.js'
import type { Hook, McpServer, TargetSpec } from '../types.js'

/** The kit's per-item targeting (the `outfit:` block of an item): which tools get it, and each tool's own keys. */
export interface ItemTargeting {
  /** The tools that get the item (absent: every tool), or the tools that do not. */
  tools?: string[] | { not: string[] }
  /** Per tool, the tool's own keys, applied last to what that tool gets (a null value removes the key). */
  overrides?: Record<string, Record<string, unknown>>
}

/** An MCP server as one entry of the kit's mcp.yaml `servers` (its name is the key). */
export type KitMcpServer = Omit<McpServer, 'name'> & { description?: string; outfit?: ItemTargeting }

/** A hook as one entry of the kit's hooks.yaml. */
export type KitHookEntry = Hook & { outfit?: ItemTargeting }

/** What one tool's reader is given: where to read, through which declarations. */
export interface AdoptToolInput {
  /** The Fs to read from; readers never write. */
  fs: Fs
  /** The tool's target, expanded (presets turned into steps), as install uses it. */
  target: TargetSpec
  /** The scope read (`project` or `global`). */
  scope: string
  /** The run's variables ({{home}}, {{project}}, {{root}}, {{dir}}, the scope's vars, kit.* as install would). */
  vars: Record<string, string>
}

/** Something found in a tool that the kit cannot hold; listed with the reason, never dropped silently. */
export interface Skipped {
  /** The tool it came from. */
  tool: string
  /** The file (absolute path), with `:line:col` where one is known. */
  where: string
  /** What it was: `agent reviewer`, `mcp server github`, `key model_reasoning_effort`. */
  what: string
  reason: string
}

/** A literal that looks like a secret, replaced in the kit by a `${NAME}` reference; the tool's file is untouched. */
export interface SecretFinding {
  tool: string
  /** The file (absolute path), with `:line:col` where one is known. */
  where: string
  /** What holds it: `mcp server github env GITHUB_TOKEN`. */
  what: string
  /** The reference the kit has instead (`${GITHUB_TOKEN}`). */
  reference: string
}

/**
 * One reader's answer for one tool: the kit value it read, the tool's files each part came from (by the part's key:
 * a server's name, a hook's `event matcher command`), what it could not adopt, and the secrets it replaced.
 */
export interface AdoptPart<T> {
  value: T
  sources: Record<string, string[]>
  skipped: Skipped[]
  secrets: SecretFinding[]
}

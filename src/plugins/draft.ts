// A plugin read as a kit, in memory: the kit's identity, its content files by kit path, its MCP servers and hooks in
// the kit's own shape, and what the plugin holds that the kit cannot carry (said in the install output, never
// dropped silently). write-kit.ts turns it into a kit folder that loadKit reads like any other.
import type { Diagnostic, Hook, McpServer } from '../types.js'

/** The formats of plugin-formats/formats.yaml, by their keys there. */
export type PluginFormat =
  | 'agent-plugin'
  | 'outfit-agent-plugin'
  | 'claude-plugin'
  | 'gemini-extension'
  | 'cursor-plugin'
  | 'codex-plugin'
  | 'copilot-plugin'

/** A server as mcp.yaml holds it. */
export type KitServer = Omit<McpServer, 'name'> & { description?: string }

export interface KitFile {
  data: Uint8Array
  mode?: number
}

export interface KitDraft {
  format: PluginFormat
  name: string
  version: string
  description?: string
  /** Kit path → content (and mode, so that a skill's script stays executable). A draft that already holds kit.yaml
   * (dev.outfit/) is written as it is. */
  files: Map<string, KitFile>
  servers: Record<string, KitServer>
  hooks: Hook[]
  /** What was left out or changed, and why: one line each, for the install output. */
  notes: string[]
  /** Problems that stop the plugin from installing (a manifest that is not JSON), located. */
  diagnostics: Diagnostic[]
}

export function emptyDraft(format: PluginFormat): KitDraft {
  return {
    format,
    name: '',
    version: '',
    files: new Map(),
    servers: {},
    hooks: [],
    notes: [],
    diagnostics: [],
  }
}

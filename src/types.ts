// Domain types. Target shapes come from the JSON Schema (src/generated/target.ts); nothing here repeats them.
import type { JsonDiagnostic } from './generated/output.js'
import type {
  OutfitTarget,
  PresetUse,
  Step as StepSpec,
  RunAction,
  RollbackAction,
} from './generated/target.js'

export type { PresetUse, StepSpec, RunAction, RollbackAction }
/** A target as its author wrote it (presets, conventions left out): the schema's shape. */
export type TargetSource = Omit<OutfitTarget, 'steps'> & { steps: (StepSpec | PresetUse)[] }
/** A target as the loader hands it on (src/load/expand.ts): full steps only, the manifest step last. */
export type TargetSpec = Omit<OutfitTarget, 'steps'> & { steps: StepSpec[] }
export type RunActionName = RunAction['action']
export type InverseActionName = RollbackAction['action']

/** One problem in a user-edited file, with a position people can jump to (the shape --json prints, from its schema). */
export type Diagnostic = JsonDiagnostic

export interface LoadedTarget {
  file: string
  spec: TargetSpec
}

export type LoadResult<T> =
  { ok: true; value: T; warnings: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] }

/**
 * outfit's own block on a kit item (`outfit:` in an agent's, command's, rule's or SKILL.md's frontmatter, on an mcp.yaml
 * server or a hooks.yaml entry, or per item in kit.yaml `items:`): which tools get the item, and per tool the tool's
 * own keys set last on what it gets. Never written into a tool's file (see src/transforms/targeting.ts).
 */
export interface ItemTargeting {
  /** Only these tools, or every tool but `not`; absent: every tool. */
  tools?: string[] | { not: string[] }
  /** Per tool id: keys set last on that tool's frontmatter, TOML table or entry; `null` removes a key. */
  overrides?: Record<string, Record<string, unknown>>
}

/** MCP server as written in a kit's mcp.yaml. */
export interface McpServer {
  name: string
  command?: string
  args?: string[]
  env?: Record<string, string>
  url?: string
  headers?: Record<string, string>
  transport?: 'http' | 'sse'
  outfit?: ItemTargeting
}

/** Which way of running a registry server: one of its package types, or its remote endpoint. */
export type RegistryChoice = 'npm' | 'pypi' | 'oci' | 'nuget' | 'remote'

/** A server that mcp.yaml names by registry (`registry: name@range`), with what the kit adds or replaces. */
export interface RegistryRequest {
  /** The kit's name for the server (its key in mcp.yaml). */
  kitName: string
  /** `io.github.acme/server@^1.2`; without `@…`, the newest version. */
  spec: string
  package?: RegistryChoice
  args?: string[]
  env?: Record<string, string>
  headers?: Record<string, string>
  /** The server's `outfit:` block, kept on the server the registry resolves. */
  outfit?: ItemTargeting
}

/** Hook as written in a kit's hooks.yaml. */
export interface Hook {
  event: string
  matcher?: string
  command: string
  timeout?: number
  outfit?: ItemTargeting
}

export interface Kit {
  dir: string
  name: string
  version: string
  description?: string
  prefix?: string
  mcp: McpServer[]
  /** Servers named by registry in mcp.yaml, not yet resolved (prepareKits resolves them into `mcp`). */
  registry?: RegistryRequest[]
  hooks: Hook[]
  /** Every file in the kit, relative to `dir`, with forward slashes, sorted. */
  files: string[]
  /**
   * The `outfit:` blocks of Markdown items (agents, commands, rules, skills by their SKILL.md), by kit-relative path,
   * with kit.yaml's `items:` applied over them; absent when no item has one.
   */
  items?: Record<string, ItemTargeting>
}

/** The bytes of a file at one moment; `data` is absent when only the hash is known (read back from a manifest). */
export interface Snapshot {
  hash: string
  data?: Uint8Array
  mode?: number
}

/** A key (or array element) inside a shared config file that the kit owns. */
export interface OwnedKey {
  path: string[]
  /** What the kit put there. */
  value: unknown
  /** `append` entries are array elements, identified by value. */
  append?: boolean
  /** For `append` entries of a named list (Continue's `mcpServers`): the field that names the element. */
  key?: string
  /** An object or array outfit created to hold its entries; removed on undo once empty. */
  container?: boolean
  /** What was there before the kit (absent: nothing). */
  before?: { value: unknown }
}

/** One thing a step changed (or confirmed unchanged); the receipt its inverse undoes. */
export type Change =
  | {
      kind: 'file'
      path: string
      /** Just before this run: what a rollback restores. */
      before: Snapshot | null
      after: Snapshot | null
      /** Before outfit ever wrote it: what uninstall restores (defaults to `before`). */
      origin?: Snapshot | null
    }
  | { kind: 'dir'; path: string }
  | { kind: 'link'; path: string; target: string; before: Snapshot | null; existed?: boolean }
  | {
      kind: 'edit'
      format: 'json' | 'toml' | 'yaml' | 'block'
      path: string
      before: Snapshot | null
      after: Snapshot | null
      origin?: Snapshot | null
      owned: OwnedKey[]
    }

export type ToolStatus =
  'installed' | 'updated' | 'unchanged' | 'uninstalled' | 'failed' | 'cancelled' | 'skipped'

export interface LogEntry {
  level: 'info' | 'warn' | 'error' | 'step'
  text: string
}

export interface StepOutcome {
  name: string
  status: 'done' | 'unchanged' | 'skipped' | 'failed' | 'rolled-back' | 'rollback-failed'
  changes: number
}

/** Kit content a tool or scope cannot take; reported, never silently left out. */
export interface Dropped {
  what: string
  reason: string
}

/** What a drift check found: a file the user changed since outfit wrote it. */
export interface Kept {
  path: string
  reason: string
}

export interface ToolResult {
  tool: string
  name: string
  scope: string
  status: ToolStatus
  steps: StepOutcome[]
  /** The step that failed, and why. */
  failure?: { step: string; error: Error }
  rollbackErrors: { step: string; error: Error }[]
  /** Files kept because the user changed them (uninstall, rollback) — reported, never deleted silently. */
  kept: Kept[]
  /** Kit content not installed because the tool or scope cannot take it. */
  dropped?: Dropped[]
  log: LogEntry[]
  written: number
}

export interface RunReport {
  command: 'install' | 'uninstall'
  results: ToolResult[]
  cancelled: boolean
  /** Interrupted earlier runs that were rolled back before this one started. */
  recovered?: { journal: string; restored: string[] }[]
  /** Lines for the person about the run as a whole (the ignore block kept in step). */
  notes?: string[]
}

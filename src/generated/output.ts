/* Generated from schemas/output.schema.json by `npm run gen:types`. Do not edit by hand. */

/**
 * The one JSON document that `outfit <command> --json` prints on stdout. `command` says which shape follows. An expected failure (bad flags, invalid target or config) prints the error shape instead; the exit code still tells success from failure.
 */
export type OutfitJsonOutput =
  | RunDocument
  | PlanDocument
  | UpdateDocument
  | StatusDocument
  | ListDocument
  | ValidateDocument
  | RecoverDocument
  | ForgetDocument
  | InitDocument
  | AuditDocument
  | PackDocument
  | SearchMcpDocument
  | AdoptDocument
  | ErrorDocument

/**
 * install and uninstall: one result per tool.
 */
export interface RunDocument {
  /**
   * Run from inside a monorepo subproject (or with --subproject): this document is that subproject's, named relative to the root (docs/monorepos.md).
   */
  subproject?: string
  /**
   * In a monorepo's root: each subproject's part, after the root's own (this document).
   */
  subprojects?: SubprojectPart[]
  /**
   * Which command ran.
   */
  command: 'install' | 'uninstall'
  /**
   * The scope the command ran in (global, project, ...).
   */
  scope: string
  /**
   * Whether the run was interrupted (Ctrl-C, SIGTERM) and rolled back.
   */
  cancelled: boolean
  /**
   * Interrupted earlier runs that were rolled back before this one started.
   */
  recovered: RecoveredRun[]
  /**
   * One entry per tool, in the order they were chosen.
   */
  tools: ToolRun[]
}
/**
 * One monorepo subproject's part of a command (docs/monorepos.md).
 */
export interface SubprojectPart {
  /**
   * The subproject's folder, relative to the root (apps/web).
   */
  path: string
  /**
   * Why nothing was done there (none of its tools reads nested folders).
   */
  skipped?: string
  /**
   * The subproject's own document of the same command (the same shape as this one, without subprojects).
   */
  result?: {}
}
export interface RecoveredRun {
  /**
   * The journal file of the interrupted run.
   */
  journal: string
  /**
   * Paths restored to what they were before that run.
   */
  restored: string[]
}
export interface ToolRun {
  /**
   * Target id, e.g. claude-code.
   */
  tool: string
  /**
   * The tool's display name.
   */
  name: string
  /**
   * Scope of this tool's run.
   */
  scope: string
  /**
   * installed / updated (a new kit version) / unchanged (already up to date) / uninstalled / failed (and rolled back) / cancelled (another tool failed or an interrupt; rolled back) / skipped (nothing to do).
   */
  status: 'installed' | 'updated' | 'unchanged' | 'uninstalled' | 'failed' | 'cancelled' | 'skipped'
  /**
   * How many files and config entries this run created, changed or removed (outfit's own bookkeeping excluded).
   */
  files: number
  /**
   * Every step of the tool's pipeline, in order.
   */
  steps: {
    /**
     * Step name from the target YAML.
     */
    name: string
    /**
     * What happened to the step.
     */
    status: 'done' | 'unchanged' | 'skipped' | 'failed' | 'rolled-back' | 'rollback-failed'
    /**
     * Files and entries the step changed.
     */
    changes: number
  }[]
  failure?: StepMessage
  /**
   * Rollback steps that failed: these need attention (exit code 3).
   */
  rollbackErrors: StepMessage[]
  /**
   * Files kept because you changed them since outfit wrote them (use --force to remove them).
   */
  kept: {
    /**
     * Absolute path of the kept file.
     */
    path: string
    /**
     * Why it was kept.
     */
    reason: string
  }[]
  /**
   * Kit content this tool or scope cannot take (an agent where the tool has none, an SSE server for a tool without SSE, a hook event it lacks): not installed, and said so.
   */
  dropped: DroppedItem[]
  /**
   * The tool's buffered log, as printed in text mode.
   */
  log: {
    /**
     * Severity, or a step heading.
     */
    level: 'info' | 'warn' | 'error' | 'step'
    /**
     * The log line.
     */
    text: string
  }[]
}
export interface StepMessage {
  /**
   * Step name.
   */
  step: string
  /**
   * What went wrong.
   */
  message: string
}
export interface DroppedItem {
  /**
   * What was not installed, e.g. "MCP server 'docs'" or "agents/reviewer.md".
   */
  what: string
  /**
   * Why this tool cannot take it.
   */
  reason: string
}
/**
 * plan and install --dry-run: what an install would change, per tool. Nothing was written.
 */
export interface PlanDocument {
  /**
   * Run from inside a monorepo subproject (or with --subproject): this document is that subproject's, named relative to the root (docs/monorepos.md).
   */
  subproject?: string
  /**
   * In a monorepo's root: each subproject's part, after the root's own (this document).
   */
  subprojects?: SubprojectPart[]
  /**
   * Always plan.
   */
  command: 'plan'
  /**
   * The scope that was planned.
   */
  scope: string
  /**
   * One entry per tool.
   */
  tools: ToolPlan[]
}
export interface ToolPlan {
  /**
   * Target id.
   */
  tool: string
  /**
   * The tool's display name.
   */
  name: string
  /**
   * What an install would report.
   */
  status: 'installed' | 'updated' | 'unchanged' | 'uninstalled' | 'failed' | 'cancelled' | 'skipped'
  /**
   * Why an install would fail.
   */
  failure?: string
  /**
   * Kit content an install would not install into this tool, and why.
   */
  dropped: DroppedItem[]
  /**
   * Present when the kit's items pick their tools (`outfit.tools`): which this tool gets and which are not for it.
   */
  items?: {
    /**
     * The items this tool gets: kit paths (skills by folder), MCP servers and hooks.
     */
    gets: string[]
    /**
     * The items not for this tool: nothing of them is installed there.
     */
    skips: string[]
  }
  /**
   * Every file that would be created, changed or removed.
   */
  changes: {
    /**
     * Absolute path.
     */
    path: string
    /**
     * What would happen to it.
     */
    kind: 'create' | 'change' | 'remove'
    /**
     * Unified diff (text files).
     */
    diff?: string
  }[]
}
/**
 * update: how each kit moves in outfit.lock, what that changes in each tool (as plan shows it), and the install that applied it.
 */
export interface UpdateDocument {
  /**
   * Run from inside a monorepo subproject (or with --subproject): this document is that subproject's, named relative to the root (docs/monorepos.md).
   */
  subproject?: string
  /**
   * In a monorepo's root: each subproject's part, after the root's own (this document).
   */
  subprojects?: SubprojectPart[]
  /**
   * Always update.
   */
  command: 'update'
  /**
   * The scope that was updated.
   */
  scope: string
  /**
   * Whether the update was installed and outfit.lock written (false for --dry-run, a declined question, or nothing to update).
   */
  applied: boolean
  /**
   * Releases the minReleaseAge cooldown skipped, by kit (absent when none).
   */
  skipped?: {
    /**
     * The kit's name in the config (or its source).
     */
    kit: string
    /**
     * The source as written.
     */
    source: string
    /**
     * The npm version or git commit skipped: the newest, too young.
     */
    skipped: string
    /**
     * When it was published (npm) or committed (git), ISO 8601.
     */
    published: string
    /**
     * The version or commit taken instead.
     */
    using: string
    /**
     * The cooldown, as written (e.g. 3d).
     */
    minReleaseAge: string
  }[]
  /**
   * Kits whose lock entry changes; empty when every kit is up to date.
   */
  kits: {
    /**
     * The kit's name in the config (or its source).
     */
    kit: string
    /**
     * The source as written.
     */
    source: string
    /**
     * The lock entry before (null: not locked yet).
     */
    from: LockedKit | null
    /**
     * The lock entry after (null: no longer configured).
     */
    to: LockedKit | null
  }[]
  /**
   * Per tool: what the update changes there (the same shape as plan).
   */
  tools: ToolPlan[]
  result?: RunDocument
}
/**
 * What outfit.lock says for one kit.
 */
export interface LockedKit {
  /**
   * Git: the commit.
   */
  commit?: string
  /**
   * npm: the exact version.
   */
  version?: string
  /**
   * npm and tarballs: where it came from.
   */
  resolved?: string
  /**
   * sha256 over the kit's files (paths, executable bits, bytes).
   */
  integrity: string
}
export interface StatusDocument {
  /**
   * Run from inside a monorepo subproject (or with --subproject): this document is that subproject's, named relative to the root (docs/monorepos.md).
   */
  subproject?: string
  /**
   * In a monorepo's root: each subproject's part, after the root's own (this document).
   */
  subprojects?: SubprojectPart[]
  /**
   * Always status.
   */
  command: 'status'
  /**
   * The scope that was inspected.
   */
  scope: string
  /**
   * The outfit version that answered (fleet dashboards: which machines run which).
   */
  outfit?: string
  /**
   * What the project's outfit.lock pins, when there is one: each kit's source, resolved commit or version and integrity, and each registry MCP server's exact version. Compared across machines, it tells which kit version each is meant to have; `drift` per tool tells whether it does.
   */
  lock?: {
    /**
     * The lock file read.
     */
    file: string
    /**
     * By kit name.
     */
    kits: {
      [k: string]: {
        /**
         * The source as the config writes it.
         */
        source: string
        /**
         * Git: the commit.
         */
        commit?: string
        /**
         * npm: the exact version.
         */
        version?: string
        /**
         * Where the package came from.
         */
        resolved?: string
        /**
         * sha256 over the kit's files.
         */
        integrity: string
      }
    }
    /**
     * Registry MCP servers by the kit's name for them: name@version.
     */
    mcp?: {
      [k: string]: string
    }
  }
  /**
   * Folders where an outfit run was interrupted (crash, kill) and left changes half-done: what status shows there may be partial until `outfit recover` (or any install or uninstall) rolls it back.
   */
  interrupted?: string[]
  /**
   * One entry per tool that has this scope.
   */
  tools: {
    /**
     * Target id.
     */
    tool: string
    /**
     * The tool's display name.
     */
    name: string
    /**
     * Scope.
     */
    scope: string
    /**
     * Whether the tool looks installed on this machine.
     */
    detected: boolean
    /**
     * The kit outfit installed into this tool, or null.
     */
    installed: null | {
      /**
       * Kit name.
       */
      kit: string
      /**
       * Kit version.
       */
      version: string
      /**
       * ISO 8601 time of the install.
       */
      installedAt: string
    }
    /**
     * Installed files that were changed or removed since.
     */
    drift: {
      /**
       * Absolute path.
       */
      path: string
      /**
       * What happened to it.
       */
      problem: 'changed' | 'missing'
    }[]
  }[]
}
export interface ListDocument {
  /**
   * Always list.
   */
  command: 'list'
  /**
   * Every known target.
   */
  tools: {
    /**
     * Target id.
     */
    id: string
    /**
     * Display name.
     */
    name: string
    /**
     * Scopes the target supports.
     */
    scopes: string[]
    /**
     * Whether the tool looks installed here.
     */
    detected: boolean
    /**
     * The target YAML file.
     */
    file: string
    /**
     * The vendor discontinued the tool: since when, and what happened.
     */
    endOfLife?: {
      /**
       * YYYY-MM-DD.
       */
      since: string
      /**
       * What happened and where its users went.
       */
      note: string
    }
  }[]
}
export interface ValidateDocument {
  /**
   * Always validate.
   */
  command: 'validate'
  /**
   * True when no file has an error.
   */
  valid: boolean
  /**
   * How many files were checked.
   */
  checked: number
  /**
   * Every problem found.
   */
  diagnostics: JsonDiagnostic[]
}
export interface JsonDiagnostic {
  /**
   * The file with the problem.
   */
  file: string
  /**
   * 1-based line.
   */
  line: number
  /**
   * 1-based column.
   */
  column: number
  /**
   * JSON Pointer of the offending value ('' for the whole document).
   */
  pointer: string
  /**
   * What is wrong.
   */
  message: string
  /**
   * Errors make the file invalid; warnings do not.
   */
  severity: 'error' | 'warning'
}
export interface RecoverDocument {
  /**
   * Always recover.
   */
  command: 'recover'
  /**
   * Interrupted runs that were rolled back (empty: nothing to do).
   */
  recovered: RecoveredRun[]
}
/**
 * forget: outfit's records it dropped (or, with --dry-run or when not confirmed, would drop); the files stay.
 */
export interface ForgetDocument {
  /**
   * Always forget.
   */
  command: 'forget'
  /**
   * The scope whose records these are.
   */
  scope: string
  /**
   * True when the records were dropped; false for --dry-run, a no, or nothing to forget.
   */
  forgotten: boolean
  /**
   * Per folder of the scope: the records dropped.
   */
  roots: {
    /**
     * The scope of these records: the document's, or the subproject scope for a monorepo subproject's (forgotten at the root, docs/monorepos.md).
     */
    scope?: string
    /**
     * The folder the scope stands for.
     */
    root: string
    /**
     * The installs forgotten, by tool.
     */
    installs: {
      /**
       * The tool id.
       */
      tool: string
      /**
       * The install manifest.
       */
      file: string
    }[]
    /**
     * Crash journals of interrupted runs (their changes stay as they are).
     */
    journals: string[]
    /**
     * Where backups of replaced files stay (never removed by forget).
     */
    backups?: string
  }[]
}
export interface InitDocument {
  /**
   * Always init.
   */
  command: 'init'
  /**
   * What was scaffolded.
   */
  kind: 'kit' | 'target'
  /**
   * Files created (absolute paths).
   */
  created: string[]
}
/**
 * audit: per kit, the hidden characters and the commands running fetched code found in its text (exit 7 when anything is found).
 */
export interface AuditDocument {
  /**
   * Always audit.
   */
  command: 'audit'
  /**
   * Each kit audited, in the order of its sources.
   */
  kits: {
    /**
     * The kit's name in the config (or its source).
     */
    name: string
    /**
     * Where the kit comes from, as written.
     */
    source: string
    /**
     * What the audit found, by file and position.
     */
    findings: AuditFinding[]
  }[]
}
export interface AuditFinding {
  /**
   * The rule the text breaks.
   */
  rule:
    | 'bidi-control'
    | 'invisible-character'
    | 'tag-character'
    | 'control-character'
    | 'variation-selectors'
    | 'pipe-to-shell'
    | 'unpinned-package'
  /**
   * The file, relative to the kit folder.
   */
  file: string
  /**
   * 1-based line.
   */
  line: number
  /**
   * 1-based column, in code points (as editors count them).
   */
  column: number
  /**
   * The characters found, each as 'U+202E RIGHT-TO-LEFT OVERRIDE' (empty for the command rules).
   */
  codePoints: string[]
  /**
   * What was found and why it matters.
   */
  message: string
}
/**
 * pack: the packages written (one per format, or per kit and format in a marketplace), what of the kit each does not give its tool and why, and the marketplace files.
 */
export interface PackDocument {
  /**
   * Always pack.
   */
  command: 'pack'
  /**
   * The folder written (--out or --marketplace).
   */
  dir: string
  /**
   * Whether it is a marketplace folder (--marketplace).
   */
  marketplace: boolean
  /**
   * Each package, in the order of the kits and formats.
   */
  packages: {
    /**
     * The package format: agent-plugin, or the packFormat of a target's plugin scope (claude, codex, cursor, copilot, gemini for the built-in targets).
     */
    format: string
    /**
     * The kit's name.
     */
    kit: string
    /**
     * The kit's version.
     */
    version: string
    /**
     * The package's folder.
     */
    dir: string
    /**
     * Its files, relative to dir, sorted.
     */
    files: string[]
    /**
     * The kit's items (content files, MCP servers as "MCP server 'name'", hooks) the package gives its tool; every other item is in dropped.
     */
    items: string[]
    /**
     * Kit content the package does not give its tool, and why (an Agent Plugin keeps it in dev.outfit/ all the same).
     */
    dropped: DroppedItem[]
  }[]
  /**
   * The marketplace files written (--marketplace), with the plugins each lists.
   */
  listings: {
    /**
     * Relative to dir.
     */
    path: string
    /**
     * The plugin names it lists.
     */
    plugins: string[]
  }[]
}
/**
 * search-mcp: the registry's servers matching the words, newest version of each.
 */
export interface SearchMcpDocument {
  /**
   * Always search-mcp.
   */
  command: 'search-mcp'
  /**
   * The registry asked.
   */
  registry: string
  /**
   * Matches, as the registry ranked them.
   */
  servers: {
    /**
     * The server's registry name.
     */
    name: string
    /**
     * Its newest version.
     */
    version: string
    /**
     * What it offers.
     */
    description?: string
    /**
     * How it can run: its package types, and remote.
     */
    runs: string[]
    /**
     * The mcp.yaml line that installs it: registry: name@^version.
     */
    use: string
  }[]
}
/**
 * adopt: what the tools already had, as kit items (kind, path, where each came from), the conflicts between tools, what was skipped or moved and why, the secrets replaced by references, and the kit files written (nothing when there is a conflict, or with --dry-run).
 */
export interface AdoptDocument {
  /**
   * Always adopt.
   */
  command: 'adopt'
  /**
   * The scope read (project or global).
   */
  scope: string
  /**
   * The kit folder.
   */
  kit: string
  /**
   * The tools read.
   */
  tools: string[]
  /**
   * One per kit item.
   */
  items: {
    /**
     * The kind of item.
     */
    kind: 'agents' | 'commands' | 'rules' | 'skills' | 'mcp' | 'hooks'
    /**
     * Its path in the kit (a skill: its folder).
     */
    path: string
    /**
     * Where it was found.
     */
    sources: {
      /**
       * The tool id.
       */
      tool: string
      /**
       * The tool's file (a skill: its folder).
       */
      file: string
    }[]
    /**
     * The tools it is for (its outfit.tools), when not every adopted tool had it.
     */
    tools?: string[]
  }[]
  /**
   * Items whose versions differ between tools: nothing is written until one is chosen (--prefer).
   */
  conflicts: {
    /**
     * The kind of item.
     */
    kind: string
    /**
     * Its path in the kit.
     */
    path: string
    /**
     * Each differing version, with the tools and files it came from.
     */
    versions: {
      /**
       * The tools that have this version.
       */
      tools: string[]
      /**
       * Their files.
       */
      files: string[]
      /**
       * The version as the kit would hold it.
       */
      text: string
    }[]
  }[]
  /**
   * What was not adopted, with the reason.
   */
  skipped: {
    /**
     * The tool id.
     */
    tool: string
    /**
     * The file, with :line:col where one is known.
     */
    where: string
    /**
     * What it was.
     */
    what: string
    /**
     * Why it was not adopted.
     */
    reason: string
  }[]
  /**
   * Found where install will not write it again (a legacy or nested location): adopted, and installed at the current place.
   */
  moved: {
    /**
     * The tool id.
     */
    tool: string
    /**
     * Where it was found.
     */
    from: string
    /**
     * Where it goes.
     */
    to: string
    /**
     * Why.
     */
    reason: string
  }[]
  /**
   * Literal secrets replaced in the kit by ${NAME} references (the tools' files are untouched).
   */
  secrets: {
    /**
     * The tool id.
     */
    tool: string
    /**
     * The file, with :line:col where known.
     */
    where: string
    /**
     * What holds it.
     */
    what: string
    /**
     * The reference the kit has instead.
     */
    reference: string
  }[]
  /**
   * The kit's files: new (written unless --dry-run or a conflict), unchanged, or existing with other content (a conflict).
   */
  files: {
    /**
     * Relative to the kit folder.
     */
    path: string
    /**
     * new: written (unless --dry-run or a conflict); unchanged: already there; differs: exists with other content.
     */
    status: 'new' | 'unchanged' | 'differs'
  }[]
  /**
   * True when the kit files were written.
   */
  written: boolean
}
/**
 * An expected failure: nothing was changed.
 */
export interface ErrorDocument {
  /**
   * The command that failed ('' when none matched).
   */
  command: string
  /**
   * What went wrong.
   */
  error: {
    /**
     * Error class; see the README's exit codes.
     */
    code:
      | 'USAGE'
      | 'TARGET_INVALID'
      | 'KIT_NOT_FOUND'
      | 'FILE_ACCESS'
      | 'STEP_FAILED'
      | 'ROLLBACK_FAILED'
      | 'CANCELLED'
      | 'CONFLICT'
      | 'STATE_INVALID'
      | 'SOURCE_FAILED'
      | 'LOCK_MISMATCH'
      | 'UNTRUSTED'
      | 'INTERNAL'
    /**
     * What went wrong.
     */
    message: string
    /**
     * What to do about it.
     */
    hint?: string
    /**
     * Located problems (invalid target, kit or config files).
     */
    diagnostics?: JsonDiagnostic[]
  }
}

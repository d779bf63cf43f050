/* Generated from schemas/target.schema.json by `npm run gen:types`. Do not edit by hand. */

/**
 * A template, or one template per operating system.
 *
 * This interface was referenced by `OutfitTarget`'s JSON-Schema
 * via the `definition` "platformTemplate".
 */
export type PlatformTemplate =
  | string
  | {
      /**
       * Linux (and every platform not listed).
       */
      linux: string
      /**
       * macOS.
       */
      darwin: string
      /**
       * Windows (write paths with /; {{home}} is %USERPROFILE%, so %APPDATA% is {{home}}/AppData/Roaming).
       */
      win32: string
    }
/**
 * The action this step performs.
 *
 * This interface was referenced by `OutfitTarget`'s JSON-Schema
 * via the `definition` "runAction".
 */
export type RunAction = {
  /**
   * Name of a built-in action: mkdir, write, copy, symlink, json-merge, toml-merge, yaml-merge, block, manifest.
   */
  action: string
} & RunAction1
export type RunAction1 =
  | {
      /**
       * Built-in action `mkdir`.
       */
      action: 'mkdir'
      with: MkdirParams
    }
  | {
      /**
       * Built-in action `write`.
       */
      action: 'write'
      with: WriteParams
    }
  | {
      /**
       * Built-in action `copy`.
       */
      action: 'copy'
      with: CopyParams
    }
  | {
      /**
       * Built-in action `symlink`.
       */
      action: 'symlink'
      with: SymlinkParams
    }
  | {
      /**
       * Built-in action `json-merge`.
       */
      action: 'json-merge'
      with: JsonMergeParams
    }
  | {
      /**
       * Built-in action `toml-merge`.
       */
      action: 'toml-merge'
      with: TomlMergeParams
    }
  | {
      /**
       * Built-in action `yaml-merge`.
       */
      action: 'yaml-merge'
      with: YamlMergeParams
    }
  | {
      /**
       * Built-in action `block`.
       */
      action: 'block'
      with: BlockParams
    }
  | {
      /**
       * Built-in action `manifest`.
       */
      action: 'manifest'
      with?: ManifestParams
    }
/**
 * The inverse action that undoes this step (it undoes exactly what the step recorded).
 *
 * This interface was referenced by `OutfitTarget`'s JSON-Schema
 * via the `definition` "rollbackAction".
 */
export type RollbackAction = {
  /**
   * Name of the inverse action: rmdir, remove, unlink, json-unmerge, toml-unmerge, yaml-unmerge, unblock, unmanifest.
   */
  action: string
} & RollbackAction1
export type RollbackAction1 =
  | {
      /**
       * Built-in inverse action `rmdir`.
       */
      action: 'rmdir'
      with?: UndoParams
    }
  | {
      /**
       * Built-in inverse action `remove`.
       */
      action: 'remove'
      with?: UndoParams
    }
  | {
      /**
       * Built-in inverse action `unlink`.
       */
      action: 'unlink'
      with?: UndoParams
    }
  | {
      /**
       * Built-in inverse action `json-unmerge`.
       */
      action: 'json-unmerge'
      with?: UndoParams
    }
  | {
      /**
       * Built-in inverse action `toml-unmerge`.
       */
      action: 'toml-unmerge'
      with?: UndoParams
    }
  | {
      /**
       * Built-in inverse action `yaml-unmerge`.
       */
      action: 'yaml-unmerge'
      with?: UndoParams
    }
  | {
      /**
       * Built-in inverse action `unblock`.
       */
      action: 'unblock'
      with?: UndoParams
    }
  | {
      /**
       * Built-in inverse action `unmanifest`.
       */
      action: 'unmanifest'
      with?: UndoParams
    }

/**
 * How outfit installs a kit into one tool: where the tool reads each kind of content (scopes) and the ordered steps, each with its inverse.
 */
export interface OutfitTarget {
  /**
   * JSON Schema reference, for editors.
   */
  $schema?: string
  /**
   * Tool id used on the command line (kebab-case).
   */
  id: string
  /**
   * Human-readable tool name.
   */
  name: string
  /**
   * Documentation pages this target was checked against.
   */
  docs?: string[]
  /**
   * How far this target is verified. `docs`: its paths and formats are checked against the tool's own documentation and source only — no test runs the tool on what outfit installs (the README table says 'docs only'). Absent: the judges (test/targets/judges) run the tool.
   */
  evidence?: 'docs'
  /**
   * How this target was checked by running the tool itself (test/targets/judges*.test.ts): the pinned CLI or package the opt-in judges install; the README table says 'verified by its own CLI' (or code). Without it, and without `evidence: docs`, a target is checked by the judges without a pin.
   */
  verifiedBy?: {
    /**
     * The tool's own CLI, pinned (package@version), that the opt-in judge test (test/targets/judges*.test.ts) runs offline in a sandbox home to list what outfit installed.
     */
    cli?: string
    /**
     * The tool's own package (package@version) whose loader functions the judge test calls, when its CLI cannot list configuration offline.
     */
    code?: string
    /**
     * What the judges could not check, and why (kept in the target for readers; the README table shows only how the target was verified).
     */
    note?: string
  }
  /**
   * The tool is discontinued by its vendor: outfit keeps the target for people whose files exist, says so in `list`, the README table and every install.
   */
  endOfLife?: {
    /**
     * When the vendor ended it (YYYY-MM-DD).
     */
    since: string
    /**
     * What happened and where its users went (one sentence, cited in a comment).
     */
    note: string
  }
  /**
   * How to tell whether the tool is installed: any listed path exists or command is on PATH.
   */
  detect?: {
    /**
     * Paths (templates) whose existence means the tool is present.
     */
    paths?: string[]
    /**
     * Executables whose presence on PATH means the tool is present.
     */
    commands?: string[]
  }
  /**
   * Scopes the tool supports, by name (global, project, plugin, system, ...). `system` is the tool's machine-wide managed location (every path under {{sysroot}}, which --root moves).
   */
  scopes: {
    [k: string]: Scope
  }
  /**
   * Ordered steps; on failure the completed ones are rolled back in reverse order. Each is a preset (`preset: skills` with its parameters; see presets/) or a full step. The manifest step, which records what was installed for uninstall, is appended when left out.
   *
   * @minItems 1
   *
   * Items: One step: a preset with its parameters, or a full step.
   */
  steps: [
    {
      [k: string]: unknown
    },
    ...{
      [k: string]: unknown
    }[]
  ]
  /**
   * Kit content this tool (or one of its scopes) cannot take: reported per tool by plan and install, never dropped silently.
   */
  unsupported?: Unsupported[]
  /**
   * Older or alternative places where the tool (or its users) kept content that a step now writes elsewhere (.cursorrules, .opencode/command/, .claude/CLAUDE.md). Install never writes them; `outfit adopt` reads them in the form of the step named, and reports what it found there as moved to where that step writes.
   */
  legacy?: Legacy[]
  /**
   * Places where this tool also reads what another target installs (Gemini CLI reads Codex's .agents/skills; Copilot CLI reads CLAUDE.md and AGENTS.md). When both are installed in the scope, plan and install say the tool sees that content twice, and why. A target naming itself declares a duplicate between two of its own files, said whenever it installs that content.
   */
  alsoReads?: AlsoReads[]
}
/**
 * One place the tool reads configuration from.
 *
 * This interface was referenced by `OutfitTarget`'s JSON-Schema
 * via the `definition` "scope".
 */
export interface Scope {
  /**
   * Human description of the scope.
   */
  description?: string
  root: PlatformTemplate
  dir: PlatformTemplate
  /**
   * Scope-specific variables usable as {{name}} in steps (templates). A value may differ per operating system: `{ linux, darwin, win32 }` (an editor's data folder: VS Code keeps extension settings in ~/.config/Code on Linux, ~/Library/Application Support/Code on macOS, %APPDATA%\\Code on Windows); other platforms use the `linux` value.
   */
  vars?: {
    [k: string]: PlatformTemplate
  }
}
/**
 * Kit content the tool cannot take, and why.
 *
 * This interface was referenced by `OutfitTarget`'s JSON-Schema
 * via the `definition` "unsupported".
 */
export interface Unsupported {
  /**
   * What in the kit: a glob of kit files (`agents/*.md`), or `mcp` / `hooks`.
   */
  kit: string
  /**
   * Only in this scope, or these scopes (default: every scope), as in a step's `when`.
   */
  scope?: string | [string, ...string[]]
  /**
   * Why, for the person reading the warning (cite the tool's documentation in a YAML comment).
   */
  reason: string
}
/**
 * An older place of one step's content, read by `outfit adopt`.
 *
 * This interface was referenced by `OutfitTarget`'s JSON-Schema
 * via the `definition` "legacy".
 */
export interface Legacy {
  /**
   * The name of the step whose content was kept there (its kind, file names and transforms apply; a file of rules is read as one rule).
   */
  step: string
  /**
   * The older folder (for a step that writes one file per item) or file (one rule), a template like a step's paths.
   */
  path: string
  /**
   * For a file read as one rule: the kit frontmatter it stands for (`.cursorrules` always applies: { alwaysApply: true }).
   */
  frontmatter?: {}
  /**
   * Where the files there have another form than the step writes now: each file's name, a template like a copy step's `rename` (Copilot's prompt files: `{{item.stem}}.prompt.md`).
   */
  rename?: string
  /**
   * Where the files there have another form than the step writes now: the transforms that would have made them (read backwards by `outfit adopt`), as in a copy step.
   */
  transform?: Transform[]
  /**
   * Only in this scope, or these scopes (default: every scope), as in a step's `when`.
   */
  scope?: string | [string, ...string[]]
  /**
   * What the place was, and where the tool reads the content now.
   */
  reason: string
}
/**
 * One per-file transform, applied in order to each copied file.
 *
 * This interface was referenced by `OutfitTarget`'s JSON-Schema
 * via the `definition` "transform".
 */
export interface Transform {
  /**
   * Only apply this transform to files whose kit-relative path matches this glob (default: every file).
   */
  match?: string
  /**
   * Edit the file's YAML frontmatter.
   */
  frontmatter?: {
    /**
     * Keep only these keys (applied first).
     */
    keep?: string[]
    /**
     * Remove these keys.
     */
    drop?: string[]
    /**
     * Rename keys: { from: to }.
     */
    rename?: {
      [k: string]: string
    }
    /**
     * Turn a list value into one string joined by the given separator: { key: separator }.
     */
    join?: {
      [k: string]: string
    }
    /**
     * Turn a string value into a list split on the given separator: { key: separator }.
     */
    split?: {
      [k: string]: string
    }
    /**
     * Set keys that are missing (values are templates).
     */
    default?: {
      [k: string]: unknown
    }
    /**
     * Set keys, replacing existing values (values are templates).
     */
    set?: {
      [k: string]: unknown
    }
    /**
     * Drop the whole frontmatter block and keep only the body.
     */
    remove?: boolean
    /**
     * The tool's key order: these keys first, in this order, then the others as they were (a SKILL.md starts with `name`, which `set` would otherwise add last). Applied after every other edit of this transform.
     */
    order?: string[]
    /**
     * Set a key from the first case that applies: { key: [{ when: { has: otherKey }, value: x }, { value: fallback }] }.
     */
    cases?: {
      /**
       * Cases, first match wins.
       */
      [k: string]: Case[]
    }
    /**
     * Keys written as `key: value` without YAML quoting, for tools whose frontmatter is not strict YAML (Cursor globs).
     */
    verbatim?: string[]
  }
  /**
   * Literal text replacements in the body: { search: replacement }.
   */
  replace?: {
    [k: string]: string
  }
  /**
   * Render the file as TOML instead of Markdown: { key: template } (e.g. prompt: '{{item.body}}').
   */
  toml?: {
    [k: string]: string
  }
  /**
   * Render the file as JSON instead of Markdown: { key: template }.
   */
  json?: {
    [k: string]: string
  }
  /**
   * Replace the whole content with this template (e.g. to add a heading around {{item.body}}).
   */
  template?: string
}
/**
 * One case.
 *
 * This interface was referenced by `OutfitTarget`'s JSON-Schema
 * via the `definition` "case".
 */
export interface Case {
  when?: FileWhen
  /**
   * Value to set (strings are templates).
   */
  value: {
    [k: string]: unknown
  }
}
/**
 * A condition on one kit file, written like a step's `when`: every key must hold. A frontmatter key is set when it is present and not false, empty text or an empty list.
 *
 * This interface was referenced by `OutfitTarget`'s JSON-Schema
 * via the `definition` "fileWhen".
 */
export interface FileWhen {
  /**
   * Frontmatter key(s) that must be set.
   */
  has?: string | [string, ...string[]]
  /**
   * Frontmatter key(s) that must not be set.
   */
  lacks?: string | [string, ...string[]]
}
/**
 * Content this tool also reads from another target's places.
 *
 * This interface was referenced by `OutfitTarget`'s JSON-Schema
 * via the `definition` "alsoReads".
 */
export interface AlsoReads {
  /**
   * The other target's id.
   */
  target: string
  /**
   * What in the kit: a glob of kit files (`skills/* /SKILL.md`), or `mcp` / `hooks`.
   */
  kit: string
  /**
   * Only in this scope, or these scopes (default: every scope), as in a step's `when`.
   */
  scope?: string | [string, ...string[]]
  /**
   * Where the tool reads it, with the source (shown to the person installing).
   */
  reason: string
}
/**
 * A named step written in presets/<preset>.yaml, with its parameters: `- preset: skills` / `to: "{{root}}/.agents/skills"`. The loader expands it into a full step before checking it; `outfit validate` reports a wrong parameter at its line.
 *
 * This interface was referenced by `OutfitTarget`'s JSON-Schema
 * via the `definition` "presetUse".
 */
export interface PresetUse {
  /**
   * The preset's name: a file presets/<name>.yaml of outfit.
   */
  preset: string
  /**
   * Step name instead of the preset's (shown in progress and errors, recorded in the manifest).
   */
  name?: string
  /**
   * What the step does, for humans.
   */
  description?: string
  when?: When
  /**
   * A parameter of the preset (see its file for the list); `null` leaves out what the parameter would set.
   */
  [k: string]:
    | {
        [k: string]: unknown
      }
    | string
    | When
    | undefined
}
/**
 * A condition: the step runs only when every key holds; otherwise it is skipped (and logged). The one way a target says 'only if'.
 *
 * This interface was referenced by `OutfitTarget`'s JSON-Schema
 * via the `definition` "when".
 */
export interface When {
  /**
   * Only in this scope, or in these scopes (default: every scope the target defines).
   */
  scope?: string | [string, ...string[]]
  /**
   * Run only if this path exists (template).
   */
  exists?: string
  /**
   * Run only if this path does not exist (template).
   */
  missing?: string
  /**
   * Run only if the kit has files matching this glob, or this data (`mcp`, `hooks`).
   */
  kit?: string
}
/**
 * One ordered step with its inverse.
 *
 * This interface was referenced by `OutfitTarget`'s JSON-Schema
 * via the `definition` "step".
 */
export interface Step {
  /**
   * Step name, unique within the target; shown in progress and errors.
   */
  name: string
  /**
   * What the step does, for humans.
   */
  description?: string
  when?: When
  run: RunAction
  rollback?: RollbackAction
}
/**
 * Create a directory (and its parents).
 *
 * This interface was referenced by `OutfitTarget`'s JSON-Schema
 * via the `definition` "mkdirParams".
 */
export interface MkdirParams {
  /**
   * Destination path template. Relative paths resolve against the scope's `dir`; the result must stay inside the scope's `root`.
   */
  path: string
}
/**
 * Write one file owned by the kit.
 *
 * This interface was referenced by `OutfitTarget`'s JSON-Schema
 * via the `definition` "writeParams".
 */
export interface WriteParams {
  /**
   * Destination path template. Relative paths resolve against the scope's `dir`; the result must stay inside the scope's `root`.
   */
  path: string
  /**
   * File content. Template string; may use {{variables}} (see the README's variable table).
   */
  content: string
  /**
   * File mode in octal, e.g. '755' for scripts.
   */
  mode?: string
}
/**
 * Copy kit files into the scope, transforming each one.
 *
 * This interface was referenced by `OutfitTarget`'s JSON-Schema
 * via the `definition` "copyParams".
 */
export interface CopyParams {
  /**
   * Glob pattern(s), relative to the kit directory.
   */
  from: string | [string, ...string[]]
  when?: FileWhen
  /**
   * Kit-relative directory that matched paths are taken relative to (default: the directory part of the first glob before any wildcard).
   */
  base?: string
  /**
   * Destination directory. Destination path template. Relative paths resolve against the scope's `dir`; the result must stay inside the scope's `root`.
   */
  to: string
  /**
   * Destination path of each file relative to `to`; a template with {{item.*}} (default: '{{item.path}}').
   */
  rename?: string
  /**
   * Per-file transforms, applied in order.
   */
  transform?: Transform[]
  /**
   * The tool's own keys that a kit item's `outfit.overrides.<tool>` may set here: frontmatter keys (or the TOML/JSON keys of an output transform) for copy, entry keys for MCP servers and hooks. Default: the keys this step writes (every key, for a step that passes the kit's frontmatter through). An override key no step of the target accepts is an error at its file:line:col; cite the tool's documentation for the list.
   */
  accepts?: string[]
}
/**
 * Create a symbolic link owned by the kit.
 *
 * This interface was referenced by `OutfitTarget`'s JSON-Schema
 * via the `definition` "symlinkParams".
 */
export interface SymlinkParams {
  /**
   * Where the link goes. Destination path template. Relative paths resolve against the scope's `dir`; the result must stay inside the scope's `root`.
   */
  path: string
  /**
   * What the link points to (template).
   */
  target: string
}
/**
 * Merge into a JSON or JSONC file, preserving comments, formatting and every key the kit does not own.
 *
 * This interface was referenced by `OutfitTarget`'s JSON-Schema
 * via the `definition` "jsonMergeParams".
 */
export interface JsonMergeParams {
  /**
   * The JSON/JSONC file. Destination path template. Relative paths resolve against the scope's `dir`; the result must stay inside the scope's `root`.
   */
  file: string
  /**
   * RFC 7396 merge patch applied at any depth; each leaf it sets is owned by the kit.
   */
  patch?: {
    [k: string]: unknown
  }
  entries?: Entries
  /**
   * A file the tool stops reading once `file` exists (Copilot CLI reads a folder's .mcp.json, else its .github/mcp.json). Path template. Creating `file` while this one exists is warned about.
   */
  hides?: string
}
/**
 * Merge one owned entry per kit item (MCP server or hook) under a key of the file.
 *
 * This interface was referenced by `OutfitTarget`'s JSON-Schema
 * via the `definition` "entries".
 */
export interface Entries {
  /**
   * Which kit data to take entries from: `mcp` (mcp.yaml servers) or `hooks` (hooks.yaml).
   */
  from: 'mcp' | 'hooks'
  /**
   * Key path of the container, e.g. [mcpServers] or [hooks, '{{entry.event}}']. Segments are templates.
   *
   * @minItems 1
   */
  at: [string, ...string[]]
  /**
   * `key` (default): each entry is stored under its name. `append`: each entry is appended to the array at `at` (hooks). `named`: each entry is an element of the list at `at`, identified by its `name` field (Continue's `mcpServers: [- name: …]`); an element of that name outfit did not write is refused without --force (yaml-merge only).
   */
  mode?: 'key' | 'append' | 'named'
  /**
   * Local (stdio) server. Shape of one entry in the tool's format. Strings starting with `$` name a field of the kit entry — servers: `$name`, `$command`, `$args`, `$argv` = [command, ...args], `$env`, `$url`, `$headers`, `$transport`, and with `envRefs: none` also `$envVars`, `$envHeaders`, `$bearerEnv`; hooks: `$event`, `$matcher`, `$command`, `$timeout`. Keys whose value resolves to nothing are left out; a kit field no key takes is reported as not installed. Other strings are templates.
   */
  stdio?: {}
  /**
   * Remote server over streamable HTTP (kit `transport: http`, the default). Shape of one entry in the tool's format. Strings starting with `$` name a field of the kit entry — servers: `$name`, `$command`, `$args`, `$argv` = [command, ...args], `$env`, `$url`, `$headers`, `$transport`, and with `envRefs: none` also `$envVars`, `$envHeaders`, `$bearerEnv`; hooks: `$event`, `$matcher`, `$command`, `$timeout`. Keys whose value resolves to nothing are left out; a kit field no key takes is reported as not installed. Other strings are templates.
   */
  remote?: {}
  /**
   * Remote server over SSE (kit `transport: sse`); without it such servers are reported as not installed. Shape of one entry in the tool's format. Strings starting with `$` name a field of the kit entry — servers: `$name`, `$command`, `$args`, `$argv` = [command, ...args], `$env`, `$url`, `$headers`, `$transport`, and with `envRefs: none` also `$envVars`, `$envHeaders`, `$bearerEnv`; hooks: `$event`, `$matcher`, `$command`, `$timeout`. Keys whose value resolves to nothing are left out; a kit field no key takes is reported as not installed. Other strings are templates.
   */
  sse?: {}
  /**
   * Shape of one entry in the tool's format. Strings starting with `$` name a field of the kit entry — servers: `$name`, `$command`, `$args`, `$argv` = [command, ...args], `$env`, `$url`, `$headers`, `$transport`, and with `envRefs: none` also `$envVars`, `$envHeaders`, `$bearerEnv`; hooks: `$event`, `$matcher`, `$command`, `$timeout`. Keys whose value resolves to nothing are left out; a kit field no key takes is reported as not installed. Other strings are templates.
   */
  shape?: {}
  /**
   * Hooks: the shape of an entry for these tool events, where it differs from `shape` (Antigravity: `PreToolUse` entries are `{ matcher, hooks: [...] }`, a `Stop` entry is the handler itself). Keys are the tool's event names (after `events`); a hook with a matcher on an event whose shape has no `$matcher` is not installed.
   */
  eventShapes?: {
    [k: string]: {}
  }
  /**
   * Rename kit hook events to the tool's event names ({ preToolUse: PreToolUse }); hooks with an event missing here are skipped with a warning.
   */
  events?: {
    [k: string]: string
  }
  /**
   * How the tool spells an environment reference the kit writes as `${VAR}`: `{ prefix: '${env:', suffix: '}' }` rewrites it to `${env:VAR}`; `none` means the tool expands nothing (values with references are split into `$envVars`, `$envHeaders`, `$bearerEnv`, and what is left is reported). Default: `${VAR}` is kept as written. Applies to env, headers, args and url.
   */
  envRefs?:
    | 'none'
    | {
        /**
         * Written before the name, e.g. '${env:'.
         */
        prefix: string
        /**
         * Written after the name, e.g. '}'.
         */
        suffix: string
        /**
         * The tool expands references only in these fields (Goose: HTTP headers, from the variables its `env_keys` names); in the others they are treated as with `none`, and `$envVars` also lists every variable the expanded fields reference (a shape without `$envVars` may leave those out: the tool expands them itself; Augment: everything but headers).
         *
         * @minItems 1
         *
         * Items: A server field.
         */
        only?: ['env' | 'headers' | 'args' | 'url', ...('env' | 'headers' | 'args' | 'url')[]]
      }
  /**
   * Older or alternative spellings of a server entry that the tool still reads (Gemini CLI's `httpUrl`), by transport; install writes only the shape above. `outfit adopt` reads such entries into the kit, and install takes an entry that reads the same through one of them as the kit's, unchanged.
   */
  readAlso?: {
    /**
     * Alternative local (stdio) server entries.
     *
     * Items: One alternative shape.
     */
    stdio?: {}[]
    /**
     * Alternative streamable HTTP server entries.
     *
     * Items: One alternative shape.
     */
    remote?: {}[]
    /**
     * Alternative SSE server entries.
     *
     * Items: One alternative shape.
     */
    sse?: {}[]
  }
  /**
   * The tool starts local servers with its own environment (Zed): a variable passed through unchanged (`KEY: ${KEY}`, `$envVars` with `envRefs: none`) needs no entry and is left out instead of making the server not installed.
   */
  inheritEnv?: boolean
  /**
   * Hook matchers: the kit's tool names (Claude Code's: Bash, Edit, Write, Read, ...) → the tool's names; a value may list several with '|'. With this map, a matcher alternative missing from it is dropped with a warning, and a hook none of whose alternatives map is not installed.
   */
  tools?: {
    [k: string]: string
  }
  /**
   * Unit of the tool's hook `timeout`; kit timeouts are in seconds (default: seconds).
   */
  timeoutUnit?: 'seconds' | 'milliseconds'
  /**
   * The tool's own keys that a kit item's `outfit.overrides.<tool>` may set here: frontmatter keys (or the TOML/JSON keys of an output transform) for copy, entry keys for MCP servers and hooks. Default: the keys this step writes (every key, for a step that passes the kit's frontmatter through). An override key no step of the target accepts is an error at its file:line:col; cite the tool's documentation for the list.
   */
  accepts?: string[]
}
/**
 * Merge owned tables into a TOML file, keeping the user's content.
 *
 * This interface was referenced by `OutfitTarget`'s JSON-Schema
 * via the `definition` "tomlMergeParams".
 */
export interface TomlMergeParams {
  /**
   * The TOML file. Destination path template. Relative paths resolve against the scope's `dir`; the result must stay inside the scope's `root`.
   */
  file: string
  /**
   * Merge patch of tables and keys; each leaf it sets is owned by the kit.
   */
  patch?: {
    [k: string]: unknown
  }
  entries?: Entries
}
/**
 * Merge into a YAML file (Continue's or Goose's config.yaml, Aider's .aider.conf.yml), keeping the user's comments, formatting and every key the kit does not own.
 *
 * This interface was referenced by `OutfitTarget`'s JSON-Schema
 * via the `definition` "yamlMergeParams".
 */
export interface YamlMergeParams {
  /**
   * The YAML file. Destination path template. Relative paths resolve against the scope's `dir`; the result must stay inside the scope's `root`.
   */
  file: string
  /**
   * RFC 7396 merge patch applied at any depth; each leaf it sets is owned by the kit.
   */
  patch?: {
    [k: string]: unknown
  }
  entries?: Entries
  /**
   * Lists to add items to, as a merge patch whose leaves are lists: `{ read: ["{{dir}}/kit.md"] }` appends each item to the list at `read` (created when missing). An item already there is left alone; uninstall removes exactly the items outfit added. A key holding a single value instead of a list is refused.
   */
  append?: {
    [k: string]: unknown
  }
}
/**
 * Write an owned, marked block inside a shared text file (such as AGENTS.md); text outside the block is never touched.
 *
 * This interface was referenced by `OutfitTarget`'s JSON-Schema
 * via the `definition` "blockParams".
 */
export interface BlockParams {
  /**
   * The shared file. Destination path template. Relative paths resolve against the scope's `dir`; the result must stay inside the scope's `root`.
   */
  file: string
  /**
   * Block id written in the markers (default: '{{kit.name}}'). Tools that write the same id share the block.
   */
  id?: string
  /**
   * Block content. Template string; may use {{variables}} (see the README's variable table).
   */
  content?: string
  /**
   * Glob pattern(s), relative to the kit directory.
   */
  from?: string | [string, ...string[]]
  /**
   * With `from`: template rendered once per matched file ({{item.*}} variables). Sections render only when a variable is set ({{#item.fm.globs}}…{{/item.fm.globs}}) or empty ({{^item.fm.globs}}…{{/item.fm.globs}}).
   */
  item?: string
  /**
   * With `from`: text between items (default: a blank line).
   */
  separator?: string
  /**
   * Marker comment syntax: html (<!-- -->, default) or hash (#).
   */
  comment?: 'html' | 'hash'
}
/**
 * Record what this install wrote, so uninstall removes exactly that. Must be the last step.
 *
 * This interface was referenced by `OutfitTarget`'s JSON-Schema
 * via the `definition` "manifestParams".
 */
export interface ManifestParams {}
/**
 * Inverse actions take no parameters: they undo exactly what their step recorded.
 *
 * This interface was referenced by `OutfitTarget`'s JSON-Schema
 * via the `definition` "undoParams".
 */
export interface UndoParams {}

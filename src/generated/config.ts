/* Generated from schemas/config.schema.json by `npm run gen:types`. Do not edit by hand. */

/**
 * outfit.config.yaml: defaults for a repository, so that `outfit install` needs no flags. Relative paths are resolved from the folder that holds this file. Command-line flags win over these values.
 */
export interface OutfitConfig {
  /**
   * JSON Schema reference, for editors.
   */
  $schema?: string
  /**
   * The kit to install, like --kit: a folder (the one that holds kit.yaml), a git repository (github:owner/repo/sub/folder#ref, gitlab:…, git+https://…, git+ssh://…, git+file://…#ref::path:sub/folder), an npm package (npm:@scope/name@range) or a tarball (path or URL). Fetched kits are pinned in outfit.lock. Use either kit or kits.
   */
  kit?: string
  /**
   * Several kits, installed together: name → source (same forms as kit). Two kits may not define the same file, MCP server or command. The names key outfit.lock and `outfit update <name>`. Use either kit or kits.
   */
  kits?: {
    [k: string]: string
  }
  /**
   * A monorepo's subprojects, as folders or globs relative to this file (apps/*, services/api, packages/**; a leading ! excludes). Each one is a folder with its own outfit.config.yaml naming its kit (kit or kits, and optionally tools); `outfit install` here installs the root kit as usual and each subproject's kit into the nested places its tools read. Without this key, outfit reads the same patterns from pnpm-workspace.yaml (packages), else package.json (workspaces), and takes the folders that hold an outfit.config.yaml; an empty list turns that off. Only in the root config.
   */
  subprojects?: string[]
  /**
   * Folders of your own target YAML files, loaded and validated beside the built-in ones, like --targets.
   */
  targets?: string | string[]
  /**
   * Default scope: global (your home), project (this repository) or one a target defines (e.g. plugin), like --scope.
   */
  scope?: string
  /**
   * Tools to install into when none are named on the command line (target ids, e.g. claude-code, cursor). With this set, `outfit install` runs without prompting.
   *
   * @minItems 1
   */
  tools?: [string, ...string[]]
  /**
   * The MCP registry that kits' `registry:` servers are resolved in (its v0.1 API), like --mcp-registry; default https://registry.modelcontextprotocol.io. A company's own registry works the same.
   */
  mcpRegistry?: string
  /**
   * Keep the files outfit installs in this project out of git: `block` lists them in a marked block of .gitignore, `exclude` in .git/info/exclude (nothing committed), `none` leaves git alone, for teams that commit the tools' files and check them with `outfit plan --check`. Kept in step on every install, update and uninstall; the file's other lines are never touched. Unset: the first install into a git project from a terminal asks and remembers the answer on this machine; otherwise none.
   */
  gitignore?: 'none' | 'block' | 'exclude'
  /**
   * How many tools to install at once, like --concurrency (default: all of them).
   */
  concurrency?: number
  /**
   * A cooldown for kit sources, like --min-release-age: `outfit update` skips npm versions published, and git commits made, less than this long ago (e.g. 3d, 12h, 1w; 0 turns it off). A compromised release is usually found and pulled within days.
   */
  minReleaseAge?: string
  /**
   * Kit sources whose commands (hooks, local MCP servers) may be installed without asking, e.g. github:acme/* or npm:@acme/*. Matched against the source without its ref or version; * matches within one path segment, ** across segments.
   */
  trust?: string[]
}

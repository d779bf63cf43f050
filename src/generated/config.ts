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
   * The kit directory (the folder that holds kit.yaml), like --kit.
   */
  kit?: string
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
   * How many tools to install at once, like --concurrency (default: all of them).
   */
  concurrency?: number
}

// What the pipelines of one run tell each other. Each tool's manifest says what an earlier run did; the tools of this
// run run concurrently and write their manifests only at their last step, so what one of them finds or does that
// another must know before then lives here. One instance per run (src/run/run-all.ts), the same in every tool's
// ActionContext. It lives beside the actions, not in src/run/, because the ActionContext contract names it.
import type { ContainCache } from '../fs/contain.js'
import type { KitFile } from './checked-file.js'
import type { ManifestFile } from '../state/manifest-file.js'
import type { OwnedKey, Snapshot } from '../types.js'

/** A marked block (AGENTS.md) as the tools of this run wrote it. */
export interface BlockInRun {
  /** The separator the tool that created the block chose: every tool writing it after keeps it. */
  prefix: string
  /** The hash of what the latest tool wrote into it (the block can be as large as every rule, so not its text). */
  contentHash: string
}

export class RunState {
  /**
   * The ids of every tool this run installs, including those the fast path proved unchanged. A pipeline knows its
   * companions before their manifests exist: a tool reading another's files hears it sees them twice, and a tool
   * dropping content does not keep it for a companion that drops it too.
   */
  readonly tools: readonly string[]

  /**
   * Per path, what it held before the first tool of this run touched it. A second tool writing the same file (a
   * shared skills folder, AGENTS.md) must not take the first one's output for the user's original, or uninstall would
   * "restore" outfit's own content; and a tool that hides another file when it creates this one warns only if the
   * file did not exist before the run.
   */
  readonly origins = new Map<string, Snapshot | null>()

  /** Per owned file, the hash a tool of this run wrote there: a later tool replacing it is not overwriting the user's. */
  readonly written = new Map<string, string>()

  /**
   * Folders a tool of this run created. Folders are removed on uninstall only when empty, so every tool that puts a
   * file in one records it too: a folder a concurrent tool made is outfit's, not the user's.
   */
  readonly madeDirs = new Set<string>()

  /** Kit files read once for every tool's copy and block steps (the kit does not change during a run). */
  readonly kitFiles = new Map<string, Promise<KitFile>>()

  /**
   * Per manifest file, the manifest each tool's last step left there (written, or found up to date): what the run's
   * stamps describe, without reading back and checking every manifest the run has just sealed and written.
   */
  readonly manifests = new Map<string, ManifestFile>()

  readonly #keys = new Map<string, OwnedKey>()
  readonly #containers = new Map<string, string>()
  readonly #blocks = new Map<string, BlockInRun>()
  readonly #dirClaims = new Map<string, boolean>()
  readonly #contain = new Map<string, ContainCache>()
  readonly #warned = new Set<string>()

  constructor(tools: readonly string[] = []) {
    this.tools = tools
  }

  /**
   * The first tool of this run to own a key of a shared config (both Claude Code and Copilot CLI write `.mcp.json`
   * servers): a later tool finding the value it wrote takes its "before" (the user's original) instead of taking
   * outfit's value for the user's, since it cannot see the first tool's manifest yet.
   */
  keyOwner(file: string, keyPath: readonly string[]): OwnedKey | undefined {
    return this.#keys.get(keyId(file, keyPath))
  }

  /** Records a tool's claim on a key; the first claim of the run is the one later tools find. */
  ownKey(file: string, keyPath: readonly string[], owned: OwnedKey): void {
    const id = keyId(file, keyPath)
    if (!this.#keys.has(id)) this.#keys.set(id, owned)
  }

  /**
   * The tool of this run that created an object or list in a shared config (json-merge, yaml-merge: `mcpServers` in
   * `.mcp.json`), if one did. Another tool putting its keys there co-owns it, so that whichever of them is uninstalled
   * last removes it once empty; finding it already there, that tool would otherwise take it for the user's and leave
   * `"mcpServers": {}` behind when the creator went first.
   */
  containerCreator(file: string, path: readonly string[]): string | undefined {
    return this.#containers.get(keyId(file, path))
  }

  /** Records that a tool created (or co-owns) a container; the first tool to do so is the one later tools find. */
  createdContainer(file: string, path: readonly string[], tool: string): void {
    const id = keyId(file, path)
    if (!this.#containers.has(id)) this.#containers.set(id, tool)
  }

  /**
   * A marked block as the tools of this run wrote it: tools installing concurrently share one block, so its separator
   * is the first writer's, and a later tool knows the text before it as outfit's, not as the user's edits.
   */
  block(path: string, id: string): BlockInRun | undefined {
    return this.#blocks.get(JSON.stringify([path, id]))
  }

  /** Records a tool's write of a block: the first writer's separator stays, the content is the latest. */
  wroteBlock(path: string, id: string, prefix: string, contentHash: string): void {
    const key = JSON.stringify([path, id])
    this.#blocks.set(key, { prefix: this.#blocks.get(key)?.prefix ?? prefix, contentHash })
  }

  /**
   * Whether an installed tool's manifest records a folder as made by outfit, as one tool found it: asked for every
   * file a step writes, and the manifests do not change during the run. By tool, since each tool leaves out its own.
   */
  dirClaimedByOthers(tool: string, dir: string): boolean | undefined {
    return this.#dirClaims.get(JSON.stringify([tool, dir]))
  }

  rememberDirClaim(tool: string, dir: string, claimed: boolean): void {
    this.#dirClaims.set(JSON.stringify([tool, dir]), claimed)
  }

  /** The folders proved free of symlinks out of a scope root, shared by every tool writing under that root. */
  containCache(root: string): ContainCache {
    let cache = this.#contain.get(root)
    if (!cache) this.#contain.set(root, (cache = { safe: new Set() }))
    return cache
  }

  /**
   * True the first time a tool asks to warn about an unset variable a server uses: a target may write one server
   * into two files (Copilot: VS Code's and the CLI's), and the person should hear it once per tool.
   */
  firstWarning(tool: string, server: string, variable: string): boolean {
    const key = JSON.stringify([tool, server, variable])
    if (this.#warned.has(key)) return false
    this.#warned.add(key)
    return true
  }
}

// --- internal ---

function keyId(file: string, keyPath: readonly string[]): string {
  return JSON.stringify([file, keyPath])
}

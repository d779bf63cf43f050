// The contract every built-in action follows. Actions never print: they report through ctx.log.
import type { Fs } from '../fs/fs.js'
import type { PathLock } from '../fs/path-lock.js'
import type { ToolLog } from './tool-log.js'
import type { Change, Kept, Kit } from '../types.js'
import type { Lookup } from '../vars/interpolate.js'
import type { ManifestFile } from '../state/manifest-file.js'
import type { ScopeState } from '../state/scope-state.js'
import type { RunState } from './run-state.js'

export interface ActionContext {
  fs: Fs
  signal: AbortSignal
  log: ToolLog
  kit: Kit
  /**
   * The whole kit's MCP server names in kit order, also those this tool does not get (per-item `tools`): entries that
   * tools of one run add to a shared file go in this order, whichever tool writes first (see siblingAfter).
   */
  serverOrder?: readonly string[]
  tool: { id: string; name: string }
  scope: { name: string; root: string; dir: string }
  /** Resolves base and scope variables (not item/entry ones; actions add those). */
  vars: Lookup
  /** Serializes read-modify-write of shared files across concurrent pipelines. */
  lock: PathLock
  /** Overwrite files and entries the user owns, and remove files the user changed. */
  force: boolean
  /** What the previous install of this tool and scope recorded (null: first install). */
  previous: ManifestFile | null
  /** Changes of the steps completed so far in this run, in order (the manifest step records them). */
  completed: readonly { step: string; action: string; inverse: string; changes: Change[] }[]
  /** outfit's state for this scope root: its folder (manifests, backups), the root, the key that signs it. */
  state: ScopeState
  /** `state.dir`. */
  stateDir: string
  /** Records one change the current step made; the runner undoes exactly the recorded changes. */
  record(change: Change): void
  /** What the pipelines of one run tell each other before their manifests exist (see run-state.ts). */
  run: RunState
  /** The manifests of the other tools installed in this scope (read once per run). */
  others(): Promise<ManifestFile[]>
  /** Reports how far a long step is (e.g. 1,204 of 2,000 files copied), for the live progress line. */
  progress?(done: number, total: number): void
  /** The environment outfit runs in: only read to warn about unset `${VAR}` references, never written anywhere. */
  env: Readonly<Record<string, string | undefined>>
}

export type UndoMode = 'rollback' | 'uninstall'

export interface UndoResult {
  /** Things left in place because the user changed them since outfit wrote them. */
  kept: Kept[]
}

export interface Action<P = unknown> {
  name: string
  description: string
  /** The inverse a target must declare as this step's rollback. */
  inverse: string
  /** Performs the step, calling ctx.record for each change right after making it (so a failure halfway is undone too). */
  run(params: P, ctx: ActionContext): Promise<void>
}

export interface InverseAction {
  name: string
  description: string
  /**
   * Undoes exactly the given changes, newest first. `rollback` puts back the state just before this run;
   * `uninstall` the state before outfit first wrote each path. `ctx.force` also reverts what the user changed since.
   */
  undo(changes: Change[], ctx: ActionContext, how: UndoMode): Promise<UndoResult>
}

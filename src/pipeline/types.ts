// A pipeline is a target bound to one scope: ordered steps, each with its inverse. Pure data plus functions, no I/O
// until run.
import type { ActionContext, UndoMode, UndoResult } from '../actions/types.js'
import type { AlsoReads, Unsupported, When } from '../generated/target.js'
import type { Change } from '../types.js'

export interface Step {
  name: string
  action: string
  inverse: string
  when?: When
  run(ctx: ActionContext): Promise<void>
  undo(changes: Change[], ctx: ActionContext, how: UndoMode): Promise<UndoResult>
}

export interface Pipeline {
  tool: { id: string; name: string }
  scope: { name: string; root: string; dir: string }
  /** Scope-specific variables, already rendered. */
  scopeVars: Record<string, string>
  /** What `{{sysroot}}` stands for (a system scope's paths start with it; `--root` moves it). */
  sysroot?: string
  /** Where the target may write in this scope (see declared-areas.ts): state naming anything else is refused. */
  areas: string[]
  steps: Step[]
  /** The vendor discontinued the tool (the target's `endOfLife`): said in every install. */
  endOfLife?: { since: string; note: string }
  /** Kit content the tool cannot take in this scope (the target's `unsupported`), reported before the steps run. */
  unsupported?: Unsupported[]
  /** Places where the tool also reads another target's content (the target's `alsoReads`), in this scope. */
  alsoReads?: AlsoReads[]
}

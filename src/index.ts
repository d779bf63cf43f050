// The public library API: everything the CLI does is a call to one of these. Internals are not exported.
export { install, uninstall, type RunRequest, type KitInput } from './api/install.js'
export { prepareKits, type KitsRequest, type PreparedKits, type PreparedKit } from './api/kits.js'
export { parseSource, sourceId, type SourceSpec } from './sources/parse-source.js'
export type { KitSource, LockChange } from './sources/resolve-kits.js'
export { cacheHome } from './sources/xdg.js'
export { npmOptions } from './sources/npm-config.js'
export { readLock, writeLock, LOCK_FILE, type Lockfile, type LockEntry } from './lock/lock-file.js'
export {
  ensureTrusted,
  untrusted,
  type TrustCandidate,
  type TrustOptions,
  type Untrusted,
} from './trust/check-trust.js'
export { kitCommands } from './trust/kit-commands.js'
export { trustFile } from './trust/trust-store.js'
export { plan, type ToolPlan, type PlannedChange } from './plan/plan.js'
export { status, type ToolStatus as ToolStatusRow, type Drift } from './api/status.js'
export { discoverTargets, requireTargets, pickTargets, detectTool, type TargetSource } from './api/targets.js'
export { initKit, initTarget } from './api/init.js'
export { recover } from './safety/guard-run.js'
export { loadTarget } from './load/load-target.js'
export { loadKit } from './kit/load-kit.js'
export { findConfig, loadConfig, CONFIG_FILE, type LoadedConfig } from './config/load-config.js'
export { realFs, type Fs } from './fs/fs.js'
export {
  OutfitError,
  UsageError,
  TargetInvalidError,
  ConflictError,
  SourceError,
  LockMismatchError,
  UntrustedError,
  StepFailedError,
  RollbackFailedError,
  CancelledError,
  InternalError,
} from './errors.js'
export type {
  Diagnostic,
  Kit,
  LoadedTarget,
  LoadResult,
  RunReport,
  ToolResult,
  ToolStatus,
  TargetSpec,
} from './types.js'
export type { OutfitConfig } from './generated/config.js'
export type { OutfitJsonOutput } from './generated/output.js'

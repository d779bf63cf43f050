// The public library API: everything the CLI does is a call to one of these use cases (the CLI's commands are thin
// shells over the same functions: `install()` here is `outfit install`). Internals are not exported.
export { install, type InstallRequest, type InstallResult } from './api/install.js'
export { update, type UpdateRequest, type UpdateResult } from './api/update.js'
export { plan, type PlanRequest, type PlanResult } from './api/plan.js'
export { uninstall, type UninstallRequest } from './api/uninstall.js'
export { status, type StatusRequest, type StatusResult } from './api/status.js'
export { list, type ListedTool } from './api/list.js'
export { recover } from './api/recover.js'
export { validate, type ValidateRequest } from './api/validate.js'
export { init, initKit, initTarget, type InitRequest } from './api/init.js'
export { forget, type ForgetScopeRequest, type ForgetPlan } from './api/forget.js'
export { succeeded, type KitRunRequest, type RunEvents } from './api/prepare-run.js'
export type { ToolQuestion, ToolChoice } from './api/choose-tools.js'
export type { TrustQuestion, KitChoice, TrustChoice } from './api/kit-sources.js'
export type { Note, WorkspaceRequest } from './api/workspace.js'
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
export type { ToolPlan, PlannedChange } from './plan/plan.js'
export type { ToolStatus as ToolStatusRow, Drift } from './api/status.js'
export { discoverTargets, requireTargets, pickTargets, detectTool, type TargetSource } from './api/targets.js'
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

// The --json documents, typed by src/generated/output.ts (from schemas/output.schema.json) so that what scripts
// read and what the schema promises cannot drift apart. test/ux/json-output.test.ts checks real runs against it.
import { version } from '../version.js'
import type { ToolStatus } from '../api/status.js'
import type { OutfitError } from '../errors.js'
import { TargetInvalidError } from '../errors.js'
import type {
  ErrorDocument,
  ListDocument,
  LockedKit,
  PlanDocument,
  RunDocument,
  StatusDocument,
  UpdateDocument,
  ValidateDocument,
} from '../generated/output.js'
import type { LockEntry } from '../lock/lock-file.js'
import type { LockChange } from '../sources/resolve-kits.js'
import type { ToolPlan } from '../plan/plan.js'
import type { Diagnostic, RunReport } from '../types.js'

export function runDocument(report: RunReport, scope: string): RunDocument {
  return {
    command: report.command,
    scope,
    cancelled: report.cancelled,
    recovered: report.recovered ?? [],
    tools: report.results.map((r) => ({
      tool: r.tool,
      name: r.name,
      scope: r.scope,
      status: r.status,
      files: r.written,
      steps: r.steps,
      ...(r.failure ? { failure: { step: r.failure.step, message: r.failure.error.message } } : {}),
      rollbackErrors: r.rollbackErrors.map((e) => ({ step: e.step, message: e.error.message })),
      kept: r.kept,
      dropped: r.dropped ?? [],
      log: r.log,
    })),
  }
}

export function planDocument(plans: ToolPlan[], scope: string): PlanDocument {
  return { command: 'plan', scope, tools: plans }
}

export function updateDocument(
  scope: string,
  changes: LockChange[],
  plans: ToolPlan[],
  applied: boolean,
  result?: RunDocument,
): UpdateDocument {
  const locked = (entry: LockEntry | undefined): LockedKit | null => {
    if (!entry) return null
    const { source: _source, ...rest } = entry
    return rest
  }
  return {
    command: 'update',
    scope,
    applied,
    kits: changes.map((c) => ({ kit: c.kit, source: c.source, from: locked(c.before), to: locked(c.after) })),
    tools: plans,
    ...(result ? { result } : {}),
  }
}

export function statusDocument(
  rows: ToolStatus[],
  scope: string,
  interrupted: string[] = [],
  lock?: StatusDocument['lock'],
): StatusDocument {
  return {
    command: 'status',
    scope,
    outfit: version,
    ...(lock ? { lock } : {}),
    ...(interrupted.length > 0 ? { interrupted } : {}),
    tools: rows,
  }
}

export function listDocument(tools: ListDocument['tools']): ListDocument {
  return { command: 'list', tools }
}

export function validateDocument(diagnostics: Diagnostic[], checked: number): ValidateDocument {
  return {
    command: 'validate',
    valid: !diagnostics.some((d) => d.severity === 'error'),
    checked,
    diagnostics,
  }
}

/** Expected failures only: a bug is not a document, it is a crash report on stderr. */
export function errorDocument(command: string, error: OutfitError): ErrorDocument {
  return {
    command,
    error: {
      code: error.code,
      message: error.message,
      ...(error.hint ? { hint: error.hint } : {}),
      ...(error instanceof TargetInvalidError ? { diagnostics: error.diagnostics } : {}),
    },
  }
}

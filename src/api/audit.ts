// `outfit audit`, and the audit every install runs: the kits of a run (the same sources, lock and cache as install,
// the lock never written) scanned for hidden characters and commands that run fetched code. Returns findings per
// kit; what they mean (exit 7, a trust question, a warning) is the caller's to decide.
import { auditKit } from '../audit/audit-kit.js'
import type { Finding } from '../audit/rules.js'
import type { Fs } from '../fs/fs.js'
import { checkKitSources, kitSources, prepare, type KitChoice } from './kit-sources.js'
import { prepareKits, type KitsRequest, type PreparedKit } from './kits.js'
import { openWorkspace, type WorkspaceRequest } from './workspace.js'

export interface KitAudit {
  name: string
  source: string
  /** What trust is given to (the source without ref or version). */
  trustId: string
  /** A folder of the user's own (findings are warnings on install), not a fetched kit. */
  local: boolean
  /** The kit folder (a cache folder for a fetched kit). */
  dir: string
  findings: Finding[]
}

export interface AuditResult {
  /** The project folder (SARIF names files relative to it, as code scanning shows them). */
  project: string
  kits: KitAudit[]
}

/**
 * `outfit audit`: the kits install would install in this workspace (--kit, else the config's, pinned by outfit.lock
 * where it has them; the lock is never written), each with what the audit finds.
 */
export async function audit(request: WorkspaceRequest & Pick<KitChoice, 'kit'>): Promise<AuditResult> {
  const ctx = await openWorkspace(request)
  const sources = await kitSources(ctx, request)
  await checkKitSources(ctx, sources)
  const prepared = await prepare(ctx, sources, { ...request, mode: 'install', remember: false, audit: true })
  return { project: ctx.project, kits: await auditKits(ctx.fs, prepared.kits) }
}

/** The same audit over kit sources already chosen (a library caller that manages its own lock and cache). */
export async function auditSources(
  request: Omit<KitsRequest, 'mode' | 'only' | 'remember'>,
): Promise<KitAudit[]> {
  const prepared = await prepareKits({ ...request, mode: 'install', remember: false, audit: true })
  return auditKits(request.fs, prepared.kits)
}

/** The audit of kits already prepared (install and update audit exactly what they are about to install). */
export async function auditKits(fs: Fs, kits: PreparedKit[]): Promise<KitAudit[]> {
  return Promise.all(
    kits.map(async (k) => ({
      name: k.name,
      source: k.source,
      trustId: k.trustId,
      local: k.spec.kind === 'local',
      dir: k.kit.dir,
      findings: k.findings ?? (await auditKit(fs, k.kit)),
    })),
  )
}

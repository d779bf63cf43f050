// The merged kinds of `outfit adopt` in one call for the use case: each tool's MCP servers and hooks read through its
// target (mcp.ts, hooks.ts), merged across the tools (merge-merged.ts), as the kit's mcp.yaml and hooks.yaml, with
// what was skipped and the secrets that became references.
import type { Fs } from '../fs/fs.js'
import type { TargetSpec } from '../types.js'
import { interpolate, recordLookup } from '../vars/interpolate.js'
import { forPlatform, systemRoot, targetPlatform } from '../vars/platform.js'
import { adoptHooks } from './hooks.js'
import { adoptMcpServers } from './mcp.js'
import { hooksYaml, mcpYaml, mergeMergedKinds, type MergedKinds } from './merge-merged.js'
import type {
  AdoptPart,
  AdoptToolInput,
  KitHookEntry,
  KitMcpServer,
  SecretFinding,
  Skipped,
} from './types.js'

export interface MergedKindsResult extends MergedKinds {
  /** The kit files to write: mcp.yaml and hooks.yaml, each only when it has entries. */
  files: { path: 'mcp.yaml' | 'hooks.yaml'; text: string }[]
  secrets: SecretFinding[]
}

/** What one tool's reader gets: its target, and the scope's variables rendered as install renders them. */
export function toolInput(
  fs: Fs,
  spec: TargetSpec,
  scope: string,
  base: { home: string; project: string; platform?: string },
  kit: { name: string; version?: string },
): AdoptToolInput {
  const s = spec.scopes[scope]
  if (!s) throw new Error(`${spec.id} has no '${scope}' scope`)
  const platform = targetPlatform(base.platform)
  // A scope's root and dir may differ per OS, and a system scope's start at {{sysroot}} (the real root here).
  const known = {
    home: base.home,
    project: base.project,
    sysroot: systemRoot(undefined, platform),
    scope,
    'target.id': spec.id,
    'target.name': spec.name,
  }
  const vars: Record<string, string> = {
    ...known,
    root: interpolate(forPlatform(s.root, platform), recordLookup(known)),
    dir: interpolate(forPlatform(s.dir, platform), recordLookup(known)),
    'kit.name': kit.name,
    'kit.version': kit.version ?? '0.1.0',
    'kit.description': '',
    'kit.prefix': '',
  }
  for (const [name, template] of Object.entries(s.vars ?? {}))
    vars[name] = interpolate(forPlatform(template, platform), recordLookup(vars))
  return { fs, target: spec, scope, vars }
}

/** Reads every tool's servers and hooks and merges them; `tools` are the adopted tools (for `outfit.tools`). */
export async function adoptMergedKinds(
  inputs: AdoptToolInput[],
  tools: string[],
  preferFor?: (path: string) => string | undefined,
): Promise<MergedKindsResult> {
  const mcp = new Map<string, AdoptPart<Record<string, KitMcpServer>>>()
  const hooks = new Map<string, AdoptPart<KitHookEntry[]>>()
  const skipped: Skipped[] = []
  const secrets: SecretFinding[] = []
  for (const input of inputs) {
    if (!tools.includes(input.target.id)) continue
    const servers = await adoptMcpServers(input)
    const found = await adoptHooks(input)
    skipped.push(...servers.skipped, ...found.skipped)
    mcp.set(input.target.id, servers)
    hooks.set(input.target.id, found)
    secrets.push(...servers.secrets)
  }
  const merged = mergeMergedKinds(mcp, hooks, tools, preferFor)
  const files: MergedKindsResult['files'] = []
  const mcpText = mcpYaml(merged.servers)
  const hooksText = hooksYaml(merged.hooks)
  if (mcpText) files.push({ path: 'mcp.yaml', text: mcpText })
  if (hooksText) files.push({ path: 'hooks.yaml', text: hooksText })
  return { ...merged, skipped: [...skipped, ...merged.skipped], files, secrets }
}

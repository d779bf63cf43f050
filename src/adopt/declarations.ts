// Where a tool keeps each file kind, read from the very steps install runs: a `copy` step from `agents/*.md`,
// `commands/*.md`, `rules/*.md` or `skills/**` says in which folder the tool has those files, under which name
// (`rename`) and through which transforms; a `block` step from `rules/*.md` says which shared file (AGENTS.md, ...)
// holds the rules. Built-in and user targets alike: nothing here knows a tool by name.
import type { BlockParams, CopyParams, FileWhen, Transform } from '../generated/target.js'
import { containPath } from '../fs/contain.js'
import { buildPipeline } from '../pipeline/build-pipeline.js'
import { appliesIn } from '../pipeline/conditions.js'
import type { TargetSpec } from '../types.js'
import { interpolate, recordLookup, type Lookup } from '../vars/interpolate.js'

export type FileKind = 'agents' | 'commands' | 'rules' | 'skills'

/** One copy step read backwards: the tool's files of one kind in one folder. */
export interface CopyReader {
  kind: FileKind
  step: string
  /** The folder the step writes into (absolute). */
  dir: string
  /** Each file's name relative to `dir`, as a template (`{{kit.prefix}}{{item.stem}}.toml`); absent: the kit's. */
  rename?: string
  transforms: Transform[]
  /** Only the kit files for which this holds were copied here (Claude Code's path-scoped rules). */
  when?: FileWhen
}

/** One block step read backwards: a shared file whose text holds the kit's rules. */
export interface BlockReader {
  kind: 'rules'
  step: string
  file: string
  /** Each rule's text in the block, as a template. */
  item: string
}

/** An older place of one step's content (the target's `legacy`): read like the step, reported as moved. */
export interface LegacyReader {
  /** The folder or file (absolute). */
  path: string
  reader: CopyReader | BlockReader
  /** For a file read as one rule: the kit frontmatter it stands for. */
  frontmatter?: Record<string, unknown>
  reason: string
  /** The files there have a form of their own (`rename`, `transform`), not the step's: their keys go no further. */
  ownForm?: boolean
}

export interface ToolDeclarations {
  copies: CopyReader[]
  blocks: BlockReader[]
  legacy: LegacyReader[]
  /** The scope's root: nothing outside it is read. */
  root: string
  /** The run's variables as install renders them (kit.* of the kit being adopted). */
  vars: Record<string, string>
  lookup: Lookup
}

/** The readers of one tool in one scope, from its expanded target. */
export function declarationsOf(
  spec: TargetSpec,
  scope: string,
  base: { home: string; project: string; platform?: string },
  kit: { name: string; prefix?: string },
): ToolDeclarations {
  const pipeline = buildPipeline(spec, scope, base)
  const vars: Record<string, string> = {
    ...pipeline.scopeVars,
    home: base.home,
    project: base.project,
    scope,
    root: pipeline.scope.root,
    dir: pipeline.scope.dir,
    'kit.name': kit.name,
    'kit.version': '0.0.0',
    'kit.description': '',
    'kit.prefix': kit.prefix ?? '',
    'kit.dir': '',
    'target.id': spec.id,
    'target.name': spec.name,
  }
  const lookup = recordLookup(vars)
  const where = (template: string): string =>
    containPath(pipeline.scope.root, pipeline.scope.dir, interpolate(template, lookup))
  const copies: CopyReader[] = []
  const blocks: BlockReader[] = []
  for (const step of spec.steps) {
    if (!appliesIn(step.when, scope) || !('with' in step.run)) continue
    if (step.run.action === 'copy') {
      const params = step.run.with as CopyParams
      const kind = kindOf(params.from)
      if (!kind) continue
      copies.push({
        kind,
        step: step.name,
        dir: where(params.to),
        ...(params.rename !== undefined ? { rename: params.rename } : {}),
        transforms: params.transform ?? [],
        ...(params.when ? { when: params.when } : {}),
      })
    } else if (step.run.action === 'block') {
      const params = step.run.with as BlockParams
      if (kindOf(params.from ?? '') !== 'rules' || params.item === undefined) continue
      blocks.push({ kind: 'rules', step: step.name, file: where(params.file), item: params.item })
    }
  }
  const legacy: LegacyReader[] = []
  for (const old of spec.legacy ?? []) {
    if (!appliesIn(old, scope)) continue
    const step = [...copies, ...blocks].find((r) => r.step === old.step)
    if (!step) continue
    // Files kept there in another form than the step's (Copilot's prompt files, for its command skills).
    const reader =
      'dir' in step && (old.rename !== undefined || old.transform)
        ? {
            ...step,
            ...(old.rename !== undefined ? { rename: old.rename } : {}),
            ...(old.transform ? { transforms: old.transform } : {}),
          }
        : step
    legacy.push({
      path: where(old.path),
      reader,
      ...(old.frontmatter ? { frontmatter: old.frontmatter } : {}),
      reason: old.reason,
      ...(reader !== step ? { ownForm: true } : {}),
    })
  }
  return { copies, blocks, legacy, root: pipeline.scope.root, vars, lookup }
}

// --- internal ---

function kindOf(from: string | string[]): FileKind | undefined {
  const first = (Array.isArray(from) ? from[0] : from) ?? ''
  const m = /^(agents|commands|rules)\/\*\.md$|^(skills)\/\*\*$/.exec(first)
  return (m?.[1] ?? m?.[2]) as FileKind | undefined
}

// Layer 3: semantic rules a JSON Schema cannot express. Each rule is a small named function returning diagnostics.
import { getAction, getInverse } from '../actions/index.js'
import type { Diagnostic, TargetSpec } from '../types.js'
import {
  BASE_VARIABLES,
  ENTRY_VARIABLES,
  ITEM_PREFIXES,
  ITEM_VARIABLES,
  findVariables,
} from '../vars/interpolate.js'
import { platformTemplates } from '../vars/platform.js'
import { scopesOf } from '../pipeline/conditions.js'
import { locate, segmentsToPointer } from './locate.js'
import type { ParsedYaml } from './read-yaml.js'

export type Rule = (spec: TargetSpec, parsed: ParsedYaml) => Diagnostic[]

const at = (
  parsed: ParsedYaml,
  segments: (string | number)[],
  message: string,
  severity: Diagnostic['severity'] = 'error',
): Diagnostic => {
  const pointer = segmentsToPointer(segments)
  const pos = locate(parsed, pointer)
  return { file: parsed.file, line: pos.line, column: pos.column, pointer, message, severity }
}

export const uniqueStepNames: Rule = (spec, parsed) => {
  const seen = new Map<string, number>()
  const out: Diagnostic[] = []
  spec.steps.forEach((step, i) => {
    const first = seen.get(step.name)
    if (first !== undefined)
      out.push(
        at(
          parsed,
          ['steps', i, 'name'],
          `duplicate step name '${step.name}' (first used by step ${first + 1})`,
        ),
      )
    else seen.set(step.name, i)
  })
  return out
}

export const rollbackIsInverse: Rule = (spec, parsed) =>
  spec.steps.flatMap((step, i) => {
    const action = getAction(step.run.action)
    // Left out, the rollback is the action's own inverse; written out, it must be that inverse.
    if (!action || !step.rollback || !getInverse(step.rollback.action)) return []
    return action.inverse === step.rollback.action
      ? []
      : [
          at(
            parsed,
            ['steps', i, 'rollback', 'action'],
            `'${step.rollback.action}' does not undo '${step.run.action}'; use '${action.inverse}'`,
          ),
        ]
  })

/** The loader appends the manifest step when it is left out (expand.ts); one written out must still be last. */
export const manifestIsLast: Rule = (spec, parsed) =>
  spec.steps
    .flatMap((s, i) => (s.run.action === 'manifest' ? [i] : []))
    .filter((i) => i !== spec.steps.length - 1)
    .map((i) => at(parsed, ['steps', i, 'run', 'action'], "'manifest' must be the last step"))

export const stepScopesExist: Rule = (spec, parsed) => {
  // Each listed scope with the pointer of its place: `when.scope` is one name or a list.
  const listed = (scopes: string | string[] | undefined, base: (string | number)[]) =>
    scopes === undefined
      ? []
      : typeof scopes === 'string'
        ? [{ scope: scopes, at: base }]
        : scopes.map((scope, j) => ({ scope, at: [...base, j] }))
  return [
    ...spec.steps.flatMap((s, i) => listed(s.when?.scope, ['steps', i, 'when', 'scope'])),
    ...(spec.unsupported ?? []).flatMap((u, i) => listed(u.scope, ['unsupported', i, 'scope'])),
    ...(spec.alsoReads ?? []).flatMap((u, i) => listed(u.scope, ['alsoReads', i, 'scope'])),
  ].flatMap(({ scope, at: segments }) =>
    Object.hasOwn(spec.scopes, scope)
      ? []
      : [
          at(
            parsed,
            segments,
            `unknown scope '${scope}'; this target defines: ${Object.keys(spec.scopes).join(', ')}`,
          ),
        ],
  )
}

/** Every {{variable}} must exist where it is used: base variables, the scope's own vars, item/entry variables in their actions. */
export const variablesKnown: Rule = (spec, parsed) => {
  const out: Diagnostic[] = []
  const base = new Set<string>(BASE_VARIABLES)
  for (const [name, scope] of Object.entries(spec.scopes)) {
    const check = (value: string, segments: (string | number)[], known: Set<string>) => {
      for (const use of findVariables(value)) {
        if (!known.has(use.name)) out.push(at(parsed, segments, `unknown variable {{${use.name}}}`))
      }
    }
    const rootVars = new Set(['home', 'project', 'sysroot', 'scope', 'target.id', 'target.name'])
    for (const key of ['root', 'dir'] as const)
      for (const { template, segment } of platformTemplates(scope[key]))
        check(template, ['scopes', name, key, ...(segment ? [segment] : [])], rootVars)
    const soFar = new Set([...rootVars, 'root', 'dir'])
    for (const [v, value] of Object.entries(scope.vars ?? {})) {
      for (const { template, segment } of platformTemplates(value))
        check(template, ['scopes', name, 'vars', v, ...(segment ? [segment] : [])], soFar)
      soFar.add(v)
    }
  }
  spec.steps.forEach((step, i) => {
    const scopes = scopesOf(step.when) ?? Object.keys(spec.scopes)
    const withItems = step.run.action === 'copy' || step.run.action === 'block'
    const withEntries =
      step.run.action === 'json-merge' || step.run.action === 'toml-merge' || step.run.action === 'yaml-merge'
    walkStrings(step, ['steps', i], (value, segments) => {
      // Replacement values are literal text for the tool (e.g. Gemini's {{args}}), not outfit variables.
      if (segments.includes('replace')) return
      for (const use of findVariables(value)) {
        const { name } = use
        if (base.has(name)) continue
        if (
          withItems &&
          ((ITEM_VARIABLES as readonly string[]).includes(name) ||
            ITEM_PREFIXES.some((p) => name.startsWith(p)))
        )
          continue
        if (withEntries && (ENTRY_VARIABLES as readonly string[]).includes(name)) continue
        const missing = scopes.filter((s) => !Object.hasOwn(spec.scopes[s]?.vars ?? {}, name))
        if (missing.length === 0) continue
        const defined = scopes.length > missing.length
        out.push(
          at(
            parsed,
            segments,
            defined
              ? `variable {{${name}}} is not defined in scope ${missing.map((m) => `'${m}'`).join(', ')}`
              : `unknown variable {{${name}}}`,
          ),
        )
      }
    })
  })
  return out
}

const SERVER_FIELDS = [
  'name',
  'command',
  'args',
  'argv',
  'env',
  'url',
  'headers',
  'transport',
  'envVars',
  'envHeaders',
  'bearerEnv',
]
const HOOK_FIELDS = ['name', 'event', 'matcher', 'command', 'timeout']
const ONLY_FOR: Record<string, 'mcp' | 'hooks'> = {
  inheritEnv: 'mcp',
  stdio: 'mcp',
  remote: 'mcp',
  sse: 'mcp',
  envRefs: 'mcp',
  shape: 'hooks',
  eventShapes: 'hooks',
  events: 'hooks',
  tools: 'hooks',
  timeoutUnit: 'hooks',
  mode: 'hooks',
}

/** `entries` keys belong to servers or to hooks, and every `$field` in a shape must be one the kit entry has. */
export const entriesFitTheirKind: Rule = (spec, parsed) =>
  spec.steps.flatMap((step, i) => {
    const entries =
      'with' in step.run && step.run.with && 'entries' in step.run.with ? step.run.with.entries : undefined
    if (!entries) return []
    const base = ['steps', i, 'run', 'with', 'entries']
    const out: Diagnostic[] = []
    for (const key of Object.keys(entries)) {
      const kind = ONLY_FOR[key]
      if (
        kind &&
        kind !== entries.from &&
        !(key === 'mode' && entries.from === 'mcp' && (entries.mode === 'key' || entries.mode === 'named'))
      ) {
        out.push(
          at(parsed, [...base, key], `'${key}' is for entries from ${kind}; these come from ${entries.from}`),
        )
      }
    }
    if (entries.mode === 'named' && (entries.from !== 'mcp' || step.run.action !== 'yaml-merge')) {
      out.push(
        at(
          parsed,
          [...base, 'mode'],
          "'named' lists are for MCP servers in a yaml-merge step (elements identified by their name)",
        ),
      )
    }
    const known = entries.from === 'mcp' ? SERVER_FIELDS : HOOK_FIELDS
    for (const key of ['stdio', 'remote', 'sse', 'shape', 'eventShapes'] as const) {
      walkStrings(entries[key], [...base, key], (value, segments) => {
        if (!value.startsWith('$') || value.startsWith('$$') || known.includes(value.slice(1))) return
        out.push(
          at(
            parsed,
            segments,
            `unknown field '${value}'; ${entries.from === 'mcp' ? 'servers' : 'hooks'} have ${known.map((f) => `$${f}`).join(', ')} (write $$ for a literal $)`,
          ),
        )
      })
    }
    return out
  })

/**
 * A `system` scope is the tool's machine-wide folder: its root starts with `{{sysroot}}` on every operating system, so
 * that `--root` moves all of it (an image build, a test) and nothing it writes can land in the real /etc instead.
 */
export const systemScopeUnderSysroot: Rule = (spec, parsed) => {
  const scope = spec.scopes['system']
  if (!scope) return []
  return platformTemplates(scope.root)
    .filter(({ template }) => !/^\{\{\s*sysroot\s*\}\}\//.test(template))
    .map(({ segment }) =>
      at(
        parsed,
        ['scopes', 'system', 'root', ...(segment ? [segment] : [])],
        "a system scope's root must start with {{sysroot}}/ (so that --root moves it)",
      ),
    )
}

export const rules: Rule[] = [
  uniqueStepNames,
  rollbackIsInverse,
  manifestIsLast,
  stepScopesExist,
  variablesKnown,
  entriesFitTheirKind,
  systemScopeUnderSysroot,
]

// --- internal ---

function walkStrings(
  value: unknown,
  segments: (string | number)[],
  visit: (value: string, segments: (string | number)[]) => void,
): void {
  if (typeof value === 'string') visit(value, segments)
  else if (Array.isArray(value)) value.forEach((v, i) => walkStrings(v, [...segments, i], visit))
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      walkStrings(k, [...segments, k], visit)
      walkStrings(v, [...segments, k], visit)
    }
  }
}

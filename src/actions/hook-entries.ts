// One owned entry per kit hook, translated into the tool's vocabulary: its event names, its tool names in matchers,
// its timeout unit. A hook the tool cannot run as the kit means it is reported per tool and not installed.
import type { Entries } from '../generated/target.js'
import { mapShape, referencedFields } from '../formats/map-entry.js'
import { forward, forwardMatcher } from '../formats/mappings.js'
import type { BuiltEntry } from './mcp-entries.js'
import { render } from './resolve.js'
import { entryOverrides } from './entry-overrides.js'
import type { ActionContext } from './types.js'

export function buildHookEntries(spec: Entries, ctx: ActionContext): BuiltEntry[] {
  const out: BuiltEntry[] = []
  for (const hook of ctx.kit.hooks) {
    const what = `hook ${hook.event}${hook.matcher ? ` (${hook.matcher})` : ''} '${hook.command}'`
    const event = spec.events ? spec.events[hook.event] : hook.event
    if (event === undefined) {
      ctx.log.drop(what, `${ctx.tool.name} has no '${hook.event}' event`)
      continue
    }
    // A tool may shape entries per event (Antigravity: tool events carry a matcher group, the others a bare handler).
    const shape =
      (spec.eventShapes && Object.hasOwn(spec.eventShapes, event) ? spec.eventShapes[event] : spec.shape) ??
      {}
    const takesMatcher = referencedFields(shape).has('matcher')
    const matcher = translateMatcher(hook.matcher, spec.tools)
    if (matcher.unknown.length > 0) {
      const names = matcher.unknown.map((u) => `'${u}'`).join(', ')
      if (matcher.value === undefined) {
        ctx.log.drop(what, `${ctx.tool.name} has no equivalent of ${names}`)
        continue
      }
      ctx.log.warn(
        `${what}: ${names} ha${matcher.unknown.length === 1 ? 's' : 've'} no ${ctx.tool.name} equivalent; the hook matches only ${matcher.value}`,
      )
    }
    if (matcher.value !== undefined && !takesMatcher) {
      // Running it for every tool would change what it does (a formatter after each read, a guard on every call).
      ctx.log.drop(what, `${ctx.tool.name} hooks cannot be limited to some tools`)
      continue
    }
    const timeout = forward({ kind: 'timeUnit', unit: spec.timeoutUnit ?? 'seconds' }, hook.timeout) as
      number | undefined
    const fields = {
      name: `${event}:${matcher.value ?? '*'}:${hook.command}`,
      event,
      matcher: matcher.value,
      command: hook.command,
      timeout,
    }
    const vars = { 'entry.name': hook.command, 'entry.event': event, 'entry.matcher': matcher.value ?? '' }
    const value = entryOverrides(
      mapShape(shape, fields, (s) => render(ctx, s, vars)),
      hook.outfit,
      what,
      spec,
      ctx,
    )
    out.push({
      path: spec.at.map((seg) => render(ctx, seg, vars)),
      value,
      append: spec.mode === 'append',
      shape,
    })
  }
  return out
}

/** The kit matcher in the tool's names (see forwardMatcher). */
export const translateMatcher = forwardMatcher

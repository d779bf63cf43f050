// A tool's hooks read back into the kit's hooks.yaml form, through the same declaration install writes them with: the
// step's `entries` (`at` with its `{{entry.event}}` segment, the entry shape or the event's own, event renames, matcher
// tool names, the timeout unit) run backwards. A group holding several handlers gives one kit hook each. What the kit
// cannot say (an event it has no name for, a matcher naming tools it has no name for, a handler that is not a command,
// a key the shape has no place for) is listed as skipped with the reason; nothing is dropped silently.
import type { Entries } from '../generated/target.js'
import { deepEqual } from '../formats/deep-equal.js'
import { backward, forwardMatcher } from '../formats/mappings.js'
import { unmapShape, type Unmapped } from '../formats/unmap-entry.js'
import { entryDocuments, renderWith, whereIn, type EntryDocument } from './entry-files.js'
import type { AdoptPart, AdoptToolInput, KitHookEntry } from './types.js'

/** The kit's hook events (hooks.schema.json). */
const KIT_EVENTS = new Set([
  'sessionStart',
  'sessionEnd',
  'userPromptSubmit',
  'preToolUse',
  'postToolUse',
  'stop',
  'subagentStop',
  'notification',
  'preCompact',
])

export async function adoptHooks(input: AdoptToolInput): Promise<AdoptPart<KitHookEntry[]>> {
  const tool = input.target.id
  const part: AdoptPart<KitHookEntry[]> = { value: [], sources: {}, skipped: [], secrets: [] }
  const { documents, skipped } = await entryDocuments(input, 'hooks')
  part.skipped.push(...skipped)
  for (const doc of documents) {
    for (const { event, item } of hookItems(doc, input)) {
      const shape = shapeFor(doc.entries, event)
      const constant = (template: string) => renderWith(input.vars, template)
      for (const reading of unmapShape(shape, item, constant)) {
        // The event may be a field of the entry itself (Kimi Code's `[[hooks]] event = …`); its shape may differ.
        const toolEvent =
          event ?? (typeof reading.fields.event === 'string' ? reading.fields.event : undefined)
        const read =
          event === undefined && toolEvent !== undefined && shapeFor(doc.entries, toolEvent) !== shape
            ? unmapShape(shapeFor(doc.entries, toolEvent), item, constant)
            : [reading]
        for (const r of read) {
          const hook = readHook(doc.entries, toolEvent, r, tool)
          const what = `hook ${toolEvent ?? '?'}${typeof r.fields.matcher === 'string' && r.fields.matcher ? ` (${r.fields.matcher})` : ''} '${typeof r.fields.command === 'string' ? r.fields.command : '?'}'`
          const where = typeof r.fields.command === 'string' ? whereIn(doc, r.fields.command) : doc.file
          if ('reason' in hook) {
            part.skipped.push({ tool, where, what, reason: hook.reason })
            continue
          }
          const key = hookKey(hook.hook)
          if (part.value.some((h) => deepEqual(h, hook.hook))) {
            if (!part.sources[key]?.includes(doc.file)) part.sources[key]?.push(doc.file)
            continue
          }
          part.value.push(hook.hook)
          part.sources[key] = [doc.file]
        }
      }
    }
  }
  return part
}

/** A hook's key in `sources`: its event, matcher and command. */
export function hookKey(hook: KitHookEntry): string {
  return `${hook.event} ${hook.matcher ?? ''} ${hook.command}`
}

// --- internal ---

function shapeFor(spec: Entries, event: string | undefined): unknown {
  if (event !== undefined && spec.eventShapes && Object.hasOwn(spec.eventShapes, event))
    return spec.eventShapes[event]
  return spec.shape ?? {}
}

/**
 * The items of one file: the elements of each list `at` leads to (an `{{entry.event}}` segment stands for every key
 * there, and names the event), or the values of the object there.
 */
function hookItems(doc: EntryDocument, input: AdoptToolInput): { event?: string; item: unknown }[] {
  const out: { event?: string; item: unknown }[] = []
  const walk = (node: unknown, segments: string[], event: string | undefined): void => {
    const [seg, ...rest] = segments
    if (seg === undefined) {
      const items = Array.isArray(node)
        ? node
        : isRecord(node) && doc.entries.mode !== 'append'
          ? Object.values(node)
          : []
      for (const item of items) out.push({ event, item })
      return
    }
    if (!isRecord(node)) return
    if (seg === '{{entry.event}}') {
      for (const [key, value] of Object.entries(node)) walk(value, rest, key)
      return
    }
    const rendered = renderWith(input.vars, seg)
    if (rendered !== undefined) walk(node[rendered], rest, event)
  }
  walk(doc.data, doc.entries.at, undefined)
  return out
}

function readHook(
  spec: Entries,
  toolEvent: string | undefined,
  reading: Unmapped,
  tool: string,
): { hook: KitHookEntry } | { reason: string } {
  if (reading.mismatch.length > 0)
    return {
      reason: `${reading.mismatch.join(', ')} ${reading.mismatch.length === 1 ? 'holds' : 'hold'} another value than ${tool}'s command hooks have (not a command hook the kit can express)`,
    }
  if (reading.extra.length > 0)
    return { reason: `has ${reading.extra.join(', ')}, which the kit's hooks have no place for` }
  const f = reading.fields
  if (typeof f.command !== 'string' || f.command === '') return { reason: 'has no command' }
  if (toolEvent === undefined) return { reason: 'has no event' }
  const event = spec.events
    ? (backward({ kind: 'rename', map: spec.events }, toolEvent) as string)
    : toolEvent
  if (!KIT_EVENTS.has(event) || (spec.events && spec.events[event] !== toolEvent))
    return { reason: `${tool}'s event '${toolEvent}' has no kit equivalent` }
  const hook: KitHookEntry = { event, command: f.command }
  if (f.matcher !== undefined && f.matcher !== null) {
    if (typeof f.matcher !== 'string') return { reason: 'its matcher is not text' }
    const matcher = kitMatcher(f.matcher, spec.tools)
    if (typeof matcher !== 'string') return matcher
    if (matcher !== '') hook.matcher = matcher
  }
  if (f.timeout !== undefined) {
    const seconds = backward({ kind: 'timeUnit', unit: spec.timeoutUnit ?? 'seconds' }, f.timeout)
    if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 1)
      return {
        reason: `its timeout ${String(f.timeout)}${spec.timeoutUnit === 'milliseconds' ? ' ms' : ''} is not a whole number of seconds, which kit timeouts are`,
      }
    hook.timeout = seconds
  }
  return { hook }
}

/** The tool's matcher in the kit's tool names, only when it maps forward to the very same tools again. */
function kitMatcher(matcher: string, tools: Record<string, string> | undefined): string | { reason: string } {
  if (matcher === '' || matcher === '*' || tools === undefined) return matcher === '*' ? '' : matcher
  const alternatives = matcher.split('|').map((s) => s.trim())
  const wanted = new Set(alternatives)
  // In the order of the tool's own matcher, so that install writes it back as it was (`patch|write_file`).
  const first = (name: string) =>
    Math.min(
      ...(tools[name] ?? '')
        .split('|')
        .map((t) => alternatives.indexOf(t))
        .filter((i) => i >= 0),
    )
  const kit = (backward({ kind: 'tools', map: tools }, matcher) as string)
    .split('|')
    .filter(Boolean)
    .sort((a, b) => first(a) - first(b))
    .join('|')
  const again = new Set((forwardMatcher(kit, tools).value ?? '').split('|'))
  const lost = [...wanted].filter((name) => !again.has(name))
  if (kit === '' || lost.length > 0 || again.size !== wanted.size)
    return {
      reason: `its matcher names ${lost.map((l) => `'${l}'`).join(', ') || `'${matcher}'`}, which the kit has no tool name for`,
    }
  return kit
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

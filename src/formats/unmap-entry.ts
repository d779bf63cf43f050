// Entry shapes read backwards, and entries compared the way their tool reads them. A target's entry shape (see
// map-entry.ts) says how one MCP server or hook looks in the tool's file; the same shape, read the other way, finds the
// kit fields in an entry someone wrote by hand (`outfit adopt`), and tells whether an entry already in a file is the
// one install would write, as the tool sees it: keys in another order, or a key whose value is the shape's constant
// left out (Claude Code's `"type": "stdio"`, OpenCode's `"enabled": true`, which are the tools' defaults).

/** One way an entry reads through a shape: its fields, keys the shape has no place for, constants that differ. */
export interface Unmapped {
  fields: Record<string, unknown>
  /** Dotted paths of the entry's keys that the shape does not have. */
  extra: string[]
  /** Dotted paths where the entry holds another value than the shape's constant. */
  mismatch: string[]
}

/**
 * Reads an entry through a shape. A list shape of one element whose items carry fields reads each item of the
 * entry's list as its own entry (Claude Code's hook group `{ matcher, hooks: [h1, h2] }` holds two hooks), so the
 * answer is a list: one element per entry found. `constant` renders a constant string of the shape (templates) as
 * install would; it returns undefined for a template it cannot know (an entry variable), which then matches anything.
 */
export function unmapShape(
  shape: unknown,
  value: unknown,
  constant: (template: string) => string | undefined = (s) => s,
  at = '',
): Unmapped[] {
  if (typeof shape === 'string' && shape.startsWith('$') && !shape.startsWith('$$'))
    return [{ fields: { [shape.slice(1)]: value }, extra: [], mismatch: [] }]
  if (Array.isArray(shape)) {
    if (!Array.isArray(value)) return [mismatchAt(at)]
    const [only] = shape
    if (shape.length === 1 && isRecord(only) && carriesFields(only))
      return value.flatMap((item, i) => unmapShape(only, item, constant, `${at}[${i}]`))
    if (value.length !== shape.length) return [mismatchAt(at)]
    return cross(shape.map((s, i) => unmapShape(s, value[i], constant, `${at}[${i}]`)))
  }
  if (isRecord(shape)) {
    if (!isRecord(value)) return [mismatchAt(at)]
    const parts: Unmapped[][] = []
    for (const [key, sub] of Object.entries(shape)) {
      if (!Object.hasOwn(value, key)) continue
      parts.push(unmapShape(sub, value[key], constant, join(at, key)))
    }
    const extra = Object.keys(value)
      .filter((key) => !Object.hasOwn(shape, key))
      .map((key) => join(at, key))
    return cross(parts).map((u) => ({ ...u, extra: [...extra, ...u.extra] }))
  }
  const expected =
    typeof shape === 'string' ? constant(shape.startsWith('$$') ? shape.slice(1) : shape) : shape
  return [expected === undefined || expected === value ? empty() : mismatchAt(at)]
}

/**
 * Whether `found` (an entry already in a file) is `written` (what install would put there) as the tool reads it: equal
 * but for key order, for keys holding the shape's constant that `found` leaves out, and for keys `found` leaves empty
 * where install leaves them out.
 */
export function sameAsData(found: unknown, written: unknown, shape: unknown): boolean {
  if (Array.isArray(written)) {
    if (!Array.isArray(found) || found.length !== written.length) return false
    const item = (i: number): unknown => (Array.isArray(shape) ? (shape[i] ?? shape[0]) : undefined)
    return written.every((w, i) => sameAsData(found[i], w, item(i)))
  }
  if (isRecord(written)) {
    if (!isRecord(found)) return false
    const sub = (key: string): unknown => (isRecord(shape) ? shape[key] : undefined)
    // A key the shape fills from a field, left empty (`"env": {}`, as `claude mcp add` writes; `"matcher": ""`), is no
    // key at all: install leaves such a key out.
    const unwritten = Object.keys(found).filter((key) => !Object.hasOwn(written, key))
    if (unwritten.some((key) => !(isEmpty(found[key]) && carriesFields(sub(key))))) return false
    return Object.entries(written).every(([key, w]) =>
      Object.hasOwn(found, key) ? sameAsData(found[key], w, sub(key)) : isConstant(sub(key)),
    )
  }
  return found === written
}

/** The shapes an entry can be read through: the one install writes, the tool's other spellings, the other kinds'. */
export interface EntryShapes {
  shape: unknown
  /** Older or alternative spellings of the same kind that the tool still reads (Gemini CLI's `httpUrl`). */
  readAlso?: unknown[]
  /** The shapes of the other kinds (a remote server's for a local one): an entry that fits one of them is ambiguous. */
  others?: unknown[]
}

/**
 * Whether an entry already in a file is, to the tool, the one install would write: equal, or equal as data through the
 * shape (sameAsData) or through one of the tool's other spellings. An entry that leaves out the very constant that
 * tells two kinds apart (`{ "url": … }` where `"type"` says HTTP or SSE) fits both and is not taken for either.
 */
export function sameEntry(found: unknown, written: unknown, shapes: EntryShapes): boolean {
  if (sameAsData(found, written, undefined)) return true
  if ((shapes.others ?? []).some((other) => fitsShape(other, found))) return false
  if (sameAsData(found, written, shapes.shape)) return true
  const [want] = unmapShape(shapes.shape, written)
  if (!want) return false
  return (shapes.readAlso ?? []).some((alt) => {
    const read = unmapShape(alt, found)
    return (
      read.length === 1 &&
      read[0] !== undefined &&
      isClean(read[0]) &&
      sameAsData(withoutEmpty(read[0].fields), withoutEmpty(want.fields), undefined)
    )
  })
}

/** Whether an entry reads through a shape with nothing over and no constant that differs. */
export function fitsShape(shape: unknown, found: unknown): boolean {
  const read = unmapShape(shape, found)
  return read.length > 0 && read.every(isClean)
}

/**
 * Whether an item already in a list holds `written`: the same as data, or a group that holds it among others — a
 * list in the shape of one element with fields (Claude Code's `hooks: [handler]`) may hold several in the tool's file,
 * the rest of the group being the same.
 */
export function coversAsData(found: unknown, written: unknown, shape: unknown): boolean {
  if (sameAsData(found, written, shape)) return true
  if (!isRecord(found) || !isRecord(written) || !isRecord(shape)) return false
  const groups = Object.keys(written).filter((key) => {
    const sub = shape[key]
    return Array.isArray(sub) && sub.length === 1 && carriesFields(sub[0]) && Array.isArray(written[key])
  })
  if (groups.length !== 1) return false
  const key = groups[0] as string
  const inner = (shape[key] as unknown[])[0]
  const [one] = written[key] as unknown[]
  const list = found[key]
  if ((written[key] as unknown[]).length !== 1 || !Array.isArray(list)) return false
  const rest = (o: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(o).filter(([k]) => k !== key))
  return sameAsData(rest(found), rest(written), shape) && list.some((item) => sameAsData(item, one, inner))
}

// --- internal ---

function isClean(u: Unmapped): boolean {
  return u.extra.length === 0 && u.mismatch.length === 0
}

function withoutEmpty(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && !isEmpty(v)))
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** A shape value that is the same in every entry: a literal, not a `$field` (nor made of any). */
function isConstant(shape: unknown): boolean {
  if (shape === undefined) return false
  if (typeof shape === 'string') return !shape.startsWith('$') || shape.startsWith('$$')
  return shape === null || typeof shape !== 'object'
}

function isEmpty(value: unknown): boolean {
  if (value === '' || value === null) return true
  return (Array.isArray(value) && value.length === 0) || (isRecord(value) && Object.keys(value).length === 0)
}

function carriesFields(shape: unknown): boolean {
  if (typeof shape === 'string') return shape.startsWith('$') && !shape.startsWith('$$')
  if (Array.isArray(shape)) return shape.some(carriesFields)
  if (isRecord(shape)) return Object.values(shape).some(carriesFields)
  return false
}

function join(at: string, key: string): string {
  return at === '' ? key : `${at}.${key}`
}

function empty(): Unmapped {
  return { fields: {}, extra: [], mismatch: [] }
}

function mismatchAt(at: string): Unmapped {
  return { fields: {}, extra: [], mismatch: [at] }
}

/** Every combination of one reading per part (usually one each: only a group list gives several). */
function cross(parts: Unmapped[][]): Unmapped[] {
  return parts.reduce<Unmapped[]>(
    (acc, options) =>
      acc.flatMap((a) =>
        options.map((o) => ({
          fields: { ...a.fields, ...o.fields },
          extra: [...a.extra, ...o.extra],
          mismatch: [...a.mismatch, ...o.mismatch],
        })),
      ),
    [empty()],
  )
}

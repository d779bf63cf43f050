// Declarative entry shapes: a target says how one MCP server or hook looks in its tool's format, with `$field`
// references into the kit entry. Keys that resolve to nothing are left out, so optional fields stay optional; a kit
// field that no key of the shape takes is reported by the caller (see `unplacedFields`), never dropped silently.

export type EntryFields = Record<string, unknown>

/** Maps a shape over the fields; `render` interpolates the other strings. Returns undefined when nothing is left. */
export function mapShape(shape: unknown, fields: EntryFields, render: (s: string) => string): unknown {
  if (typeof shape === 'string') {
    if (shape.startsWith('$$')) return render(shape.slice(1))
    if (shape.startsWith('$')) return fields[shape.slice(1)]
    return render(shape)
  }
  if (Array.isArray(shape)) {
    const out = shape.map((item) => mapShape(item, fields, render)).filter((v) => v !== undefined)
    return out
  }
  if (shape && typeof shape === 'object') {
    const out: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(shape)) {
      const mapped = mapShape(value, fields, render)
      if (mapped !== undefined) out[key] = mapped
    }
    return Object.keys(out).length > 0 ? out : undefined
  }
  return shape
}

/** Every `$field` a shape refers to. */
export function referencedFields(shape: unknown, out = new Set<string>()): Set<string> {
  if (typeof shape === 'string' && shape.startsWith('$') && !shape.startsWith('$$')) out.add(shape.slice(1))
  else if (Array.isArray(shape)) for (const item of shape) referencedFields(item, out)
  else if (shape && typeof shape === 'object')
    for (const value of Object.values(shape)) referencedFields(value, out)
  return out
}

/**
 * Kit fields that hold something but that no key of the shape takes: `takers` lists, per field, the `$names` that
 * would carry it (`args` travels in `$args` or `$argv`).
 */
export function unplacedFields(
  shape: unknown,
  fields: EntryFields,
  takers: Record<string, string[]>,
): string[] {
  const used = referencedFields(shape)
  return Object.entries(takers)
    .filter(([field]) => hasContent(fields[field]))
    .filter(([, names]) => !names.some((n) => used.has(n)))
    .map(([field]) => field)
}

// --- internal ---

function hasContent(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false
  if (Array.isArray(value)) return value.length > 0
  if (typeof value === 'object') return Object.keys(value).length > 0
  return true
}

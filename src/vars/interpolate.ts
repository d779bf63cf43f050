// The one place `{{variables}}` are found and replaced, so load-time checks and run-time rendering agree.

const VARIABLE = /\{\{\s*([a-zA-Z_][\w.-]*)\s*\}\}/g

export interface VariableUse {
  name: string
  offset: number
}

/**
 * `{{#name}}…{{/name}}` renders its text only when `name` is set (not empty, not `false`, as frontmatter reads);
 * `{{^name}}…{{/name}}` only when it is not.
 */
const SECTION = /\{\{([#^])\s*([a-zA-Z_][\w.-]*)\s*\}\}([\s\S]*?)\{\{\/\s*\2\s*\}\}/g

export function findVariables(template: string): VariableUse[] {
  const sections = [...template.matchAll(SECTION)].map((m) => ({ name: m[2] ?? '', offset: m.index ?? 0 }))
  const variables = [...template.matchAll(VARIABLE)].map((m) => ({ name: m[1] ?? '', offset: m.index ?? 0 }))
  // In text order: callers cut templates at the first variable they cannot resolve yet.
  return [...sections, ...variables].sort((a, b) => a.offset - b.offset)
}

export type Lookup = (name: string) => string | undefined

/** Replaces every `{{name}}`; a name the lookup does not know is a bug the loader should have caught, so it throws. */
export function interpolate(template: string, lookup: Lookup): string {
  const known = (name: string): string => {
    const value = lookup(name)
    if (value === undefined) throw new Error(`unknown variable {{${name}}}`)
    return value
  }
  // Most templates are a path or `{{item.body}}`, rendered once per kit file and tool: no braces, nothing to do.
  if (!template.includes('{{')) return template
  // Outer sections first; what a section keeps may hold inner ones, so repeat until none is left.
  let sectioned = template
  const hasSections = template.includes('{{#') || template.includes('{{^')
  for (let previous = hasSections ? '' : template; previous !== sectioned;) {
    previous = sectioned
    sectioned = sectioned.replace(SECTION, (_match, kind: string, name: string, inner: string) =>
      isSetText(known(name)) === (kind === '#') ? inner : '',
    )
  }
  return sectioned.replace(VARIABLE, (_match, name: string) => known(name))
}

/** Variables every target may use. */
export const BASE_VARIABLES = [
  'home',
  'project',
  'sysroot',
  'scope',
  'root',
  'dir',
  'kit.name',
  'kit.version',
  'kit.description',
  'kit.prefix',
  'kit.dir',
  'target.id',
  'target.name',
] as const

/** Per-file variables inside `copy` and `block` items. `item.fm.<key>` reads a frontmatter field. */
export const ITEM_VARIABLES = [
  'item.path',
  'item.name',
  'item.stem',
  'item.ext',
  'item.dir',
  'item.body',
  'item.content',
  'item.title',
  'item.description',
] as const
export const ITEM_PREFIXES = ['item.fm.'] as const

/** Per-entry variables inside `entries.at` (MCP servers, hooks). */
export const ENTRY_VARIABLES = ['entry.name', 'entry.event', 'entry.matcher'] as const

/** Builds a lookup over a flat record, with dotted names. */
export function recordLookup(...records: Record<string, string | undefined>[]): Lookup {
  return (name) => {
    for (const record of records) {
      if (Object.hasOwn(record, name)) return record[name] ?? ''
    }
    return undefined
  }
}

// --- internal ---

function isSetText(value: string): boolean {
  return value !== '' && value !== 'false'
}

// One marketplace for several kits. Each vendor target's plugin scope writes the listing of its one package (Claude's
// .claude-plugin/marketplace.json, Copilot's .github/plugin/marketplace.json, Codex's .agents/plugins/marketplace.json,
// Cursor's .cursor-plugin/marketplace.json): their `plugins` entries are joined, in the order the kits were given,
// and the marketplace is named after its folder instead of after the first kit.
import { UsageError } from '../errors.js'

/** Per listing path, each kit's listing bytes in order → the joined listing's bytes. */
export function joinListings(name: string, listings: Map<string, Uint8Array[]>): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>()
  for (const [path, parts] of [...listings].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const docs = parts.map((bytes) => JSON.parse(new TextDecoder().decode(bytes)) as Listing)
    const plugins = docs.flatMap((d) => d.plugins ?? [])
    const seen = new Set<string>()
    for (const plugin of plugins) {
      if (seen.has(plugin.name))
        throw new UsageError(
          `two kits are both named '${plugin.name}': a marketplace lists each plugin once`,
          {
            hint: 'give each kit its own name in its kit.yaml',
          },
        )
      seen.add(plugin.name)
    }
    const joined: Listing = { ...docs[0], name, plugins }
    if (joined.owner) joined.owner = { ...joined.owner, name: `${name} maintainers` }
    if (joined.metadata && docs.length > 1)
      joined.metadata = { ...joined.metadata, description: `Plugins: ${[...seen].join(', ')}` }
    if (joined.interface) joined.interface = { ...joined.interface, displayName: name }
    out.set(path, new TextEncoder().encode(`${JSON.stringify(joined, null, 2)}\n`))
  }
  return out
}

/** A marketplace name from its folder's name: lower-case letters, digits and dashes. */
export function marketplaceName(folder: string): string {
  const name = folder
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  return name || 'marketplace'
}

// --- internal ---

interface Listing {
  name?: string
  owner?: Record<string, unknown>
  metadata?: Record<string, unknown>
  interface?: Record<string, unknown>
  plugins?: { name: string }[]
  [key: string]: unknown
}

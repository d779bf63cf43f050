// Several kits install into the same tools: two that define the same thing would overwrite each other there. Found
// before anything is written, naming both kits.
import type { Kit } from '../types.js'

export interface Collision {
  what: string
  kits: [string, string]
}

/** `kits` are named as the config names them. */
export function findCollisions(kits: { name: string; kit: Kit }[]): Collision[] {
  const owners = new Map<string, string>()
  const out: Collision[] = []
  const claim = (key: string, what: string, kit: string) => {
    const first = owners.get(key)
    if (first === undefined) owners.set(key, kit)
    else if (first !== kit) out.push({ what, kits: [first, kit] })
  }
  for (const { name, kit } of kits) {
    // One entry per installed item: a skill is its folder, an agent/command/rule its file name without extension
    // (commands/deploy.md and commands/deploy.toml are the same /deploy).
    for (const item of new Set(kit.files.map(itemOf))) claim(`file:${item.key}`, item.what, name)
    for (const server of kit.mcp) claim(`mcp:${server.name}`, `MCP server '${server.name}'`, name)
  }
  return out
}

// --- internal ---

const KINDS: Record<string, string> = { skills: 'skill', agents: 'agent', commands: 'command', rules: 'rule' }

function itemOf(file: string): { key: string; what: string } {
  const [top, second, ...rest] = file.split('/')
  const kind = top !== undefined ? KINDS[top] : undefined
  if (kind === undefined || second === undefined) return { key: file, what: `file ${file}` }
  const name = rest.length > 0 ? second : second.replace(/\.[^.]+$/, '')
  return { key: `${top}/${name}`, what: `${kind} '${name}' (${file})` }
}

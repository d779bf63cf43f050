// The Agent Plugins 1.0 package of a kit (github.com/agentplugins/agent-plugins-spec, spec/1.0.0.md). The format
// carries skills and MCP servers only (§7), so: plugin.json at the root, the kit's skills/ as they are, an mcp.json
// with the servers it can express (portable-mcp.ts), and everything else of the kit, verbatim, in outfit's own
// reverse-domain extension folder `dev.outfit/` (§8.2): kit.yaml, agents/, commands/, rules/, hooks.yaml and the
// complete mcp.yaml. skills/ + dev.outfit/ is the original kit, file for file, so an outfit-made Agent Plugin reads
// back as the kit it came from. No tool's target is involved: Agent Plugins is not a tool.
import { join } from 'node:path'
import { UsageError } from '../errors.js'
import type { Fs } from '../fs/fs.js'
import type { Dropped, Kit } from '../types.js'
import { hookItem } from './kit-items.js'
import { portableServer, type PortableServer } from './portable-mcp.js'
import type { PackedFile } from './run-plugin-scope.js'

export const EXTENSION_DIR = 'dev.outfit'
export const PLUGIN_SCHEMA = 'https://agent-plugins.org/schemas/1.0.0/plugin.schema.json'
export const MCP_SCHEMA = 'https://agent-plugins.org/schemas/1.0.0/mcp.schema.json'

export interface AgentPlugin {
  files: Map<string, PackedFile>
  /** Kit content no Agent Plugins client loads, with the reason (it is still in the package: see `extension`). */
  dropped: Dropped[]
  /** Kit files carried only in dev.outfit/ (read by outfit, not by Agent Plugins clients). */
  extension: string[]
}

export async function agentPlugin(fs: Fs, kit: Kit): Promise<AgentPlugin> {
  checkName(kit.name)
  const files = new Map<string, PackedFile>()
  const extension: string[] = []
  const dropped: Dropped[] = []
  for (const path of [...(await kitDataFiles(fs, kit.dir)), ...kit.files].sort()) {
    const full = join(kit.dir, path)
    const file = { data: new Uint8Array(await fs.readFile(full)), mode: (await fs.stat(full)).mode & 0o777 }
    if (path.startsWith('skills/')) files.set(path, file)
    else {
      files.set(`${EXTENSION_DIR}/${path}`, file)
      extension.push(path)
    }
  }
  const servers: Record<string, PortableServer> = {}
  for (const server of kit.mcp) {
    const portable = portableServer(server)
    if ('server' in portable) servers[server.name] = portable.server
    else dropped.push({ what: `MCP server '${server.name}'`, reason: `not in mcp.json: ${portable.reason}` })
  }
  if (Object.keys(servers).length > 0)
    files.set('mcp.json', json({ $schema: MCP_SCHEMA, mcpServers: servers }))
  // Each kit item Agent Plugins cannot load is named, as install names what a tool cannot take.
  const reason = `Agent Plugins 1.0 carries only skills and MCP servers: kept in ${EXTENSION_DIR}/ for outfit, not loaded by other clients`
  for (const path of extension.filter((p) => /^(agents|commands|rules)\//.test(p)))
    dropped.push({ what: path, reason })
  for (const hook of kit.hooks) dropped.push({ what: hookItem(hook), reason })
  files.set(
    'plugin.json',
    json({
      $schema: PLUGIN_SCHEMA,
      name: kit.name,
      version: kit.version,
      ...(kit.description ? { description: kit.description } : {}),
      extensions: { [EXTENSION_DIR]: { kit: `./${EXTENSION_DIR}/kit.yaml` } },
    }),
  )
  return { files: sorted(files), dropped, extension }
}

/**
 * The whole kit, verbatim, in outfit's extension folder: what a vendor package carries beside its tool's own files, so
 * that installed back as a kit it gives every tool what the kit gives it (a Claude plugin has no place for rules, a
 * Gemini extension holds agents and commands only in Gemini CLI's form). No tool loads this folder.
 */
export async function kitExtension(fs: Fs, kit: Kit): Promise<Map<string, PackedFile>> {
  const files = new Map<string, PackedFile>()
  for (const path of [...(await kitDataFiles(fs, kit.dir)), ...kit.files].sort()) {
    const full = join(kit.dir, path)
    files.set(`${EXTENSION_DIR}/${path}`, {
      data: new Uint8Array(await fs.readFile(full)),
      mode: (await fs.stat(full)).mode & 0o777,
    })
  }
  return files
}

// --- internal ---

/** The kit's own files that its file list leaves out (they are data, not content): present ones, in order. */
const DATA_FILES = ['kit.yaml', 'mcp.yaml', 'hooks.yaml', 'README.md']

async function kitDataFiles(fs: Fs, dir: string): Promise<string[]> {
  const present: string[] = []
  for (const name of DATA_FILES)
    if (
      await fs.stat(join(dir, name)).then(
        (s) => s.isFile(),
        () => false,
      )
    )
      present.push(name)
  return present
}

function json(value: unknown): PackedFile {
  return { data: new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`), mode: 0o644 }
}

function sorted(files: Map<string, PackedFile>): Map<string, PackedFile> {
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

/** Agent Plugins names are stricter than kit names: no `--`, no trailing `-` (plugin.schema.json `name`). */
function checkName(name: string): void {
  if (/^(?!.*(?:--|\.\.))[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$/.test(name) && name.length <= 64) return
  throw new UsageError(`the kit name '${name}' is not a valid Agent Plugin name`, {
    hint: 'Agent Plugins take 1–64 of a-z, 0-9, . and -, without -- or a trailing -: rename the kit in kit.yaml',
  })
}

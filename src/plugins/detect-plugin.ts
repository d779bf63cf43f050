// Which plugin format a folder is, from its manifest. A folder with kit.yaml is a kit, whatever else it holds. A
// plugin published for several tools carries several manifests over the same content folders: the one that carries
// the most of a kit is read (an outfit-made Agent Plugin is the kit itself; a Claude plugin has commands, agents and
// hooks, an Agent Plugin only skills and MCP servers), and the others are named.
//   Agent Plugins 1.0   plugin.json at the root with the 1.0.0 $schema (agent-plugins.org; the schemas in
//                       /work/shared/plugin-schemas/agent-plugins-1.0.0/); outfit's extension folder dev.outfit/
//   Claude Code         .claude-plugin/plugin.json (https://docs.claude.com/en/docs/claude-code/plugins-reference)
//   Cursor              .cursor-plugin/plugin.json (cursor/plugins' published schema; https://cursor.com/docs/plugins)
//   Gemini CLI          gemini-extension.json (google-gemini/gemini-cli docs/extensions/reference.md)
//   Codex               .codex-plugin/plugin.json (https://developers.openai.com/codex/plugins/build/)
//   Copilot CLI         plugin.json in .plugin/, the root or .github/plugin/ (read-copilot.ts); a root plugin.json
//                       with the Agent Plugins $schema is an Agent Plugin
import { join } from 'node:path'
import type { Fs } from '../fs/fs.js'
import type { PluginFormat } from './draft.js'
import { isFile, readText } from './plugin-files.js'
import { copilotManifest } from './read-copilot.js'

export const AGENT_PLUGIN_SCHEMA = 'https://agent-plugins.org/schemas/1.0.0/plugin.schema.json'
/** outfit's reverse-domain extension folder in an Agent Plugin: the rest of the kit, verbatim. */
export const OUTFIT_EXTENSION = 'dev.outfit'

export const MANIFESTS: Record<Exclude<PluginFormat, 'outfit-agent-plugin'>, string> = {
  'claude-plugin': '.claude-plugin/plugin.json',
  'cursor-plugin': '.cursor-plugin/plugin.json',
  'gemini-extension': 'gemini-extension.json',
  'codex-plugin': '.codex-plugin/plugin.json',
  'agent-plugin': 'plugin.json',
  'copilot-plugin': 'plugin.json',
}

/** In the order they are preferred when a folder has several. */
const ORDER = [
  'claude-plugin',
  'cursor-plugin',
  'gemini-extension',
  'codex-plugin',
  'copilot-plugin',
  'agent-plugin',
] as const

export interface Detected {
  format: PluginFormat
  /** The other manifests the folder has (not read). */
  others: PluginFormat[]
}

/** undefined: a kit (kit.yaml), or nothing outfit can read. */
export async function detectPlugin(fs: Fs, dir: string): Promise<Detected | undefined> {
  if (await isFile(fs, join(dir, 'kit.yaml'))) return undefined
  const found: PluginFormat[] = []
  for (const format of ORDER) {
    if (format === 'copilot-plugin') {
      if (await isCopilotPlugin(fs, dir)) found.push(format)
      continue
    }
    const manifest = join(dir, MANIFESTS[format])
    if (!(await isFile(fs, manifest))) continue
    // A root plugin.json is an Agent Plugin only with the 1.0.0 schema: other tools' files share that name.
    if (format === 'agent-plugin' && !(await readText(fs, manifest))?.includes(AGENT_PLUGIN_SCHEMA)) continue
    found.push(format)
  }
  if (found.includes('agent-plugin') && (await isFile(fs, join(dir, OUTFIT_EXTENSION, 'kit.yaml'))))
    return { format: 'outfit-agent-plugin', others: found.filter((f) => f !== 'agent-plugin') }
  const [format, ...others] = found
  return format ? { format, others } : undefined
}

/** Whether a folder is something outfit installs: a kit, or a plugin it reads as one. */
export async function isKitOrPlugin(fs: Fs, dir: string): Promise<boolean> {
  return (await isFile(fs, join(dir, 'kit.yaml'))) || (await detectPlugin(fs, dir)) !== undefined
}

// --- internal ---

/** A Copilot manifest, unless the only one is a root plugin.json that says it is an Agent Plugin. */
async function isCopilotPlugin(fs: Fs, dir: string): Promise<boolean> {
  const manifest = await copilotManifest(fs, dir)
  if (manifest === undefined) return false
  if (manifest !== 'plugin.json') return true
  return !(await readText(fs, join(dir, manifest)))?.includes(AGENT_PLUGIN_SCHEMA)
}

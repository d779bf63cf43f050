// A plugin folder as a kit: its format recognised, its parts read into a draft through the targets' declarations, the
// draft written as a kit folder in outfit's cache, and what the plugin holds that a kit cannot carry listed for the
// install output. A folder with kit.yaml is a kit and is left alone (undefined).
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import type { Fs } from '../fs/fs.js'
import type { Diagnostic } from '../types.js'
import { detectPlugin, MANIFESTS, OUTFIT_EXTENSION } from './detect-plugin.js'
import { formatName } from './declarations.js'
import { emptyDraft, type PluginFormat } from './draft.js'
import {
  AGENT_PLUGIN_ROOTS,
  readAgentPlugin,
  readOutfitAgentPlugin,
  readOutfitPackage,
} from './read-agent-plugin.js'
import { CLAUDE_ROOTS, readClaude } from './read-claude.js'
import { CODEX_ROOTS, readCodex } from './read-codex.js'
import { COPILOT_ROOTS, copilotManifest, readCopilot } from './read-copilot.js'
import { CURSOR_ROOTS, readCursor } from './read-cursor.js'
import { GEMINI_ROOTS, readGemini } from './read-gemini.js'
import type { ReadContext } from './read-parts.js'
import type { RootSyntax } from './plugin-root.js'
import { writeKit } from './write-kit.js'
import { isFile } from './plugin-files.js'

export type PluginKit =
  | {
      ok: true
      dir: string
      format: PluginFormat
      notes: string[]
      /** The manifest read, relative to the plugin. */
      manifest: string
    }
  | { ok: false; diagnostics: Diagnostic[] }

const READERS: Record<PluginFormat, { read: (ctx: ReadContext) => Promise<void>; roots: RootSyntax }> = {
  'outfit-agent-plugin': { read: readOutfitAgentPlugin, roots: AGENT_PLUGIN_ROOTS },
  'agent-plugin': { read: readAgentPlugin, roots: AGENT_PLUGIN_ROOTS },
  'claude-plugin': { read: readClaude, roots: CLAUDE_ROOTS },
  'gemini-extension': { read: readGemini, roots: GEMINI_ROOTS },
  'cursor-plugin': { read: readCursor, roots: CURSOR_ROOTS },
  'codex-plugin': { read: readCodex, roots: CODEX_ROOTS },
  'copilot-plugin': { read: readCopilot, roots: COPILOT_ROOTS },
}

/** What a plugin commonly holds besides its content: documentation and packaging, not worth a line each. */
const PACKAGING =
  /^(readme|license|licence|changelog|contributing|notice|security|code_of_conduct|authors)(\..*)?$|^(package(-lock)?\.json|\.gitignore|\.gitattributes|\.npmignore|\.github|\.git|node_modules|\.ds_store|assets)$/i

/** `cacheDir`: outfit's cache folder, where the kit read from the plugin is kept (under plugins/). */
export async function pluginAsKit(fs: Fs, dir: string, cacheDir: string): Promise<PluginKit | undefined> {
  const detected = await detectPlugin(fs, dir)
  if (!detected) return undefined
  const { read: readFormat, roots } = READERS[detected.format]
  // A vendor package `outfit pack` made carries the kit itself in dev.outfit/: read from there, it is the whole kit.
  const outfitMade =
    detected.format !== 'agent-plugin' &&
    detected.format !== 'outfit-agent-plugin' &&
    (await isFile(fs, join(dir, OUTFIT_EXTENSION, 'kit.yaml')))
  const read = outfitMade ? readOutfitPackage : readFormat
  const draft = emptyDraft(detected.format)
  const ctx: ReadContext = { fs, dir, draft, roots, used: new Set() }
  await read(ctx)
  if (draft.diagnostics.length > 0) return { ok: false, diagnostics: draft.diagnostics }
  for (const other of detected.others)
    draft.notes.push(`it is also a ${formatName(other)}; read as a ${formatName(detected.format)}`)
  const unread = ((await fs.readdir(dir)) as string[])
    .filter((name) => !ctx.used.has(name) && !PACKAGING.test(name))
    .sort()
  if (unread.length > 0) draft.notes.push(`not installed (a kit has no place for them): ${unread.join(', ')}`)
  const kitDir = join(cacheDir, 'plugins', createHash('sha256').update(dir).digest('hex').slice(0, 32))
  await writeKit(fs, kitDir, draft)
  const manifest =
    detected.format === 'outfit-agent-plugin'
      ? MANIFESTS['agent-plugin']
      : detected.format === 'copilot-plugin'
        ? ((await copilotManifest(fs, dir)) ?? MANIFESTS[detected.format])
        : MANIFESTS[detected.format]
  return { ok: true, dir: kitDir, format: detected.format, notes: draft.notes, manifest }
}

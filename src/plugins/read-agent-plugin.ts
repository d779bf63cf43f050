// An Agent Plugin (Agent Plugins 1.0, agent-plugins.org; schemas in /work/shared/plugin-schemas/agent-plugins-1.0.0/):
// plugin.json with the 1.0.0 $schema, skills/<name>/SKILL.md, mcp.json (`mcpServers`: stdio | streamable-http | sse;
// `${PLUGIN_ROOT}` and `${PLUGIN_DATA}` in args, env and cwd). It carries only skills and servers; anything else lives in
// reverse-domain extension folders. outfit's own, dev.outfit/, holds the rest of the kit verbatim (kit.yaml, agents/,
// commands/, rules/, hooks.yaml and the complete mcp.yaml, as `outfit pack` writes it), so skills/ + dev.outfit/ is
// exactly the original kit: read that way, an outfit-made Agent Plugin installs byte for byte as its kit.
import { join } from 'node:path'
import { OUTFIT_EXTENSION } from './detect-plugin.js'
import { isRecord, listFiles, readBytes, readJson } from './plugin-files.js'
import { entriesDeclaration } from './declarations.js'
import { takeIdentity, takeServers, takeSkills, type ReadContext } from './read-parts.js'

export const AGENT_PLUGIN_ROOTS = { root: ['${PLUGIN_ROOT}'], data: ['${PLUGIN_DATA}'] }

export async function readAgentPlugin(ctx: ReadContext): Promise<void> {
  const manifest = await readJson(ctx.fs, join(ctx.dir, 'plugin.json'), ctx.draft.diagnostics)
  if (!manifest) return
  ctx.used.add('plugin.json')
  takeIdentity(ctx, manifest, 'plugin.json')
  if (isRecord(manifest.extensions))
    for (const ns of Object.keys(manifest.extensions))
      ctx.draft.notes.push(`the manifest's ${ns} extension data left out: it is for the tool that defines it`)
  await takeSkills(ctx, ['skills'])
  const mcp = await readJson(ctx.fs, join(ctx.dir, 'mcp.json'), ctx.draft.diagnostics)
  if (!mcp) return
  ctx.used.add('mcp.json')
  const servers: Record<string, unknown> = {}
  for (const [name, entry] of Object.entries(isRecord(mcp.mcpServers) ? mcp.mcpServers : {})) {
    // A command token starting ./ is the plugin's own file.
    servers[name] =
      isRecord(entry) && typeof entry.command === 'string' && entry.command.startsWith('./')
        ? { ...entry, command: `\${PLUGIN_ROOT}/${entry.command.slice(2)}` }
        : entry
  }
  await takeServers(ctx, servers, await entriesDeclaration('agent-plugin', 'servers'), 'mcp.json')
}

/**
 * A vendor package `outfit pack` made: its dev.outfit/ is the whole kit, verbatim (the tool's own files beside it are
 * derived from it, and may carry less), so the kit is read from there alone.
 */
export async function readOutfitPackage(ctx: ReadContext): Promise<void> {
  await takeFolder(ctx, OUTFIT_EXTENSION, '')
  // Everything else in the package is its tool's form of this kit.
  for (const name of (await ctx.fs.readdir(ctx.dir)) as string[]) ctx.used.add(name)
}

/** skills/ and dev.outfit/ as they are: the kit `outfit pack` put there. */
export async function readOutfitAgentPlugin(ctx: ReadContext): Promise<void> {
  const manifest = await readJson(ctx.fs, join(ctx.dir, 'plugin.json'), ctx.draft.diagnostics)
  if (manifest) takeIdentity(ctx, manifest, 'plugin.json')
  await takeFolder(ctx, OUTFIT_EXTENSION, '')
  await takeFolder(ctx, 'skills', 'skills/')
  // plugin.json and mcp.json are derived from the kit in dev.outfit/, which says everything they say.
  ctx.used.add('plugin.json').add('mcp.json')
}

/** Every regular file under `from` (in the package) as the kit file `<to><path>`, bytes and mode as they are. */
async function takeFolder(ctx: ReadContext, from: string, to: string): Promise<void> {
  const base = join(ctx.dir, from)
  const skipped: string[] = []
  for (const file of await listFiles(ctx.fs, base, base, skipped)) {
    const full = join(base, file)
    const data = (await readBytes(ctx.fs, full)) ?? new Uint8Array()
    ctx.draft.files.set(`${to}${file}`, { data, mode: Number((await ctx.fs.stat(full)).mode) & 0o777 })
  }
  for (const s of skipped) ctx.draft.notes.push(`${from}/${s} left out: not a regular file`)
  ctx.used.add(from)
}

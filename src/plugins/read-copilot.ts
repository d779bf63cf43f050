// A Copilot CLI plugin (https://docs.github.com/en/copilot/how-tos/copilot-cli/customize-copilot/plugins-creating):
// plugin.json — found, as Copilot CLI finds it, in .plugin/, the plugin's root or .github/plugin/ (a
// .claude-plugin/plugin.json is read as the Claude Code plugin it is) — with agents/*.agent.md, skills/, commands/
// (Copilot loads Claude-style commands as skills), hooks.json (or hooks/hooks.json) in Copilot's v1 shape and .mcp.json.
// The manifest's `agents`, `skills`, `commands`, `hooks`, `mcpServers` (a path or a list of paths) replace the
// defaults. Read through the Copilot target's plugin scope, which writes this layout (outfit pack --format copilot).
import { join } from 'node:path'
import type { Fs } from '../fs/fs.js'
import { copyDeclaration, entriesDeclaration } from './declarations.js'
import { isFile, readJson } from './plugin-files.js'
import { takeEither } from './read-claude.js'
import { manifestPaths, takeIdentity, takeItems, takeSkills, type ReadContext } from './read-parts.js'

export const COPILOT_ROOTS = { root: ['${PLUGIN_ROOT}'], data: ['${PLUGIN_DATA}'] }

/** Where Copilot CLI looks for a plugin's manifest, in its order (the root one is checked by the caller). */
export const COPILOT_MANIFESTS = ['.plugin/plugin.json', 'plugin.json', '.github/plugin/plugin.json']

/** The Copilot manifest `dir` holds, relative to it; undefined when it holds none. */
export async function copilotManifest(fs: Fs, dir: string): Promise<string | undefined> {
  for (const file of COPILOT_MANIFESTS) if (await isFile(fs, join(dir, file))) return file
  return undefined
}

export async function readCopilot(ctx: ReadContext): Promise<void> {
  const file = (await copilotManifest(ctx.fs, ctx.dir)) ?? 'plugin.json'
  const manifest = await readJson(ctx.fs, join(ctx.dir, file), ctx.draft.diagnostics)
  if (!manifest) return
  ctx.used.add(file.split('/')[0] ?? file)
  takeIdentity(ctx, manifest, file)
  if (manifest.lspServers !== undefined)
    ctx.draft.notes.push('LSP servers (plugin.json lspServers) left out: a kit has no LSP servers')
  const paths = (key: string, fallback: string) => manifestPaths(manifest[key], ctx.draft.notes) ?? [fallback]
  await takeItems(
    ctx,
    'agents',
    paths('agents', 'agents'),
    /\.md$/,
    await copyDeclaration('copilot-plugin', 'agents'),
  )
  // Copilot takes a Claude plugin's commands/ as they are: read as Claude Code writes them.
  await takeItems(
    ctx,
    'commands',
    paths('commands', 'commands'),
    /\.md$/,
    await copyDeclaration('claude-plugin', 'commands'),
  )
  await takeSkills(ctx, paths('skills', 'skills'))
  await takeEither(
    ctx,
    manifest.mcpServers,
    '.mcp.json',
    await entriesDeclaration('copilot-plugin', 'servers'),
    'servers',
  )
  const hooks = (await isFile(ctx.fs, join(ctx.dir, 'hooks.json'))) ? 'hooks.json' : 'hooks/hooks.json'
  await takeEither(ctx, manifest.hooks, hooks, await entriesDeclaration('copilot-plugin', 'hooks'), 'hooks')
}

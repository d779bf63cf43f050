// A Claude Code plugin (https://docs.claude.com/en/docs/claude-code/plugins-reference): .claude-plugin/plugin.json,
// commands/ and agents/ (Markdown), skills/<name>/SKILL.md, hooks/hooks.json, .mcp.json, `${CLAUDE_PLUGIN_ROOT}`.
// The manifest's `commands`, `agents`, `skills` add paths to the default folders; `hooks` and `mcpServers` are a path,
// an inline object or a list of either. Read through the Claude Code target's plugin scope, which writes this layout.
import { join } from 'node:path'
import type { Entries } from '../generated/target.js'
import { copyDeclaration, entriesDeclaration } from './declarations.js'
import { isRecord, readJson } from './plugin-files.js'
import {
  manifestPaths,
  takeHookFile,
  takeHooks,
  takeIdentity,
  takeItems,
  takeServerFile,
  takeServers,
  takeSkills,
  type ReadContext,
} from './read-parts.js'

export const CLAUDE_ROOTS = { root: ['${CLAUDE_PLUGIN_ROOT}'], data: ['${CLAUDE_PLUGIN_DATA}'] }

/** Manifest keys that carry something a kit has no place for. */
const UNCARRIED: Record<string, string> = {
  outputStyles: 'output styles',
  lspServers: 'LSP servers',
  userConfig: 'settings the plugin asks its user for',
  monitors: 'monitors',
  channels: 'channels',
}

export async function readClaude(ctx: ReadContext): Promise<void> {
  const file = '.claude-plugin/plugin.json'
  const manifest = await readJson(ctx.fs, join(ctx.dir, file), ctx.draft.diagnostics)
  if (!manifest) return
  ctx.used.add('.claude-plugin')
  takeIdentity(ctx, manifest, file)
  for (const [key, what] of Object.entries(UNCARRIED))
    if (manifest[key] !== undefined)
      ctx.draft.notes.push(`${what} (plugin.json ${key}) left out: a kit has no ${what}`)
  const paths = (key: string, fallback: string) => [
    ...new Set([fallback, ...(manifestPaths(manifest[key], ctx.draft.notes) ?? [])]),
  ]
  await takeItems(
    ctx,
    'commands',
    paths('commands', 'commands'),
    /\.md$/,
    await copyDeclaration('claude-plugin', 'commands'),
  )
  await takeItems(
    ctx,
    'agents',
    paths('agents', 'agents'),
    /\.md$/,
    await copyDeclaration('claude-plugin', 'agents'),
  )
  await takeSkills(ctx, paths('skills', 'skills'))
  await takeEither(
    ctx,
    manifest.mcpServers,
    '.mcp.json',
    await entriesDeclaration('claude-plugin', 'servers'),
    'servers',
  )
  await takeEither(
    ctx,
    manifest.hooks,
    'hooks/hooks.json',
    await entriesDeclaration('claude-plugin', 'hooks'),
    'hooks',
  )
}

/** A manifest's `hooks` / `mcpServers`: a path, an inline object, or a list of either; absent: the default file. */
export async function takeEither(
  ctx: ReadContext,
  value: unknown,
  fallback: string,
  decl: Entries,
  kind: 'servers' | 'hooks',
): Promise<void> {
  const items = value === undefined ? [fallback] : Array.isArray(value) ? value : [value]
  for (const item of items) {
    if (typeof item === 'string') {
      const [path] = manifestPaths(item) ?? []
      if (path === undefined) ctx.draft.notes.push(`'${item}' left out: it is not a path inside the plugin`)
      else if (kind === 'servers') await takeServerFile(ctx, path, decl)
      else await takeHookFile(ctx, path, decl)
    } else if (isRecord(item)) {
      if (kind === 'servers') await takeServers(ctx, item.mcpServers ?? item, decl, 'the manifest')
      else await takeHooks(ctx, item, decl, 'the manifest')
    }
  }
}

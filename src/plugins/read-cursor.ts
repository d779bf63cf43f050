// A Cursor plugin (https://cursor.com/docs/plugins; the manifest schema published in cursor/plugins):
// .cursor-plugin/plugin.json, rules/ (.mdc or .md), skills/, agents/, commands/, hooks/hooks.json, .mcp.json or
// mcp.json with `${env:VAR}`. A manifest field (a path, a list or a glob) replaces that component's default folder.
// Read through the Cursor target's steps (its .mdc frontmatter, its hooks.json shape, its reference syntax).
import { join } from 'node:path'
import { copyDeclaration, entriesDeclaration } from './declarations.js'
import { isFile, readJson } from './plugin-files.js'
import { takeEither } from './read-claude.js'
import { manifestPaths, takeIdentity, takeItems, takeSkills, type ReadContext } from './read-parts.js'

export const CURSOR_ROOTS = { root: ['${CURSOR_PLUGIN_ROOT}', '${PLUGIN_ROOT}'], data: ['${PLUGIN_DATA}'] }

export async function readCursor(ctx: ReadContext): Promise<void> {
  const file = '.cursor-plugin/plugin.json'
  const manifest = await readJson(ctx.fs, join(ctx.dir, file), ctx.draft.diagnostics)
  if (!manifest) return
  ctx.used.add('.cursor-plugin')
  takeIdentity(ctx, manifest, file)
  if (manifest.variables !== undefined)
    ctx.draft.notes.push(
      'variables (plugin.json) left out: set what the plugin asks for in your environment yourself',
    )
  const paths = (key: string) => manifestPaths(manifest[key], ctx.draft.notes) ?? [key]
  await takeItems(ctx, 'rules', paths('rules'), /\.mdc?$/, await copyDeclaration('cursor-plugin', 'rules'))
  await takeItems(
    ctx,
    'commands',
    paths('commands'),
    /\.md$/,
    await copyDeclaration('cursor-plugin', 'commands'),
  )
  await takeItems(ctx, 'agents', paths('agents'), /\.md$/, await copyDeclaration('cursor-plugin', 'agents'))
  await takeSkills(ctx, paths('skills'))
  const mcp = (await isFile(ctx.fs, join(ctx.dir, '.mcp.json'))) ? '.mcp.json' : 'mcp.json'
  await takeEither(
    ctx,
    manifest.mcpServers,
    mcp,
    await entriesDeclaration('cursor-plugin', 'servers'),
    'servers',
  )
  await takeEither(
    ctx,
    manifest.hooks,
    'hooks/hooks.json',
    await entriesDeclaration('cursor-plugin', 'hooks'),
    'hooks',
  )
}

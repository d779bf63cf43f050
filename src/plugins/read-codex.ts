// A Codex plugin (https://developers.openai.com/codex/plugins/build/): .codex-plugin/plugin.json naming its parts —
// `skills` (default ./skills/), `mcpServers` (default ./.mcp.json), `hooks` (default hooks/hooks.json) — and `apps`
// (.app.json: connections to registered servers, which a kit cannot carry). Servers and hooks are read through the
// Codex target's declarations (env_vars, bearer_token_env_var back into `${VAR}` references; apply_patch matchers).
import { join } from 'node:path'
import { entriesDeclaration } from './declarations.js'
import { readJson } from './plugin-files.js'
import { takeEither } from './read-claude.js'
import { manifestPaths, takeIdentity, takeSkills, type ReadContext } from './read-parts.js'

export const CODEX_ROOTS = { root: ['${PLUGIN_ROOT}'], data: ['${PLUGIN_DATA}'] }

export async function readCodex(ctx: ReadContext): Promise<void> {
  const file = '.codex-plugin/plugin.json'
  const manifest = await readJson(ctx.fs, join(ctx.dir, file), ctx.draft.diagnostics)
  if (!manifest) return
  ctx.used.add('.codex-plugin')
  takeIdentity(ctx, manifest, file)
  if (manifest.apps !== undefined)
    ctx.draft.notes.push('apps (plugin.json) left out: a kit cannot connect to a registered app')
  await takeSkills(ctx, manifestPaths(manifest.skills, ctx.draft.notes) ?? ['skills'])
  const servers = await entriesDeclaration('codex-plugin', 'servers')
  await takeEither(ctx, manifest.mcpServers, '.mcp.json', { ...servers, at: ['mcpServers'] }, 'servers')
  await takeEither(
    ctx,
    manifest.hooks,
    'hooks/hooks.json',
    await entriesDeclaration('codex-plugin', 'hooks'),
    'hooks',
  )
}

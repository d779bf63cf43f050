// A Gemini CLI extension (google-gemini/gemini-cli docs/extensions/reference.md): gemini-extension.json (name, version,
// inline mcpServers, contextFileName, excludeTools, settings), commands/**/*.toml, skills/, agents/, hooks/hooks.json,
// GEMINI.md; `${extensionPath}` and `${/}` in its values. Commands, agents, servers and hooks are read through the
// Gemini CLI target's steps; the context file becomes a rule for every file (what GEMINI.md is to Gemini).
import { join } from 'node:path'
import { copyDeclaration, entriesDeclaration } from './declarations.js'
import { readBytes, readJson } from './plugin-files.js'
import {
  takeHookFile,
  takeIdentity,
  takeItems,
  takeServers,
  takeSkills,
  top,
  type ReadContext,
} from './read-parts.js'

export const GEMINI_ROOTS = {
  root: ['${extensionPath}'],
  data: ['${workspacePath}'],
  fixed: { '${/}': '/', '${pathSeparator}': '/' },
}

export async function readGemini(ctx: ReadContext): Promise<void> {
  const file = 'gemini-extension.json'
  const manifest = await readJson(ctx.fs, join(ctx.dir, file), ctx.draft.diagnostics)
  if (!manifest) return
  ctx.used.add(file)
  takeIdentity(ctx, manifest, file)
  if (manifest.excludeTools !== undefined)
    ctx.draft.notes.push(
      'excludeTools (gemini-extension.json) left out: a kit does not turn off built-in tools',
    )
  if (Array.isArray(manifest.settings) && manifest.settings.length > 0) {
    const vars = manifest.settings.map((s: { envVar?: unknown }) => String(s.envVar ?? '?')).join(', ')
    ctx.draft.notes.push(
      `the extension asks its user for settings (${vars}); set them in your environment yourself`,
    )
  }
  await takeItems(
    ctx,
    'commands',
    ['commands'],
    /\.toml$/,
    await copyDeclaration('gemini-extension', 'commands'),
  )
  await takeItems(ctx, 'agents', ['agents'], /\.md$/, await copyDeclaration('gemini-extension', 'agents'))
  await takeSkills(ctx, ['skills'])
  await takeServers(ctx, manifest.mcpServers, await entriesDeclaration('gemini-extension', 'servers'), file)
  await takeHookFile(ctx, 'hooks/hooks.json', await entriesDeclaration('gemini-extension', 'hooks'))
  await takeContext(ctx, manifest.contextFileName)
}

// --- internal ---

/** GEMINI.md (or contextFileName) is always in Gemini's context: a rule without globs, in every tool's rules. */
async function takeContext(ctx: ReadContext, named: unknown): Promise<void> {
  const names = typeof named === 'string' ? [named] : Array.isArray(named) ? named.map(String) : ['GEMINI.md']
  for (const name of names) {
    const bytes = await readBytes(ctx.fs, join(ctx.dir, name)).catch(() => undefined)
    if (bytes === undefined) continue
    ctx.used.add(top(name))
    const stem =
      name
        .replace(/\.[^.]+$/, '')
        .split('/')
        .pop()
        ?.toLowerCase()
        .replace(/[^a-z0-9-]+/g, '-') || 'context'
    ctx.draft.files.set(`rules/${stem}.md`, { data: unwrapped(bytes) })
  }
}

// An extension made by `outfit pack` holds the kit's rules as the one outfit block its Gemini rules step writes; the
// markers are that run's, not this kit's: the rule is the block's text (installed, it gets this user's markers).
const WHOLE_BLOCK =
  /^<!-- outfit:([a-z0-9-]+):begin ([0-9a-f]+) \(managed by outfit; edits inside are replaced on install\) -->\n([\s\S]*?)\n?<!-- outfit:\1:end \2 -->\n?$/

function unwrapped(bytes: Uint8Array): Uint8Array {
  const match = WHOLE_BLOCK.exec(new TextDecoder().decode(bytes))
  return match ? new TextEncoder().encode(`${match[3] ?? ''}\n`) : bytes
}

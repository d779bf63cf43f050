// References to the plugin's own folder (`${CLAUDE_PLUGIN_ROOT}/scripts/fmt.sh`, `${PLUGIN_ROOT}`, Gemini's
// `${extensionPath}`) only mean something inside a plugin host. Installed as a kit, the files stay where outfit keeps
// the plugin — the folder you named, or its checked copy in outfit's cache — and the reference becomes that folder's
// absolute path, for a file the plugin really holds. A reference to a file it does not hold, a path that leaves it, or
// a folder only a plugin host provides (`${PLUGIN_DATA}`) refuses the item with the reason: never a dangling path.
import { join, posix } from 'node:path'
import type { Fs } from '../fs/fs.js'

export interface RootSyntax {
  /** Tokens that stand for the plugin's folder. */
  root: string[]
  /** Tokens for folders only a plugin host provides. */
  data: string[]
  /** Tokens with a fixed meaning here (Gemini's `${/}`). */
  fixed?: Record<string, string>
}

export type Rooted = { text: string; used: string[] } | { refused: string }

/** `text` with every root reference made absolute; `used` lists the plugin's top-level entries it reaches. */
export async function resolveRootRefs(
  fs: Fs,
  pluginDir: string,
  syntax: RootSyntax,
  text: string,
): Promise<Rooted> {
  let out = text
  for (const [token, value] of Object.entries(syntax.fixed ?? {})) out = out.split(token).join(value)
  for (const token of syntax.data)
    if (out.includes(token)) return { refused: `it uses ${token}, a data folder only a plugin host provides` }
  const used: string[] = []
  for (const token of syntax.root) {
    if (!out.includes(token)) continue
    const pattern = new RegExp(`${escape(token)}([^\\s"'\`;|&()<>]*)`, 'g')
    for (const match of out.matchAll(pattern)) {
      const rest = match[1] ?? ''
      const rel = posix.normalize(`./${rest}`).replace(/\/$/, '')
      if (rel === '..' || rel.startsWith('../')) return { refused: `${match[0]} leads out of the plugin` }
      if (rel !== '.' && !(await present(fs, join(pluginDir, rel))))
        return { refused: `${match[0]} names a file the plugin does not hold` }
      if (rel !== '.') used.push(rel.split('/')[0] ?? rel)
    }
    out = out.split(token).join(pluginDir)
  }
  return { text: out, used }
}

// --- internal ---

async function present(fs: Fs, path: string): Promise<boolean> {
  try {
    await fs.lstat(path)
    return true
  } catch {
    return false
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

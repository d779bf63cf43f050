// Help text that cac does not write itself: what --yes really does, and the tool ids the commands take.
import { readdirSync } from 'node:fs'
import { builtinTargetsDir } from '../package-root.js'

export const YES_HELP =
  'Never ask (without a terminal outfit never asks anyway; name tools, or use --all or --detected)'

const TAKES_TOOLS = new Set(['install', 'plan', 'uninstall', 'status'])

/** Adds the built-in tool ids to the help of the commands that take them (and to the overview). */
export function withToolList<T extends { title?: string; body: string }>(
  sections: T[],
  command: string | undefined,
): T[] {
  if (command !== undefined && command !== '' && !TAKES_TOOLS.has(command)) return sections
  const ids = builtinToolIds()
  if (ids.length === 0) return sections
  const tools = {
    title: 'Tools',
    body: `  ${ids.join(', ')}\n  (plus your own targets from --targets or the config's targets folders; outfit list shows them all)`,
  } as T
  // Before the examples, after the options: where people look for "what can I name here".
  const at = sections.findIndex((s) => s.title === 'Examples')
  return at < 0 ? [...sections, tools] : [...sections.slice(0, at), tools, ...sections.slice(at)]
}

// --- internal ---

/** Target files are named after their id; reading the folder (not parsing the YAML) keeps --help instant. */
function builtinToolIds(): string[] {
  try {
    return readdirSync(builtinTargetsDir)
      .filter((n) => /\.ya?ml$/.test(n))
      .map((n) => n.replace(/\.ya?ml$/, ''))
      .sort()
  } catch {
    return []
  }
}

// `outfit --help` and `outfit <command> --help` without loading the CLI: the texts are written at `npm run build`
// (scripts/build-validators.mjs runs the real help of the built CLI) and printed as they are. They depend only on
// outfit's version and the built-in targets' file names, both checked here; anything else loads the CLI as usual.
import { readdirSync, readFileSync } from 'node:fs'
import { buildOutput, builtinTargetsDir } from '../package-root.js'

export interface HelpCache {
  version: string
  tools: string[]
  texts: Record<string, string>
}

export const helpCacheFile = buildOutput('cli/help.json')

/** The file names of the built-in targets, which the help lists as tool ids (see help.ts). */
export function builtinTargetFiles(): string[] {
  try {
    return readdirSync(builtinTargetsDir).sort()
  } catch {
    return []
  }
}

/** The help text of `command` ('' for the overview), if the build recorded it for this version and these targets. */
export function cachedHelp(command: string, version: string): string | undefined {
  try {
    const cache = JSON.parse(readFileSync(helpCacheFile, 'utf8')) as HelpCache
    if (cache.version !== version || JSON.stringify(cache.tools) !== JSON.stringify(builtinTargetFiles()))
      return undefined
    return Object.hasOwn(cache.texts, command) ? cache.texts[command] : undefined
  } catch {
    return undefined
  }
}

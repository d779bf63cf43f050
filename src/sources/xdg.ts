// Where fetched kits are cached: the XDG cache folder. A --home sandbox keeps it inside the sandbox, so a test or a
// trial run never reads or writes the real cache (the same rule as the state home, src/state/scope-state.ts).
import { join, resolve } from 'node:path'

/** `$XDG_CACHE_HOME/outfit`, else `~/.cache/outfit`; `sandbox` (--home given) ignores the real user's variable. */
export function cacheHome(env: Record<string, string | undefined>, home: string, sandbox: boolean): string {
  const value = sandbox ? undefined : env.XDG_CACHE_HOME
  // The XDG spec says relative values are invalid and must be ignored.
  return value && value.startsWith('/') ? join(value, 'outfit') : join(resolve(home), '.cache', 'outfit')
}

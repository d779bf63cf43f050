// Where outfit keeps user-level data: the XDG base directories. A --home sandbox keeps everything inside the
// sandbox, so a test or a trial run never reads or writes the real cache or trust list.
import { join, resolve } from 'node:path'

export interface UserDirs {
  /** Fetched kits, by integrity: `$XDG_CACHE_HOME/outfit`, else `~/.cache/outfit`. */
  cache: string
  /** Trust decisions: `$XDG_STATE_HOME/outfit`, else `~/.local/state/outfit`. */
  state: string
}

/** `sandbox` is true when --home was given: the XDG variables of the real user are then ignored. */
export function userDirs(env: Record<string, string | undefined>, home: string, sandbox: boolean): UserDirs {
  const pick = (variable: string, fallback: string) => {
    const value = sandbox ? undefined : env[variable]
    // The spec says relative values are invalid and must be ignored.
    return value && value.startsWith('/') ? join(value, 'outfit') : join(resolve(home), fallback, 'outfit')
  }
  return { cache: pick('XDG_CACHE_HOME', '.cache'), state: pick('XDG_STATE_HOME', join('.local', 'state')) }
}

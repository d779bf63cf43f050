// The system scope: a tool's machine-wide, managed location (Claude Code's /etc/claude-code, Codex's /etc/codex, …),
// which an administrator fills for every user. `--root <dir>` moves every path of it under <dir>, as DESTDIR or
// `dpkg --root` do, for image builds and tests; outfit's records of it move along (state/scope-state.ts).
import { UsageError } from '../errors.js'
import { systemStateHome } from '../state/scope-state.js'
import { systemRoot, targetPlatform } from '../vars/platform.js'

export const SYSTEM_SCOPE = 'system'

/**
 * What the system scope changes in a workspace: the folder `{{sysroot}}` stands for and where its state lives; none
 * for another scope, where `--root` would mean nothing and is refused rather than ignored.
 */
export function systemScope(
  scope: string,
  root: string | undefined,
  platform: string = process.platform,
): { sysroot: string | undefined; stateHome: string } | undefined {
  if (scope !== SYSTEM_SCOPE) {
    if (root !== undefined)
      throw new UsageError(`--root applies to the system scope only (this run's scope is '${scope}')`, {
        hint: "add --scope system to write the tools' machine-wide settings under that folder; for a sandboxed home use --home",
      })
    return undefined
  }
  const os = targetPlatform(platform)
  return { sysroot: root, stateHome: systemStateHome(systemRoot(root, os), os) }
}

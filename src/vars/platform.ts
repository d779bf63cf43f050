// Scope variables that differ per operating system (an editor's data folder), resolved for one platform.

export type Platform = 'linux' | 'darwin' | 'win32'
export type PlatformValue = string | Record<Platform, string>

/** The platforms a target can name; any other (FreeBSD, …) reads like Linux. */
export function targetPlatform(platform: string = process.platform): Platform {
  return platform === 'darwin' || platform === 'win32' ? platform : 'linux'
}

export function forPlatform(value: PlatformValue, platform: Platform): string {
  return typeof value === 'string' ? value : value[platform]
}

/** Every template of a value, with the JSON-pointer segment that names it (none for a plain string). */
export function platformTemplates(value: PlatformValue): { template: string; segment?: Platform }[] {
  return typeof value === 'string'
    ? [{ template: value }]
    : (Object.entries(value) as [Platform, string][]).map(([segment, template]) => ({ template, segment }))
}

/**
 * The folder that stands for the file system's root in a `system` scope: `--root <dir>` (an image being built, a test
 * sandbox), else the real root, written so that `{{sysroot}}/etc/x` is `/etc/x` (empty on Unix, the system drive on
 * Windows, where the vendors name `C:\\Program Files\\…` and `C:\\ProgramData\\…` outright).
 */
export function systemRoot(root: string | undefined, platform: Platform): string {
  if (root !== undefined) return root.replace(/[\\/]+$/, '')
  return platform === 'win32' ? 'C:' : ''
}

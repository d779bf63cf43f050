// The package formats `outfit pack` writes, and for each vendor format the target whose `plugin` scope makes it. The
// format knowledge itself (paths, manifests, entry shapes) is in those targets, as it is for install.
export const FORMATS = ['agent-plugin', 'claude', 'codex', 'cursor', 'copilot', 'gemini'] as const

export type Format = (typeof FORMATS)[number]

/** The target that makes each vendor format; the Agent Plugin has none (it is not a tool). */
export const FORMAT_TARGETS: Readonly<Record<Exclude<Format, 'agent-plugin'>, string>> = {
  claude: 'claude-code',
  codex: 'codex',
  cursor: 'cursor',
  copilot: 'copilot',
  gemini: 'gemini-cli',
}

export function isFormat(name: string): name is Format {
  return (FORMATS as readonly string[]).includes(name)
}

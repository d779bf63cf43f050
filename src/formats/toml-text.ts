// A flat TOML table (a Codex agent, a Gemini CLI command) as people write it: one `key = value` line each, and text
// with line breaks as a multi-line string (`prompt = """` … `"""`), last — the form of the tools' own examples — so
// that a file outfit writes whole is the file its user wrote, and `outfit adopt` can give it back byte for byte.
// Anything else (a nested table, an array of tables) is written by smol-toml as before.
import { stringify } from 'smol-toml'

export function flatTomlText(table: Record<string, unknown>): string {
  const entries = Object.entries(table)
  if (entries.some(([, value]) => isTable(value))) return stringify(table)
  const long = entries.filter(([, value]) => typeof value === 'string' && value.includes('\n'))
  const short = entries.filter((entry) => !long.includes(entry))
  const lines = short.map(([key, value]) => stringify({ [key]: value }).trimEnd())
  for (const [key, value] of long)
    lines.push(
      `${stringify({ [key]: '' })
        .trimEnd()
        .slice(0, -2)}${multiline(String(value))}`,
    )
  return `${lines.join('\n')}\n`
}

// --- internal ---

function isTable(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(isTable)
  return typeof value === 'object' && value !== null && !(value instanceof Date)
}

/** A multi-line basic string: the newline after the opening quotes is not part of the value (TOML 1.0). */
function multiline(text: string): string {
  const escaped = text
    .replace(/\\/g, '\\\\')
    .replace(/"""/g, '""\\"')
    // Control characters other than tab and line breaks must be escaped; a lone CR too.
    .replace(
      // eslint-disable-next-line no-control-regex
      /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|\r(?!\n)/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    )
    // A quote just before the closing quotes would run into them.
    .replace(/"$/, '\\"')
  return `"""\n${escaped}"""`
}

// One warning per cause: when several tools warn about the same thing (an unset ${VAR} every tool's MCP entry uses,
// the same piece of kit left out), the first tool's block says it and the others do not repeat it; a warning longer
// than a screen line or two is cut. `--verbose` shows every warning whole, and --json always lists everything.
import type { ToolResult } from '../types.js'

export class WarningDigest {
  readonly #seen = new Set<string>()
  /** Warnings left out because another tool's block already said them. */
  hidden = 0

  constructor(private readonly maxLength = 400) {}

  /** The result as shown: warnings already given for another tool left out, long ones cut. */
  filter(result: ToolResult): ToolResult {
    const log = result.log.flatMap((entry) => {
      if (entry.level !== 'warn') return [entry]
      // The same cause for another tool differs only by the tool's name.
      const cause = entry.text.split(result.name).join('\u0000')
      if (this.#seen.has(cause)) {
        this.hidden++
        return []
      }
      this.#seen.add(cause)
      if (entry.text.length <= this.maxLength) return [entry]
      const more = entry.text.length - this.maxLength
      return [
        {
          ...entry,
          text: `${entry.text.slice(0, this.maxLength)}… (${more} more characters; --verbose shows all)`,
        },
      ]
    })
    return { ...result, log }
  }
}

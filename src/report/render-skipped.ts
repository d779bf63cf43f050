// What the release-age cooldown skipped on update, one line per kit: the release, how old it is, what was taken.
import { age, type SkippedRelease } from '../sources/release-age.js'
import { escapeForTerminal } from '../formats/escape.js'

export function renderSkipped(skipped: SkippedRelease[], now = new Date()): string[] {
  const short = (v: string) => (/^[0-9a-f]{40}$/.test(v) ? v.slice(0, 12) : v)
  return skipped.map((s) =>
    escapeForTerminal(
      `skipped ${s.kit} ${short(s.skipped)}: published ${age(new Date(s.published), now)} (${s.published}), younger than minReleaseAge ${s.minReleaseAge}; using ${short(s.using)}`,
    ),
  )
}

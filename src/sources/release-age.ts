// The release-age cooldown (`minReleaseAge: 3d`, --min-release-age): `update` takes only npm versions published, and
// git commits made, at least that long ago. A compromised release is usually found and pulled within days, so
// waiting them out keeps it off every machine that updates in between. npm's publish time comes from the registry
// (the full packument's `time`, through pacote's own `before`, as `npm install --before` does); a git commit's date
// is its committer date, which the commit's author sets (see docs/safety.md for what that does and does not stop).

export interface Cooldown {
  /** Releases after this moment are skipped. */
  notAfter: Date
  /** As the user wrote it (3d), for messages. */
  text: string
}

/** What update skipped: the newest release, too young, and what it took instead. */
export interface SkippedRelease {
  kit: string
  source: string
  /** The version or commit skipped. */
  skipped: string
  /** When it was published or committed (ISO 8601). */
  published: string
  /** The version or commit taken instead. */
  using: string
  /** The cooldown, as written (3d). */
  minReleaseAge: string
}

/** `3d`, `12h`, `90m`, `1w`, `1.5d` → milliseconds; `0` → 0; anything else → undefined. */
export function parseAge(text: string): number | undefined {
  if (text.trim() === '0') return 0
  const m = /^([0-9]+(?:\.[0-9]+)?)(m|h|d|w)$/.exec(text.trim())
  if (!m) return undefined
  return Number(m[1]) * UNIT[m[2] as keyof typeof UNIT]
}

/** The cooldown for `text` at `now`, or undefined when there is none (absent or 0). */
export function cooldown(text: string | undefined, now: Date): Cooldown | undefined {
  if (text === undefined) return undefined
  const ms = parseAge(text)
  if (!ms) return undefined
  return { notAfter: new Date(now.getTime() - ms), text }
}

/** "20 hours ago", "3 days ago": how old a release is, for the line that says it was skipped. */
export function age(published: Date, now: Date): string {
  const hours = (now.getTime() - published.getTime()) / UNIT.h
  if (hours < 1) return `${Math.max(0, Math.round(hours * 60))} minutes ago`
  if (hours < 48) return `${Math.round(hours)} hours ago`
  return `${Math.round(hours / 24)} days ago`
}

// --- internal ---

const UNIT = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }

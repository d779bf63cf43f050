// Hidden characters in one text: every run of characters that breaks the same rule is one finding at the position of
// its first character, naming each code point. Two things that look hidden are ordinary text and are not reported: a
// byte-order mark at the very start, and a joiner where a script or an emoji sequence needs one (Persian, Hindi, 👩‍💻).
import { characterRule, describeCodePoint, isVariationSelector } from './characters.js'
import { positions } from './position.js'
import { RULES, type AuditRule, type Finding } from './rules.js'

/** The hidden characters of `text` (a kit file's whole content), as findings in `file`. */
export function scanText(file: string, text: string): Finding[] {
  // Every rule is about a character outside printable ASCII, tab and line feed: a text of only those (most kit files)
  // has nothing to find, and one native scan says so without splitting it into code points.
  if (!NOT_PLAIN.test(text)) return []
  const chars = [...text]
  const offsets: number[] = []
  for (let i = 0, offset = 0; i < chars.length; offset += (chars[i] ?? '').length, i++) offsets.push(offset)
  const at = positions(text)
  const out: Finding[] = []
  let run: { rule: AuditRule; start: number; cps: number[] } | undefined
  const flush = () => {
    if (!run) return
    out.push(finding(file, run.rule, run.cps, at(offsets[run.start] ?? 0)))
    run = undefined
  }
  for (let i = 0; i < chars.length; i++) {
    const cp = chars[i]?.codePointAt(0) ?? 0
    const rule = ruleAt(chars, i, cp)
    if (rule === undefined) {
      flush()
      continue
    }
    if (run && run.rule !== rule) flush()
    run ??= { rule, start: i, cps: [] }
    run.cps.push(cp)
  }
  flush()
  return out
}

// --- internal ---

const NOT_PLAIN = /[^\t\n\x20-\x7e]/

function ruleAt(chars: string[], i: number, cp: number): AuditRule | undefined {
  if (cp === 0xfeff && i === 0) return undefined
  // CR belongs to a line break only before LF; a lone one sends the cursor back over what was printed.
  if (cp === 0x0d) return chars[i + 1] === '\n' ? undefined : 'control-character'
  if ((cp === 0x200c || cp === 0x200d) && joins(chars[i - 1], chars[i + 1], cp)) return undefined
  if (isVariationSelector(cp))
    return isVariationSelector(chars[i - 1]?.codePointAt(0) ?? 0) ||
      isVariationSelector(chars[i + 1]?.codePointAt(0) ?? 0)
      ? 'variation-selectors'
      : undefined
  return characterRule(cp)
}

// Scripts whose spelling uses ZWJ/ZWNJ between letters (cursive joining, conjuncts); elsewhere a joiner hides.
const JOINING_SCRIPT =
  /[\p{Script_Extensions=Arabic}\p{Script_Extensions=Syriac}\p{Script_Extensions=Nko}\p{Script_Extensions=Mongolian}\p{Script_Extensions=Devanagari}\p{Script_Extensions=Bengali}\p{Script_Extensions=Gurmukhi}\p{Script_Extensions=Gujarati}\p{Script_Extensions=Oriya}\p{Script_Extensions=Tamil}\p{Script_Extensions=Telugu}\p{Script_Extensions=Kannada}\p{Script_Extensions=Malayalam}\p{Script_Extensions=Sinhala}\p{Script_Extensions=Myanmar}\p{Script_Extensions=Khmer}\p{Script_Extensions=Tibetan}]/u
const LETTER = /[\p{L}\p{M}]/u
const PICTOGRAPH = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\u{fe0f}]/u

function joins(before: string | undefined, after: string | undefined, cp: number): boolean {
  if (before === undefined || after === undefined) return false
  if (cp === 0x200d && PICTOGRAPH.test(before) && /\p{Extended_Pictographic}/u.test(after)) return true
  return (
    LETTER.test(before) && LETTER.test(after) && JOINING_SCRIPT.test(before) && JOINING_SCRIPT.test(after)
  )
}

function finding(
  file: string,
  rule: AuditRule,
  cps: number[],
  pos: { line: number; column: number },
): Finding {
  const distinct = [...new Set(cps)]
  return {
    rule,
    file,
    line: pos.line,
    column: pos.column,
    codePoints: distinct.map(describeCodePoint),
    message: `${what(rule, cps)}: ${RULES[rule].why}`,
  }
}

function what(rule: AuditRule, cps: number[]): string {
  const count = cps.length === 1 ? 'a' : `${cps.length}`
  const plural = cps.length === 1 ? '' : 's'
  switch (rule) {
    case 'tag-character':
      return `${cps.length} tag character${plural} hiding the text "${hiddenText(cps)}"`
    case 'bidi-control':
      return `${count} bidirectional control${plural}`
    case 'control-character':
      return `${count} control character${plural}`
    case 'variation-selectors':
      return `a run of ${cps.length} variation selectors`
    default:
      return `${cps.length === 1 ? 'an' : count} invisible character${plural}`
  }
}

/** What a run of tag characters spells (U+E0020–E007E mirror printable ASCII), cut to a readable length. */
function hiddenText(cps: number[]): string {
  const text = cps
    .filter((cp) => cp >= 0xe0020 && cp <= 0xe007e)
    .map((cp) => String.fromCodePoint(cp - 0xe0000))
    .join('')
  return text.length > 60 ? `${text.slice(0, 60)}…` : text
}

// Audit findings as a SARIF 2.1.0 log, the format GitHub code scanning takes (`github/codeql-action/upload-sarif`):
// one run of the `outfit` driver with every rule described, and one result per finding at its file, line and column.
// Columns are counted in code points, as the findings are, and the run says so (`columnKind`); SARIF's default would
// be UTF-16 code units. GitHub needs `ruleId`, `message.text` and a physical location with a relative `uri` and a
// `startLine`; `security-severity` puts the rules among its security alerts.
import { RULES, type AuditRule, type Finding } from './rules.js'

export interface SarifKit {
  /** Where the kit comes from, as written (named in each result's message when it is not a local folder). */
  source: string
  /** How its files are named in the log: the kit folder relative to the repository (local kits), else undefined. */
  base?: string
  findings: Finding[]
}

export function toSarif(kits: SarifKit[], version: string): Record<string, unknown> {
  const ids = Object.keys(RULES) as AuditRule[]
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'outfit',
            version,
            semanticVersion: version,
            informationUri: 'https://github.com/outfit-dev/outfit/blob/main/docs/safety.md',
            rules: ids.map((id) => ({
              id,
              name: RULES[id].title.replace(
                /[^A-Za-z]+(.)?/g,
                (_, c: string | undefined) => c?.toUpperCase() ?? '',
              ),
              shortDescription: { text: RULES[id].title },
              fullDescription: { text: RULES[id].help },
              help: { text: RULES[id].help },
              defaultConfiguration: { level: 'error' },
              properties: { tags: ['security'], 'security-severity': SEVERITY[id], precision: 'high' },
            })),
          },
        },
        columnKind: 'unicodeCodePoints',
        results: kits.flatMap((kit) =>
          kit.findings.map((f) => ({
            ruleId: f.rule,
            ruleIndex: ids.indexOf(f.rule),
            level: 'error',
            message: {
              text: `${kit.base === undefined ? `${kit.source}: ` : ''}${f.message}${
                f.codePoints.length > 0 ? ` (${f.codePoints.join(', ')})` : ''
              }`,
            },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: uri(kit.base, f.file) },
                  region: { startLine: f.line, startColumn: f.column },
                },
              },
            ],
            partialFingerprints: {
              'outfitFinding/v1': `${f.rule}:${uri(kit.base, f.file)}:${f.line}:${f.column}`,
            },
          })),
        ),
      },
    ],
  }
}

// --- internal ---

// GitHub's scale: 9.0 and up is critical, 7.0 high, 4.0 medium.
const SEVERITY: Record<AuditRule, string> = {
  'bidi-control': '8.0',
  'tag-character': '9.0',
  'invisible-character': '7.0',
  'control-character': '7.0',
  'variation-selectors': '7.0',
  'pipe-to-shell': '8.0',
  'unpinned-package': '5.0',
}

/** A relative URI with forward slashes; each segment percent-encoded (a space or `#` in a file name stays a name). */
function uri(base: string | undefined, file: string): string {
  const path = base && base !== '.' ? `${base.replace(/\\/g, '/').replace(/\/$/, '')}/${file}` : file
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/')
}

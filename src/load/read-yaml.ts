// Layer 1: YAML syntax. Keeps the Document and LineCounter so later layers can point at exact positions.
import { LineCounter, parseDocument, type Document } from 'yaml'
import type { Diagnostic } from '../types.js'

export interface ParsedYaml {
  file: string
  doc: Document.Parsed
  lineCounter: LineCounter
  data: unknown
}

export function parseYaml(
  file: string,
  source: string,
): { ok: true; parsed: ParsedYaml } | { ok: false; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter()
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true })
  if (doc.errors.length > 0) {
    return {
      ok: false,
      diagnostics: doc.errors.map((error) => {
        const pos = lineCounter.linePos(error.pos[0])
        return {
          file,
          line: pos.line,
          column: pos.col,
          pointer: '',
          message: `YAML syntax error: ${firstLine(error.message)}`,
          severity: 'error' as const,
        }
      }),
    }
  }
  let data: unknown
  try {
    data = doc.toJS({ maxAliasCount: 100 })
  } catch (error) {
    // An alias bomb ("billion laughs") or an alias loop: refused before it can use up memory.
    if (!(error instanceof ReferenceError) && !/alias/i.test((error as Error).message)) throw error
    return {
      ok: false,
      diagnostics: [
        {
          file,
          line: 1,
          column: 1,
          pointer: '',
          message: `YAML aliases expand too far (${firstLine((error as Error).message)}); write the values out instead of using more than 100 aliases`,
          severity: 'error',
        },
      ],
    }
  }
  return { ok: true, parsed: { file, doc, lineCounter, data } }
}

function firstLine(message: string): string {
  return message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? message
}

// A monorepo's parts in a command's output (docs/monorepos.md): the root's document (or the one subproject's a run
// acted on) first, each subproject's after it, in text and in --json alike.
import type { SubprojectPart } from '../generated/output.js'

export interface Parts<R> {
  subproject?: string
  subprojects?: { path: string; result?: R; skipped?: string }[]
}

/** The --json document of a result across subprojects: its own document, with each subproject's beside it. */
export function withParts<D extends object, R>(
  doc: D,
  result: Parts<R>,
  toDoc: (part: R) => object,
): D & { subproject?: string; subprojects?: SubprojectPart[] } {
  return {
    ...doc,
    ...(result.subproject !== undefined ? { subproject: result.subproject } : {}),
    ...(result.subprojects
      ? {
          subprojects: result.subprojects.map((p) => ({
            path: p.path,
            ...(p.skipped !== undefined ? { skipped: p.skipped } : {}),
            ...(p.result !== undefined ? { result: toDoc(p.result) } : {}),
          })),
        }
      : {}),
  }
}

/** The line that opens a subproject's part of the text output. */
export function subprojectHeading(path: string): string {
  return `── subproject ${path} ──`
}

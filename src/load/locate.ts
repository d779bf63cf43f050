// JSON Pointer → line:column in the YAML source, so every diagnostic points at the offending node.
import { isMap, isPair, isScalar, type Node } from 'yaml'
import type { ParsedYaml } from './read-yaml.js'

export function pointerToSegments(pointer: string): string[] {
  if (pointer === '') return []
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
}

export function segmentsToPointer(segments: (string | number)[]): string {
  return segments.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('')
}

/**
 * Finds the closest node for a pointer (walking up when a segment is missing) and, when `key` is given, the key of
 * that property instead of its value: "unknown key" errors should point at the key.
 */
export function locate(parsed: ParsedYaml, pointer: string, key?: string): { line: number; column: number } {
  const segments = pointerToSegments(pointer)
  let node: Node | null | undefined
  for (let n = segments.length; n >= 0; n--) {
    node = parsed.doc.getIn(segments.slice(0, n).map(asKey), true) as Node | undefined
    if (node) break
  }
  node ??= parsed.doc.contents ?? undefined
  let offset = node?.range?.[0] ?? 0
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find(
      (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === key,
    )
    const keyNode = pair && isScalar(pair.key) ? pair.key : undefined
    if (keyNode?.range) offset = keyNode.range[0]
  }
  const pos = parsed.lineCounter.linePos(offset)
  return { line: pos.line, column: pos.col }
}

function asKey(segment: string): string | number {
  return /^\d+$/.test(segment) ? Number(segment) : segment
}

// Layers 1 and 2 for any YAML file outfit reads (targets, kit.yaml, mcp.yaml, hooks.yaml): text → YAML → schema.
import { decodeUtf8 } from '../fs/files.js'
import type { Fs } from '../fs/fs.js'
import { FileReadError, readBounded } from '../fs/read-bounded.js'
import { validateShape } from '../schema/validate-shape.js'
import type { Diagnostic } from '../types.js'
import { parseYaml, type ParsedYaml } from './read-yaml.js'

/** Config files are small; anything larger is a mistake (or an attack), not a config. */
export const MAX_YAML_BYTES = 1024 * 1024

export async function readValidated(
  fs: Fs,
  file: string,
  schema: string,
): Promise<{ parsed?: ParsedYaml; diagnostics: Diagnostic[] }> {
  const at = (message: string): { diagnostics: Diagnostic[] } => ({
    diagnostics: [{ file, line: 1, column: 1, pointer: '', message, severity: 'error' }],
  })
  let bytes: Uint8Array
  try {
    bytes = await readBounded(fs, file, MAX_YAML_BYTES, 'YAML files')
  } catch (error) {
    if (error instanceof FileReadError) return at(error.reason)
    throw error
  }
  let text: string
  try {
    text = decodeUtf8(bytes, file)
  } catch {
    return at('is not valid UTF-8 text')
  }
  const result = parseYaml(file, text)
  if (!result.ok) return { diagnostics: result.diagnostics }
  if (result.parsed.data === null || result.parsed.data === undefined)
    return at('is empty; see the schema for the keys it needs')
  return { parsed: result.parsed, diagnostics: validateShape(schema, result.parsed) }
}

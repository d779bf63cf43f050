// A kit is committed and shared: a real token pasted into mcp.yaml as a literal would be copied into every tool's
// config (and every clone of the kit). outfit writes references, never values, so a literal that looks like a secret
// is reported at its position, naming the key, with the reference to write instead. `--strict` makes it an error.
import { locate } from '../load/locate.js'
import type { ParsedYaml } from '../load/read-yaml.js'
import type { Diagnostic } from '../types.js'
import { envRefs } from '../formats/env-refs.js'

/** Well-known token shapes, and a long high-entropy word under a name that says it is a secret. */
const TOKEN_SHAPES = [
  /\bgh[pousr]_[A-Za-z0-9]{20,}/, // GitHub
  /\bgithub_pat_[A-Za-z0-9_]{20,}/,
  /\bsk-(?:ant-|proj-)?[A-Za-z0-9_-]{20,}/, // OpenAI, Anthropic
  /\bxox[abpr]-[A-Za-z0-9-]{10,}/, // Slack
  /\bAKIA[0-9A-Z]{16}\b/, // AWS
  /\bAIza[0-9A-Za-z_-]{35}\b/, // Google
  /\bglpat-[A-Za-z0-9_-]{20,}/, // GitLab
  /\bnpm_[A-Za-z0-9]{36}\b/,
  /^Bearer\s+[A-Za-z0-9._~+/-]{16,}=*$/,
]
const SECRET_NAME = /token|secret|passw|api[_-]?key|auth|credential|private/i

export function literalSecrets(parsed: ParsedYaml, strict: boolean): Diagnostic[] {
  const servers = (parsed.data as { servers?: Record<string, Record<string, unknown>> }).servers ?? {}
  const out: Diagnostic[] = []
  for (const [name, server] of Object.entries(servers)) {
    for (const field of ['env', 'headers'] as const) {
      const values = server[field]
      if (!values || typeof values !== 'object') continue
      for (const [key, value] of Object.entries(values as Record<string, unknown>)) {
        if (typeof value !== 'string' || envRefs(value).length > 0 || !looksSecret(key, value)) continue
        const pointer = `/servers/${name}/${field}/${key}`
        const pos = locate(parsed, pointer)
        const variable = key.toUpperCase().replace(/[^A-Z0-9]+/g, '_')
        out.push({
          file: parsed.file,
          line: pos.line,
          column: pos.column,
          pointer,
          message: `server '${name}' ${field}.${key} holds what looks like a secret, written as a literal: it would be copied into every tool's config; write a reference instead (${field === 'headers' && /^Bearer\s/.test(value) ? `Bearer \${${variable}}` : `\${${variable}}`}) and set the variable${strict ? '' : ' (--strict refuses this)'}`,
          severity: strict ? 'error' : 'warning',
        })
      }
    }
  }
  return out
}

/** Whether a literal value under this key looks like a secret: a known token shape, or a long key under a secret name. */
export function looksSecret(key: string, value: string): boolean {
  if (TOKEN_SHAPES.some((re) => re.test(value))) return true
  return (
    SECRET_NAME.test(key) &&
    /^[A-Za-z0-9._~+/=-]{24,}$/.test(value) &&
    /\d/.test(value) &&
    /[A-Za-z]/.test(value)
  )
}

/** The first well-known token inside a longer text (an argument such as `--api-key=sk-…`), if any. */
export function tokenIn(text: string): string | undefined {
  for (const shape of TOKEN_SHAPES.slice(0, -1)) {
    const found = shape.exec(text)?.[0]
    if (found) return found
  }
  return undefined
}

// Secrets stay references. An adopted kit is committed and shared, so a literal that looks like a secret in a
// tool's MCP server (a token pasted into `env`, an `Authorization` header) never reaches it: the kit gets a `${NAME}`
// reference, and the finding says where the literal was, so the user can set the variable (and rotate the token).
// The tool's own file is not touched: adopt writes only the kit.
import { envRefs } from '../formats/env-refs.js'
import { looksSecret, tokenIn } from '../kit/literal-secrets.js'
import { whereIn } from './entry-files.js'
import type { KitMcpServer, SecretFinding } from './types.js'

/** Header names whose value is a credential whatever it looks like. */
const SECRET_HEADER =
  /^(authorization|proxy-authorization|cookie|(x-)?[a-z0-9-]*api[-_]?key|x-[a-z0-9-]*-token)$/i
/** Environment names that hold a credential whatever the value looks like (GITHUB_TOKEN, OPENAI_API_KEY). */
const SECRET_ENV = /(_|^)(TOKEN|KEY|SECRET|PASSWORD|PASSWD|PAT|CREDENTIALS?)$/i
/** A command-line flag whose value is a credential: `--api-key`, `--access-token`, `--password` (and `=value`). */
const SECRET_FLAG = /^(--?[a-z0-9-]*(?:token|api-?key|secret|password|passwd|credentials?))(?:=(.*))?$/i

/** The server with every literal secret replaced by a reference, and where each was found. */
export function referenceSecrets(
  name: string,
  server: KitMcpServer,
  doc: { file: string; text: string },
  tool: string,
): { server: KitMcpServer; secrets: SecretFinding[] } {
  const secrets: SecretFinding[] = []
  const out: KitMcpServer = { ...server }
  const base = variableName(name)
  const found = (what: string, literal: string, reference: string) =>
    secrets.push({ tool, where: whereIn(doc, literal), what: `mcp server ${name} ${what}`, reference })
  if (server.env) {
    out.env = {}
    for (const [key, value] of Object.entries(server.env)) {
      if (isLiteral(value) && (SECRET_ENV.test(key) || looksSecret(key, value))) {
        const reference = `\${${variableName(key)}}`
        found(`env ${key}`, value, reference)
        out.env[key] = reference
      } else out.env[key] = value
    }
  }
  if (server.headers) {
    out.headers = {}
    for (const [header, value] of Object.entries(server.headers)) {
      if (isLiteral(value) && (SECRET_HEADER.test(header) || looksSecret(header, value))) {
        const bearer = /^(Bearer|Token|Basic)\s+(\S+)$/i.exec(value)
        const variable = /authorization/i.test(header) ? `${base}_TOKEN` : `${base}_${variableName(header)}`
        const reference = bearer ? `${bearer[1]} \${${variable}}` : `\${${variable}}`
        found(`header ${header}`, bearer?.[2] ?? value, reference)
        out.headers[header] = reference
      } else out.headers[header] = value
    }
  }
  // A token in the command line or the URL (`--api-key=sk-…`, `?key=AIza…`): the token alone becomes a reference.
  const inText = (what: string, text: string): string => {
    const token = tokenIn(text)
    if (token === undefined) return text
    const reference = `\${${base}_TOKEN}`
    found(what, token, reference)
    return text.replace(token, reference)
  }
  if (server.args) {
    const args = server.args
    out.args = args.map((arg, i) => {
      // The value of a flag that names a credential (`--access-token sbp_…`, `--api-key=…`), whatever it looks like.
      const flag = SECRET_FLAG.exec(arg)
      const after = i > 0 && SECRET_FLAG.test(args[i - 1] ?? '') && !(args[i - 1] ?? '').includes('=')
      const literal = flag?.[2] ?? (after ? arg : undefined)
      if (literal === undefined || !isLiteral(literal)) return inText(`args[${i}]`, arg)
      const reference = `\${${base}_${variableName(flag?.[1] ?? args[i - 1] ?? 'token')}}`
      found(`args[${i}]`, literal, reference)
      return flag ? `${flag[1]}=${reference}` : reference
    })
  }
  if (server.url !== undefined) out.url = inText('url', server.url)
  return { server: out, secrets }
}

// --- internal ---

function isLiteral(value: string): boolean {
  return value !== '' && envRefs(value).length === 0
}

function variableName(text: string): string {
  return text
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
}

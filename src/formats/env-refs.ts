// Environment references in kit MCP servers. A kit writes them the one way (`${VAR}`, as Claude Code and Gemini CLI
// read them); each target says how its tool spells them, or that it expands none (Codex), in which case the values
// are split into what the tool can take instead (pass-through variables, headers read from the environment).
// outfit never resolves a reference: a secret's value is never written into a file.

const REF = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g
const ONLY_REF = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/
const BEARER_REF = /^Bearer \$\{([A-Za-z_][A-Za-z0-9_]*)\}$/

/** How a target's tool writes an environment reference: `{ prefix: '{env:', suffix: '}' }`, or 'none'. */
export type EnvRefSyntax = { prefix: string; suffix: string } | 'none'

/** Names of the variables a string references, in order, without repeats. */
export function envRefs(value: string): string[] {
  return [...new Set([...value.matchAll(REF)].map((m) => m[1] ?? ''))]
}

/** Rewrites every `${VAR}` into the tool's syntax. */
export function rewriteEnvRefs(value: string, syntax: { prefix: string; suffix: string }): string {
  return value.replace(REF, (_m, name: string) => `${syntax.prefix}${name}${syntax.suffix}`)
}

/** What a tool that expands nothing can still take from a server's env and headers, and what it cannot. */
export interface SplitRefs {
  /** env entries without references, kept as written. */
  env: Record<string, string>
  /** Variables passed through from the tool's own environment (`KEY: ${KEY}`). */
  envVars: string[]
  /** Headers without references. */
  headers: Record<string, string>
  /** Headers whose whole value is one variable: { header: VAR }. */
  envHeaders: Record<string, string>
  /** The variable of an `Authorization: Bearer ${VAR}` header. */
  bearerEnv?: string
  /** Entries the tool cannot express: `env.KEY` / `headers.Name` → why. */
  lost: { key: string; reason: string }[]
}

export function splitRefs(env: Record<string, string> = {}, headers: Record<string, string> = {}): SplitRefs {
  const out: SplitRefs = { env: {}, envVars: [], headers: {}, envHeaders: {}, lost: [] }
  for (const [key, value] of Object.entries(env)) {
    const only = ONLY_REF.exec(value)?.[1]
    if (envRefs(value).length === 0) out.env[key] = value
    else if (only === key) out.envVars.push(key)
    else
      out.lost.push({
        key: `env.${key}`,
        reason: `'${value}' needs ${only ? `the variable renamed (export ${key} instead of ${only})` : 'text around a variable'}, which this tool cannot expand`,
      })
  }
  for (const [name, value] of Object.entries(headers)) {
    const bearer = BEARER_REF.exec(value)?.[1]
    const only = ONLY_REF.exec(value)?.[1]
    if (envRefs(value).length === 0) out.headers[name] = value
    else if (bearer && name.toLowerCase() === 'authorization' && out.bearerEnv === undefined)
      out.bearerEnv = bearer
    else if (only) out.envHeaders[name] = only
    else
      out.lost.push({
        key: `headers.${name}`,
        reason: `'${value}' mixes text and variables, which this tool cannot expand`,
      })
  }
  return out
}

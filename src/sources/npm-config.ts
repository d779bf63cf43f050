// The user's npm configuration, so private registries and their tokens work as they do for `npm install`:
// the project's .npmrc, then the user's (~/.npmrc or $npm_config_userconfig), then npm_config_* variables.
// Only the settings that fetching needs are passed on to pacote.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parse } from 'ini'

/** npm setting → pacote / npm-registry-fetch option. Registries and credentials pass through under their own keys. */
const RENAMED: Record<string, string> = {
  'fetch-retries': 'fetchRetries',
  'fetch-retry-factor': 'fetchRetryFactor',
  'fetch-retry-mintimeout': 'fetchRetryMintimeout',
  'fetch-retry-maxtimeout': 'fetchRetryMaxtimeout',
  'fetch-timeout': 'timeout',
  'strict-ssl': 'strictSSL',
  'https-proxy': 'httpsProxy',
  proxy: 'proxy',
  noproxy: 'noProxy',
  ca: 'ca',
}
const NUMBERS = new Set([
  'fetchRetries',
  'fetchRetryFactor',
  'fetchRetryMintimeout',
  'fetchRetryMaxtimeout',
  'timeout',
])

export async function npmOptions(
  env: Record<string, string | undefined>,
  home: string,
  project: string,
): Promise<Record<string, unknown>> {
  const user = env.npm_config_userconfig ?? env.NPM_CONFIG_USERCONFIG ?? join(home, '.npmrc')
  const merged: Record<string, string> = {}
  // Later files win: user config, then the project's (as npm does), then the environment.
  for (const file of [user, join(project, '.npmrc')]) Object.assign(merged, await readNpmrc(file, env))
  for (const [key, value] of Object.entries(env)) {
    const match = /^npm_config_(.+)$/i.exec(key)
    if (match && value !== undefined && key.toLowerCase() !== 'npm_config_userconfig')
      merged[(match[1] as string).toLowerCase().replace(/_/g, '-')] = value
  }
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(merged)) {
    if (key === 'registry' || key.endsWith(':registry') || key.startsWith('//')) out[key] = value
    else if (RENAMED[key]) {
      const option = RENAMED[key] as string
      out[option] = NUMBERS.has(option) ? Number(value) : key === 'strict-ssl' ? value !== 'false' : value
    }
  }
  return out
}

// --- internal ---

async function readNpmrc(
  file: string,
  env: Record<string, string | undefined>,
): Promise<Record<string, string>> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch {
    return {}
  }
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(parse(text))) {
    // npm expands ${VAR} in values (tokens are usually kept out of the file this way).
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      out[key] = String(value).replace(/\$\{([^}]+)\}/g, (_, name: string) => env[name] ?? '')
  }
  return out
}

// Talks to an MCP registry over its frozen v0.1 API (modelcontextprotocol/registry docs/reference/api/
// generic-registry-api.md): the versions of a server, one version's server.json, and search. Any registry that speaks
// it works the same — the official one or a company's own (config `mcpRegistry:`, flag `--mcp-registry`).
// Responses are untrusted: bounded in size, checked in shape, and a server whose name differs from the one asked for
// is refused.
import { SourceError } from '../errors.js'
import type { ServerJson } from './server-json.js'

export const DEFAULT_REGISTRY = 'https://registry.modelcontextprotocol.io'

/** A registry's answer is small JSON; anything larger is refused rather than buffered. */
const MAX_RESPONSE = 8 * 1024 * 1024
const TIMEOUT_MS = 30_000

export interface RegistryVersion {
  server: ServerJson
  status?: string
  publishedAt?: string
  isLatest?: boolean
}

export interface RegistryClient {
  versions(name: string): Promise<RegistryVersion[]>
  version(name: string, version: string): Promise<RegistryVersion>
  search(words: string, limit?: number): Promise<RegistryVersion[]>
}

export function registryClient(base = DEFAULT_REGISTRY, fetchImpl: typeof fetch = fetch): RegistryClient {
  const root = base.replace(/\/+$/, '')
  const get = async (path: string, what: string): Promise<unknown> => {
    const url = `${root}${path}`
    let response: Response
    try {
      response = await fetchImpl(url, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      })
    } catch (error) {
      throw new SourceError(`could not reach the MCP registry at ${root}: ${(error as Error).message}`, {
        hint: 'check the network, or name another registry with mcpRegistry: in outfit.config.yaml or --mcp-registry',
      })
    }
    if (response.status === 404) throw new SourceError(`the MCP registry at ${root} has no ${what}`)
    if (!response.ok)
      throw new SourceError(`the MCP registry at ${root} answered ${response.status} for ${what}`)
    const length = Number(response.headers.get('content-length') ?? 0)
    if (length > MAX_RESPONSE) throw new SourceError(`the MCP registry's answer for ${what} is too large`)
    const text = await response.text()
    if (text.length > MAX_RESPONSE)
      throw new SourceError(`the MCP registry's answer for ${what} is too large`)
    try {
      return JSON.parse(text) as unknown
    } catch {
      throw new SourceError(`the MCP registry at ${root} answered ${what} with something that is not JSON`)
    }
  }
  return {
    async versions(name) {
      const body = await get(`/v0.1/servers/${encodeURIComponent(name)}/versions`, `server '${name}'`)
      return listOf(body, `server '${name}'`).map((entry) => checked(entry, name))
    },
    async version(name, version) {
      const body = await get(
        `/v0.1/servers/${encodeURIComponent(name)}/versions/${encodeURIComponent(version)}`,
        `version ${version} of server '${name}'`,
      )
      return checked(body, name)
    },
    async search(words, limit = 30) {
      const query = new URLSearchParams({ search: words, limit: String(limit), version: 'latest' })
      const body = await get(`/v0.1/servers?${query}`, `servers matching '${words}'`)
      return listOf(body, `servers matching '${words}'`).map((entry) => checked(entry))
    },
  }
}

// --- internal ---

function listOf(body: unknown, what: string): unknown[] {
  const servers = (body as { servers?: unknown } | null)?.servers
  if (!Array.isArray(servers))
    throw new SourceError(`the MCP registry answered ${what} without a server list`)
  return servers
}

/** One `{ server, _meta }` entry, with the registry's own metadata (status, publishedAt, isLatest) lifted out. */
function checked(entry: unknown, name?: string): RegistryVersion {
  const { server, _meta } = (entry ?? {}) as { server?: Partial<ServerJson>; _meta?: Record<string, unknown> }
  if (!server || typeof server.name !== 'string' || typeof server.version !== 'string')
    throw new SourceError(`the MCP registry answered with a server entry that has no name or version`)
  if (name !== undefined && server.name !== name)
    throw new SourceError(`the MCP registry answered '${server.name}' when asked for '${name}'`)
  if (server.packages !== undefined && !Array.isArray(server.packages))
    throw new SourceError(
      `the MCP registry's entry for ${server.name}@${server.version} has malformed packages`,
    )
  if (server.remotes !== undefined && !Array.isArray(server.remotes))
    throw new SourceError(
      `the MCP registry's entry for ${server.name}@${server.version} has malformed remotes`,
    )
  const official = (_meta?.['io.modelcontextprotocol.registry/official'] ?? {}) as {
    status?: unknown
    publishedAt?: unknown
    isLatest?: unknown
  }
  return {
    server: server as ServerJson,
    ...(typeof official.status === 'string' ? { status: official.status } : {}),
    ...(typeof official.publishedAt === 'string' ? { publishedAt: official.publishedAt } : {}),
    ...(typeof official.isLatest === 'boolean' ? { isLatest: official.isLatest } : {}),
  }
}

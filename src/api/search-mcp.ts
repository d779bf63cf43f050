// `search-mcp`: servers in an MCP registry matching some words, with the mcp.yaml line that installs each.
import type { SearchMcpDocument } from '../generated/output.js'
import { DEFAULT_REGISTRY, registryClient } from '../registry/registry-client.js'
import type { Fs } from '../fs/fs.js'
import { readConfig } from './workspace.js'

export interface SearchMcpRequest {
  fs: Fs
  words: string
  /** --mcp-registry; else the config's mcpRegistry, else the official registry. */
  registry?: string
  /** Where to look for outfit.config.yaml (its mcpRegistry:). */
  cwd: string
  config?: string
  limit?: number
  fetch?: typeof fetch
}

export async function searchMcp(request: SearchMcpRequest): Promise<SearchMcpDocument> {
  const config = request.registry ? undefined : await readConfig(request, request.config)
  const registry = request.registry ?? config?.mcpRegistry ?? DEFAULT_REGISTRY
  const hits = await registryClient(registry, request.fetch).search(request.words, request.limit)
  return {
    command: 'search-mcp',
    registry,
    servers: hits.map(({ server }) => ({
      name: server.name,
      version: server.version,
      ...(server.description ? { description: server.description } : {}),
      runs: [
        ...(server.packages ?? []).map((p) => p.registryType),
        ...(server.remotes?.length ? ['remote'] : []),
      ],
      use: `registry: ${server.name}@^${server.version}`,
    })),
  }
}

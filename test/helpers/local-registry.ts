// A local MCP registry for tests: a node:http server on 127.0.0.1 speaking the v0.1 API (versions, one version,
// search) over recorded server.json documents (test/fixtures/registry). Traffic never leaves the machine.
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { ServerJson } from '../../src/registry/server-json.js'
import { repoRoot } from '../integration/sandbox.js'

export interface LocalRegistry {
  url: string
  /** Every request path, in order. */
  requests: string[]
  /** Publishes a version (status: active, deprecated or deleted). */
  publish(doc: ServerJson, status?: string): void
  close(): Promise<void>
}

export const registryFixture = async (name: string): Promise<ServerJson> =>
  JSON.parse(await readFile(join(repoRoot, 'test/fixtures/registry', `${name}.json`), 'utf8')) as ServerJson

/** The same server.json at another version (its versioned packages at that version too). */
export function atVersion(doc: ServerJson, version: string): ServerJson {
  return { ...doc, version, packages: doc.packages?.map((p) => (p.version ? { ...p, version } : p)) }
}

export async function startRegistry(): Promise<LocalRegistry> {
  const published = new Map<string, [ServerJson, string][]>()
  const requests: string[] = []
  const entry = (doc: ServerJson, status: string) => ({
    server: doc,
    _meta: { 'io.modelcontextprotocol.registry/official': { status, publishedAt: '2026-11-01T00:00:00Z' } },
  })
  const server = createServer((req, res) => {
    requests.push(req.url ?? '')
    const url = new URL(req.url ?? '/', 'http://registry')
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(body))
    }
    if (url.pathname === '/v0.1/servers') {
      const words = url.searchParams.get('search') ?? ''
      const hits = [...published.values()]
        .map((versions) => versions[versions.length - 1] as [ServerJson, string])
        .filter(([doc]) => doc.name.includes(words) || (doc.description ?? '').includes(words))
      return send(200, {
        servers: hits.map(([doc, status]) => entry(doc, status)),
        metadata: { count: hits.length },
      })
    }
    const m = /^\/v0\.1\/servers\/([^/]+)\/versions(?:\/([^/]+))?$/.exec(url.pathname)
    const versions = m ? published.get(decodeURIComponent(m[1] ?? '')) : undefined
    if (!m || !versions) return send(404, { title: 'Not Found' })
    if (!m[2]) return send(200, { servers: versions.map(([doc, status]) => entry(doc, status)) })
    const one = versions.find(([doc]) => doc.version === decodeURIComponent(m[2] ?? ''))
    return one ? send(200, entry(...one)) : send(404, { title: 'Not Found' })
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    publish(doc, status = 'active') {
      published.set(doc.name, [...(published.get(doc.name) ?? []), [doc, status]])
    },
    close: () => new Promise<void>((done) => server.close(() => done())),
  }
}

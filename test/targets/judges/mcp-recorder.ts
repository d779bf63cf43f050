// A tiny MCP server for the judge tests: streamable HTTP on 127.0.0.1 (just enough of the protocol for a client to
// connect and list tools) that records the headers of every call (POST) to its endpoint, so a test can see what a
// real tool sends.
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Recorder {
  url: string
  requests: IncomingHttpHeaders[]
  close(): Promise<void>
}

export async function startRecorder(): Promise<Recorder> {
  const requests: IncomingHttpHeaders[] = []
  const server = createServer((req, res) => {
    // What is recorded is what the server answers: the JSON-RPC POSTs to its endpoint. A client's probes around it
    // are refused and not recorded: the GET for a server-sent stream (405), which Factory Droid repeats without its
    // headers after the first is refused, and OAuth discovery under /.well-known (404).
    if (req.method !== 'POST' || !req.url?.startsWith('/mcp'))
      return void res.writeHead(req.url?.startsWith('/mcp') ? 405 : 404).end()
    requests.push(req.headers)
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString()))
    req.on('end', () => {
      const message = JSON.parse(body || '{}') as { id?: number; method?: string }
      if (message.id === undefined) return void res.writeHead(202).end()
      const result =
        message.method === 'initialize'
          ? {
              protocolVersion: '2025-03-26',
              capabilities: { tools: {} },
              serverInfo: { name: 'recorder', version: '1.0.0' },
            }
          : message.method === 'tools/list'
            ? {
                tools: [
                  {
                    name: 'ping',
                    description: 'Answers pong',
                    inputSchema: { type: 'object', properties: {} },
                  },
                ],
              }
            : {}
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ jsonrpc: '2.0', id: message.id, result }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

// A tiny MCP server for the judge tests: streamable HTTP on 127.0.0.1 (just enough of the protocol for a client to
// connect and list tools) that records the headers of every request, so a test can see what a real tool sends.
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
    requests.push(req.headers)
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString()))
    req.on('end', () => {
      if (req.method !== 'POST') return void res.writeHead(405).end()
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

// A stdio MCP server for the judge tests: writes the environment variables it was started with (those named in
// RECORD_VARS) to RECORD_FILE, then answers initialize and tools/list like any server.
import { writeFileSync } from 'node:fs'
import { createInterface } from 'node:readline'

const names = (process.env.RECORD_VARS ?? '').split(',')
writeFileSync(
  process.env.RECORD_FILE ?? 'record.json',
  JSON.stringify(Object.fromEntries(names.map((n) => [n, process.env[n] ?? null]))),
)
const reply = (id, result) => process.stdout.write(`${JSON.stringify({ jsonrpc: '2.0', id, result })}\n`)
createInterface({ input: process.stdin }).on('line', (line) => {
  const message = JSON.parse(line)
  if (message.id === undefined) return
  if (message.method === 'initialize')
    reply(message.id, {
      protocolVersion: message.params?.protocolVersion ?? '2025-03-26',
      capabilities: { tools: {} },
      serverInfo: { name: 'stdio-recorder', version: '1.0.0' },
    })
  else if (message.method === 'tools/list') reply(message.id, { tools: [] })
  else reply(message.id, {})
})

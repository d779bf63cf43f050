// A stand-in model API for the judge sessions: HTTP on 127.0.0.1 that answers the three wire formats the agent CLIs
// speak (OpenAI chat completions, OpenAI responses, Anthropic messages; streamed or not) with one short text reply
// and no tool call, so a one-prompt session ends after one turn. It records every request (method, path, headers,
// body), so a test can see exactly what a tool sends the model: its system prompt, the skills and agents it offers,
// the user's prompt after a slash command was expanded. `next()` waits for a recorded request, never a fixed time.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ModelRequest {
  method: string
  path: string
  headers: IncomingHttpHeaders
  body: string
}

export interface ModelApi {
  /** The server's origin, e.g. http://127.0.0.1:41234 (tools append /v1/... themselves, or take it with /v1). */
  origin: string
  requests: ModelRequest[]
  /** The first recorded request (from now on, or already recorded) that asks for a completion. */
  completion(): Promise<ModelRequest>
  /** Forget what was recorded (between sessions). */
  reset(): void
  close(): Promise<void>
}

/** The text every reply carries. */
export const REPLY = 'stand-in reply: done.'
export const MODEL = 'stand-in-model'

const isCompletion = (r: ModelRequest): boolean =>
  r.method === 'POST' &&
  /\/(chat\/completions|responses|messages|chat-stream)$/.test(r.path.split('?')[0] ?? '')

export async function startModelApi(): Promise<ModelApi> {
  const requests: ModelRequest[] = []
  let waiters: ((r: ModelRequest) => void)[] = []
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString()))
    req.on('end', () => {
      const recorded = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body }
      requests.push(recorded)
      if (isCompletion(recorded)) {
        const ready = waiters
        waiters = []
        for (const resolve of ready) resolve(recorded)
      }
      answer(recorded, res)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    completion: () => {
      const seen = requests.find(isCompletion)
      return seen ? Promise.resolve(seen) : new Promise((resolve) => waiters.push(resolve))
    },
    reset: () => void (requests.length = 0),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

// --- internal ---

type Res = ServerResponse

function answer(r: ModelRequest, res: Res): void {
  const path = r.path.split('?')[0] ?? ''
  if (r.method === 'GET' && path.endsWith('/models'))
    return json(res, {
      object: 'list',
      data: [{ id: MODEL, object: 'model', created: 0, owned_by: 'stand-in' }],
      models: [{ name: MODEL, model: MODEL }],
    })
  // Augment's backend (Auggie takes it from AUGMENT_SESSION_AUTH's tenantURL): the model list, then chat-stream.
  if (path === '/get-models')
    return json(res, {
      default_model: MODEL,
      models: [{ name: MODEL, suggested_prefix_char_count: 0, suggested_suffix_char_count: 0 }],
      languages: [],
      // Auggie offers subagents (its sub-agent tool) only where the backend enables them.
      feature_flags: { beachhead_enable_sub_agent_tool: true },
    })
  if (path === '/mcp-secrets/get') return void res.writeHead(404).end()
  if (path === '/chat-stream')
    return void res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(`${JSON.stringify({ text: REPLY })}\n`)
  if (!isCompletion(r)) return json(res, {})
  const stream = (parse(r.body) as { stream?: unknown } | undefined)?.stream === true
  if (path.endsWith('/chat/completions')) return stream ? chatStream(res) : json(res, chat())
  if (path.endsWith('/responses')) return stream ? responsesStream(res) : json(res, responses())
  return stream ? messagesStream(res) : json(res, messages())
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

function json(res: Res, value: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(value))
}

function sse(res: Res, events: { event?: string; data: unknown }[], done = false): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
  for (const e of events)
    res.write(`${e.event ? `event: ${e.event}\n` : ''}data: ${JSON.stringify(e.data)}\n\n`)
  if (done) res.write('data: [DONE]\n\n')
  res.end()
}

const usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 }

function chat(): unknown {
  return {
    id: 'chatcmpl-standin',
    object: 'chat.completion',
    created: 0,
    model: MODEL,
    choices: [{ index: 0, message: { role: 'assistant', content: REPLY }, finish_reason: 'stop' }],
    usage,
  }
}

function chatStream(res: Res): void {
  const chunk = (delta: object, finish: string | null) => ({
    data: {
      id: 'chatcmpl-standin',
      object: 'chat.completion.chunk',
      created: 0,
      model: MODEL,
      choices: [{ index: 0, delta, finish_reason: finish }],
    },
  })
  sse(
    res,
    [
      chunk({ role: 'assistant', content: '' }, null),
      chunk({ content: REPLY }, null),
      chunk({}, 'stop'),
      {
        data: {
          id: 'chatcmpl-standin',
          object: 'chat.completion.chunk',
          created: 0,
          model: MODEL,
          choices: [],
          usage,
        },
      },
    ],
    true,
  )
}

function responseObject(status: string, output: unknown[]): object {
  return {
    id: 'resp_standin',
    object: 'response',
    created_at: 0,
    status,
    model: MODEL,
    output,
    usage: { input_tokens: 10, output_tokens: 5, total_tokens: 15 },
  }
}

const message = {
  id: 'msg_standin',
  type: 'message',
  role: 'assistant',
  status: 'completed',
  content: [{ type: 'output_text', text: REPLY, annotations: [] }],
}

function responses(): unknown {
  return responseObject('completed', [message])
}

function responsesStream(res: Res): void {
  const event = (type: string, rest: object) => ({ event: type, data: { type, ...rest } })
  sse(res, [
    event('response.created', { response: responseObject('in_progress', []) }),
    event('response.output_item.added', {
      output_index: 0,
      item: { ...message, status: 'in_progress', content: [] },
    }),
    event('response.content_part.added', {
      item_id: message.id,
      output_index: 0,
      content_index: 0,
      part: { type: 'output_text', text: '', annotations: [] },
    }),
    event('response.output_text.delta', {
      item_id: message.id,
      output_index: 0,
      content_index: 0,
      delta: REPLY,
    }),
    event('response.output_text.done', {
      item_id: message.id,
      output_index: 0,
      content_index: 0,
      text: REPLY,
    }),
    event('response.content_part.done', {
      item_id: message.id,
      output_index: 0,
      content_index: 0,
      part: message.content[0],
    }),
    event('response.output_item.done', { output_index: 0, item: message }),
    event('response.completed', { response: responses() }),
  ])
}

function messages(): unknown {
  return {
    id: 'msg_standin',
    type: 'message',
    role: 'assistant',
    model: MODEL,
    content: [{ type: 'text', text: REPLY }],
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: 10, output_tokens: 5 },
  }
}

function messagesStream(res: Res): void {
  const event = (type: string, rest: object) => ({ event: type, data: { type, ...rest } })
  sse(res, [
    event('message_start', {
      message: {
        ...(messages() as object),
        content: [],
        stop_reason: null,
        usage: { input_tokens: 10, output_tokens: 0 },
      },
    }),
    event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
    event('content_block_delta', { index: 0, delta: { type: 'text_delta', text: REPLY } }),
    event('content_block_stop', { index: 0 }),
    event('message_delta', {
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { output_tokens: 5 },
    }),
    event('message_stop', {}),
  ])
}

/**
 * Every string in a request's JSON body, one per line: what the model is shown (system prompt, messages, tool names
 * and descriptions), decoded, so a test counts occurrences of a kit's text however the tool escaped it.
 */
export function textOf(request: ModelRequest): string {
  const out: string[] = []
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      // Some tools send a JSON document inside a string (a tool's parameters schema, a nested message).
      const nested = /^\s*[[{]/.test(value) ? parse(value) : undefined
      if (nested === undefined) out.push(value)
      else walk(nested)
    } else if (Array.isArray(value)) value.forEach(walk)
    else if (value && typeof value === 'object') Object.values(value).forEach(walk)
  }
  const body = parse(request.body)
  if (body === undefined) out.push(request.body)
  else walk(body)
  return out.join('\n')
}

/** How often `needle` occurs in `text`. */
export function occurrences(text: string, needle: string): number {
  return text.split(needle).length - 1
}

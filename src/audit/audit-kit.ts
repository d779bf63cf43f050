// The content audit of one kit: every file's text for hidden characters (kit.yaml, mcp.yaml, hooks.yaml and README.md
// included, binary files such as images skipped), and every hook command and MCP server command line for code
// fetched from the network and run. Findings are data, sorted by file and position; nothing is printed or refused
// here (api/audit.ts and the trust step decide what findings mean).
import { join } from 'node:path'
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml'
import { checkedText, kitFileHash, learnHash } from '../actions/kit-file.js'
import { hashBytes } from '../fs/files.js'
import type { Fs } from '../fs/fs.js'
import type { CheckMemo } from '../kit/check-memo.js'
import { MAX_KIT_FILE_BYTES, readBounded } from '../fs/read-bounded.js'
import type { Kit } from '../types.js'
import { positions } from './position.js'
import { commandFindings, type CommandFinding } from './remote-code.js'
import { RULES, type Finding } from './rules.js'
import { scanText } from './scan-text.js'

/** The kit files install reads beside `kit.files` (which leaves these out). */
const KIT_FILES = ['kit.yaml', 'mcp.yaml', 'hooks.yaml', 'README.md']

export async function auditKit(fs: Fs, kit: Kit, memo?: CheckMemo): Promise<Finding[]> {
  const out: Finding[] = []
  const present = await Promise.all(
    KIT_FILES.map(async (f) => ((await isFile(fs, join(kit.dir, f))) ? [f] : [])),
  )
  for (const file of [...present.flat(), ...kit.files]) {
    const path = join(kit.dir, file)
    // A file that was clean with exactly this stat is clean now (see src/kit/check-memo.ts): not read again.
    const stamp = memo ? await memo.stampOf(path) : undefined
    const vouched = stamp === undefined ? undefined : memo?.vouches(path, stamp, 'audit')
    if (vouched !== undefined) {
      learnHash(kit, path, vouched)
      continue
    }
    const { text, sha256 } = await contentOf(fs, kit, path, stamp !== undefined)
    const found = text === undefined ? [] : findingsIn(file, text)
    out.push(...found)
    if (found.length === 0 && stamp !== undefined && sha256 !== undefined)
      memo?.remember(path, stamp, sha256, 'audit')
  }
  return out.sort(
    (a, b) => compare(a.file, b.file) || a.line - b.line || a.column - b.column || compare(a.rule, b.rule),
  )
}

// --- internal ---

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

function findingsIn(file: string, text: string): Finding[] {
  return [
    ...scanText(file, text),
    ...(file === 'hooks.yaml' ? hookFindings(file, text) : []),
    ...(file === 'mcp.yaml' ? serverFindings(file, text) : []),
  ]
}

async function isFile(fs: Fs, file: string): Promise<boolean> {
  return fs.lstat(file).then(
    (st) => st.isFile(),
    () => false,
  )
}

/**
 * The file's text (undefined when it is not text: not UTF-8, or a NUL byte in it: an image, an archive), as the kit
 * check read it or read now; and the SHA-256 of its bytes when `hash` (for the memo).
 */
async function contentOf(
  fs: Fs,
  kit: Kit,
  file: string,
  hash: boolean,
): Promise<{ text?: string; sha256?: string }> {
  const seen = checkedText(kit, file)
  if (seen) {
    const text = seen.text.includes('\0') ? undefined : seen.bom ? `\uFEFF${seen.text}` : seen.text
    return {
      ...(text !== undefined ? { text } : {}),
      ...(hash ? { sha256: await kitFileHash(fs, kit, file) } : {}),
    }
  }
  const bytes = await readBounded(fs, file, MAX_KIT_FILE_BYTES)
  const text = textOf(bytes)
  return { ...(text !== undefined ? { text } : {}), ...(hash ? { sha256: hashBytes(bytes) } : {}) }
}

function textOf(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0)) return undefined
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
  } catch {
    return undefined
  }
}

/** Each hook's shell command, at the position of what it fetches and runs. */
function hookFindings(file: string, text: string): Finding[] {
  const doc = parseDocument(text)
  const hooks = doc.get('hooks', true)
  if (!isSeq(hooks)) return []
  const at = positions(text)
  return hooks.items.flatMap((hook) => {
    const node = isMap(hook) ? hook.get('command', true) : undefined
    if (!isScalar(node) || typeof node.value !== 'string') return []
    const command = node.value
    return commandFindings(command).map((f) =>
      fromCommand(file, f, at(offsetIn(text, node, command.slice(f.start, f.end)))),
    )
  })
}

/** Each local MCP server's command line (command and args as one text), at the argument that fetches. */
function serverFindings(file: string, text: string): Finding[] {
  const doc = parseDocument(text)
  const servers = doc.get('servers', true)
  if (!isMap(servers)) return []
  const at = positions(text)
  return servers.items.flatMap((pair) => {
    const server = pair.value
    if (!isMap(server)) return []
    const command = server.get('command', true)
    if (!isScalar(command) || typeof command.value !== 'string') return []
    const args = server.get('args', true)
    const nodes: Node[] = [command, ...(isSeq(args) ? args.items.filter(isScalar) : [])]
    const words = nodes.map((n) => (isScalar(n) ? String(n.value) : ''))
    const line = words.join(' ')
    const starts = words.map((_, i) => words.slice(0, i).join(' ').length + (i > 0 ? 1 : 0))
    return commandFindings(line).map((f) => {
      let k = starts.length - 1
      while (k > 0 && (starts[k] ?? 0) > f.start) k--
      const from = f.start - (starts[k] ?? 0)
      const word = words[k] ?? ''
      const node = nodes[k] ?? command
      return fromCommand(file, f, at(offsetIn(text, node, word.slice(from, f.end - (starts[k] ?? 0)))))
    })
  })
}

/** Where `part` of a scalar's value stands in the file: found in its source as written, else the scalar's start. */
function offsetIn(text: string, node: Node, part: string): number {
  const [start = 0, end = start] = node.range ?? []
  const index = part === '' ? -1 : text.slice(start, end).indexOf(part)
  return index >= 0 ? start + index : start
}

function fromCommand(file: string, f: CommandFinding, pos: { line: number; column: number }): Finding {
  return {
    rule: f.rule,
    file,
    line: pos.line,
    column: pos.column,
    codePoints: [],
    message: `${f.what}: ${RULES[f.rule].why}`,
  }
}

// `outfit validate <file>`: recognise what a file is (target, kit.yaml, mcp.yaml, hooks.yaml, outfit.config.yaml, or
// a whole kit folder) and check it with that kind's schema and rules, never with another kind's.
import { basename, dirname, join } from 'node:path'
import { CONFIG_FILE, loadConfig } from '../config/load-config.js'
import { exists, type Fs } from '../fs/fs.js'
import { checkKitFile } from '../kit/check-kit-files.js'
import { checkSkillFile } from '../kit/check-skills.js'
import { checkServers, loadKit } from '../kit/load-kit.js'
import { loadTarget } from '../load/load-target.js'
import { readValidated } from '../load/read-validated.js'
import type { Diagnostic } from '../types.js'

export type FileKind = 'target' | 'kit' | 'kit-folder' | 'mcp' | 'hooks' | 'config' | 'markdown'

export async function validateFile(
  fs: Fs,
  file: string,
): Promise<{ kind: FileKind; diagnostics: Diagnostic[] }> {
  const kind = await recognise(fs, file)
  return { kind, diagnostics: await check(fs, file, kind) }
}

/**
 * What a file is: a kit folder; else the schema its `$schema` line names; else its name (kit.yaml, mcp.yaml,
 * hooks.yaml, outfit.config.yaml); else its top-level keys; else a target (the file most people validate).
 */
export async function recognise(fs: Fs, file: string): Promise<FileKind> {
  const st = await fs.stat(file).catch(() => undefined)
  if (st?.isDirectory()) return 'kit-folder'
  // A kit's Markdown (a rule, a command, an agent, a SKILL.md) is checked as install reads it, not as YAML.
  if (/\.(md|mdc|markdown)$/i.test(file)) return 'markdown'
  const head = st?.isFile() && Number(st.size) < 1024 * 1024 ? await readHead(fs, file) : ''
  const named = /\$schema=\S*?\b(target|kit|mcp|hooks|config)\.schema\.json/.exec(head)?.[1]
  if (named) return named as FileKind
  const byName = BY_NAME[basename(file).replace(/\.yml$/, '.yaml')]
  if (byName) return byName
  const keys = new Set([...head.matchAll(/^([A-Za-z_][\w-]*):/gm)].map((m) => m[1]))
  if (keys.has('steps') || keys.has('scopes')) return 'target'
  if (keys.has('servers')) return 'mcp'
  if (keys.has('hooks')) return 'hooks'
  if (keys.has('tools') || keys.has('targets') || keys.has('kit')) return 'config'
  if (keys.has('version') && !keys.has('id')) return 'kit'
  return 'target'
}

// --- internal ---

const BY_NAME: Record<string, FileKind> = {
  'kit.yaml': 'kit',
  'mcp.yaml': 'mcp',
  'hooks.yaml': 'hooks',
  [CONFIG_FILE]: 'config',
}

async function check(fs: Fs, file: string, kind: FileKind): Promise<Diagnostic[]> {
  switch (kind) {
    case 'target': {
      const result = await loadTarget(fs, file)
      return result.ok ? result.warnings : result.diagnostics
    }
    case 'kit-folder': {
      if (!(await exists(fs, join(file, 'kit.yaml')))) {
        return [
          {
            file,
            line: 1,
            column: 1,
            pointer: '',
            message: 'is a folder without kit.yaml; pass a kit folder or a YAML file',
            severity: 'error',
          },
        ]
      }
      const result = await loadKit(fs, file, { checkContent: true })
      return result.ok ? result.warnings : result.diagnostics
    }
    case 'markdown': {
      const found = await checkKitFile(fs, file, true)
      if (found.length > 0 || basename(file) !== 'SKILL.md') return found
      return checkSkillFile(fs, file, basename(dirname(file)))
    }
    case 'config': {
      const result = await loadConfig(fs, file)
      return result.ok ? result.warnings : result.diagnostics
    }
    case 'kit':
      return (await readValidated(fs, file, 'kit.schema.json')).diagnostics
    case 'hooks':
      return (await readValidated(fs, file, 'hooks.schema.json')).diagnostics
    case 'mcp': {
      const result = await readValidated(fs, file, 'mcp.schema.json')
      return result.parsed && result.diagnostics.length === 0
        ? checkServers(result.parsed)
        : result.diagnostics
    }
  }
}

/** The first 64 KiB as text, enough to see a `$schema` line and the top-level keys. */
async function readHead(fs: Fs, file: string): Promise<string> {
  try {
    const handle = await fs.open(file, 'r')
    try {
      const buffer = new Uint8Array(64 * 1024)
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
      return new TextDecoder().decode(buffer.subarray(0, bytesRead))
    } finally {
      await handle.close()
    }
  } catch {
    return ''
  }
}

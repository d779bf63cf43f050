// A draft written as a kit folder that loadKit reads like any other: its files, and kit.yaml, mcp.yaml and
// hooks.yaml made from the plugin's identity, servers and hooks (unless the draft holds the kit's own, as an
// outfit-made Agent Plugin does). A file already there with the same bytes and mode is left alone, so a re-install
// finds the kit as it was (the check memo and the fast path see nothing new); files the plugin no longer has go.
import { dirname, join } from 'node:path'
import { stringify } from 'yaml'
import type { Fs } from '../fs/fs.js'
import { formatName } from './declarations.js'
import type { KitDraft, KitFile } from './draft.js'
import { listFiles, readBytes } from './plugin-files.js'

export async function writeKit(fs: Fs, dir: string, draft: KitDraft): Promise<void> {
  const files = new Map(draft.files)
  if (!files.has('kit.yaml')) {
    const header = `# ${draft.name} (${formatName(draft.format)}), read as a kit by outfit; written again on every install.\n`
    const kit = {
      name: draft.name,
      version: draft.version,
      ...(draft.description ? { description: draft.description } : {}),
    }
    files.set('kit.yaml', text(header + stringify(kit, { lineWidth: 0 })))
    if (Object.keys(draft.servers).length > 0)
      files.set('mcp.yaml', text(stringify({ servers: draft.servers }, { lineWidth: 0 })))
    if (draft.hooks.length > 0)
      files.set('hooks.yaml', text(stringify({ hooks: draft.hooks }, { lineWidth: 0 })))
  }
  await fs.mkdir(dir, { recursive: true })
  for (const stale of await listFiles(fs, dir, dir, []))
    if (!files.has(stale)) await fs.unlink(join(dir, stale))
  for (const [path, file] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    const full = join(dir, path)
    const current = await readBytes(fs, full).catch(() => undefined)
    const mode = file.mode ?? 0o644
    if (current === undefined || !Buffer.from(current).equals(Buffer.from(file.data))) {
      await fs.mkdir(dirname(full), { recursive: true })
      await fs.writeFile(full, file.data)
    }
    if ((Number((await fs.stat(full)).mode) & 0o777) !== mode) await fs.chmod(full, mode)
  }
}

// --- internal ---

function text(s: string): KitFile {
  return { data: new TextEncoder().encode(s) }
}

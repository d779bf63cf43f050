// The user's trust decisions: which sources may install which commands. One JSON file in the user's state folder,
// readable by the user alone (0600), shared by every repository on the machine.
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'

export interface TrustRecord {
  /** The commands that were shown and accepted; a kit that adds a command is asked about again. */
  commands: string[]
  trustedAt: string
}

export interface TrustStore {
  version: 1
  sources: Record<string, TrustRecord>
}

export function trustFile(stateDir: string): string {
  return join(stateDir, 'trust.json')
}

/** A missing or unreadable file trusts nothing (it is never a reason to fail). */
export async function readTrust(file: string): Promise<TrustStore> {
  try {
    const data = JSON.parse(await readFile(file, 'utf8')) as Partial<TrustStore>
    if (data.version === 1 && data.sources && typeof data.sources === 'object')
      return { version: 1, sources: data.sources }
  } catch {
    // fall through: nothing trusted yet
  }
  return { version: 1, sources: {} }
}

export async function recordTrust(
  file: string,
  decisions: { source: string; commands: string[] }[],
  now = new Date(),
): Promise<void> {
  const store = await readTrust(file)
  for (const d of decisions) {
    const before = store.sources[d.source]?.commands ?? []
    store.sources[d.source] = {
      commands: [...new Set([...before, ...d.commands])].sort(),
      trustedAt: now.toISOString(),
    }
  }
  await mkdir(dirname(file), { recursive: true, mode: 0o700 })
  const tmp = `${file}.${process.pid}.tmp`
  await writeFile(tmp, `${JSON.stringify(store, null, 2)}\n`, { mode: 0o600 })
  await chmod(tmp, 0o600)
  await rename(tmp, file)
}

// The folders of a system scope before its run: whether this process may change them, and the system's own folders
// above each tool's. A machine-wide folder (/etc/claude-code, C:\Program Files\ClaudeCode) belongs to the
// administrator: without the rights, the first write would fail half-way through a tool and be rolled back; refusing
// up front changes nothing at all and says what to do.
import { randomBytes } from 'node:crypto'
import { dirname, join } from 'node:path'
import { FileAccessError } from '../errors.js'
import { isNotFound, type Fs } from '../fs/fs.js'

const DENIED = new Set(['EACCES', 'EPERM', 'EROFS'])

/**
 * Each folder (or, where it does not exist yet, the nearest folder above it that does) must take a new file: a probe
 * created exclusively and removed at once. Mode bits alone cannot tell (ACLs, read-only mounts, root).
 */
export async function checkWritable(fs: Fs, dirs: string[]): Promise<void> {
  const probed = new Set<string>()
  for (const dir of dirs) {
    const existing = await nearestExisting(fs, dir)
    if (probed.has(existing)) continue
    probed.add(existing)
    const probe = join(existing, `.outfit-probe-${randomBytes(6).toString('hex')}`)
    try {
      await fs.writeFile(probe, '', { flag: 'wx' })
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? ''
      if (!DENIED.has(code)) throw error
      throw new FileAccessError(
        `cannot write the system scope: ${existing} is not writable by this user (${code})`,
        {
          hint: `machine-wide settings belong to the administrator: run outfit as root (sudo outfit install --scope system …; on Windows, from a terminal run as Administrator), or write into an image or test folder with --root <dir>. Nothing was changed`,
        },
      )
    }
    await fs.unlink(probe)
  }
}

/**
 * Makes the folders *above* each root (/etc, /Library/Application Support, /var/lib: on a real system they exist; in
 * an image being built under --root they may not). They are the system's, not the kit's, and stay on uninstall, as
 * they would on a real system. The root itself is left to the run, which records it and removes it again.
 */
export async function makeSystemFolders(fs: Fs, roots: string[]): Promise<void> {
  for (const root of roots) await fs.mkdir(dirname(root), { recursive: true })
}

// --- internal ---

async function nearestExisting(fs: Fs, dir: string): Promise<string> {
  for (let at = dir; ; at = dirname(at)) {
    try {
      await fs.stat(at)
      return at
    } catch (error) {
      if (!isNotFound(error) || dirname(at) === at) throw error
    }
  }
}

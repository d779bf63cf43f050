// Replacing a small record file (outfit.lock, trust.json) in a folder someone else may control: the new content goes
// to a randomly named temp file created exclusively (a link planted there fails the open instead of being written
// through), is synced, then renamed over the file (which replaces a link at `file` rather than writing into its target),
// and the folder is synced. A crash leaves the old file or the new one, never a mix; a power loss after this returns
// leaves the new one (docs/safety.md, "Durability").
import { randomBytes } from 'node:crypto'
import { basename, dirname, join } from 'node:path'
import { realFs, type Fs } from './fs.js'

export async function replaceFile(file: string, text: string, mode: number, fs: Fs = realFs): Promise<void> {
  const tmp = join(dirname(file), `.${basename(file)}.${randomBytes(8).toString('hex')}.tmp`)
  const handle = await fs.open(tmp, 'wx', mode)
  try {
    await handle.writeFile(text)
    await handle.sync()
  } catch (error) {
    await handle.close()
    await fs.unlink(tmp).catch(() => {})
    throw error
  }
  await handle.close()
  await fs.rename(tmp, file)
  await fs.syncDir(dirname(file))
}

// Replacing a small record file (outfit.lock, trust.json) in a folder someone else may control: the new content goes
// to a randomly named temp file created exclusively (a link planted there fails the open instead of being written
// through), is synced, then renamed over the file (which replaces a link at `file` rather than writing into its target).
// A crash leaves the old file or the new one, never a mix.
import { randomBytes } from 'node:crypto'
import { open, rename, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

export async function replaceFile(file: string, text: string, mode: number): Promise<void> {
  const tmp = join(dirname(file), `.${basename(file)}.${randomBytes(8).toString('hex')}.tmp`)
  const handle = await open(tmp, 'wx', mode)
  try {
    await handle.writeFile(text)
    await handle.sync()
  } catch (error) {
    await handle.close()
    await unlink(tmp).catch(() => {})
    throw error
  }
  await handle.close()
  await rename(tmp, file)
}

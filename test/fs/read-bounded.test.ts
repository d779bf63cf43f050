// Reading user-supplied files: only regular files, never more than the limit, whatever the size on disk says.
import { describe, expect, it } from 'vitest'
import type { Fs } from '../../src/fs/fs.js'
import { FileReadError, readBounded } from '../../src/fs/read-bounded.js'
import { createTestFs } from '../helpers/test-fs.js'

async function reason(fs: Fs, file: string, limit = 16): Promise<string> {
  const error = await readBounded(fs, file, limit).then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(FileReadError)
  return (error as FileReadError).reason
}

describe('readBounded', () => {
  it('reads a regular file up to and including the limit', async () => {
    const { fs } = createTestFs({ '/a': 'x'.repeat(16) })
    expect(new TextDecoder().decode(await readBounded(fs, '/a', 16))).toBe('x'.repeat(16))
  })

  it('refuses a file over the limit, a directory, a missing file and a symlink loop, each with a reason', async () => {
    const { fs, vol } = createTestFs({ '/big': 'x'.repeat(17), '/dir/.keep': '' })
    vol.symlinkSync('/loop', '/loop')
    expect(await reason(fs, '/big')).toBe('is over 16 bytes; files over 16 bytes are refused')
    expect(await reason(fs, '/dir')).toBe('is a directory, expected a file')
    expect(await reason(fs, '/missing')).toBe('file not found')
    expect(await reason(fs, '/loop')).toMatch(/^is a symlink loop/)
  })

  it('stops at the limit even when the size on disk says 0 (a file still growing, /proc)', async () => {
    const { fs } = createTestFs({ '/a': 'x'.repeat(100) })
    // A file system whose stat lies, like a device or /proc: the read itself must stop at limit + 1 bytes.
    const lying: Fs = {
      ...fs,
      open: (async (path: string, flags: number) => {
        const handle = await fs.open(path, flags)
        return Object.assign(handle, { stat: async () => Object.assign(await fs.stat(path), { size: 0 }) })
      }) as Fs['open'],
    }
    expect(await reason(lying, '/a')).toBe('is over 16 bytes; files over 16 bytes are refused')
  })

  it('returns bytes that do not hold on to a larger read buffer (a run keeps every kit file it read)', async () => {
    const { fs } = createTestFs({ '/small': 'x'.repeat(4000), '/empty': '' })
    const bytes = await readBounded(fs, '/small', 10 * 1024 * 1024)
    expect(bytes.byteLength).toBe(4000)
    expect(bytes.buffer.byteLength).toBeLessThanOrEqual(4001)
    expect((await readBounded(fs, '/empty', 16)).byteLength).toBe(0)
  })

  it('reads the whole file when it is larger than its size on disk says (and still stops at the limit)', async () => {
    const { fs } = createTestFs({ '/a': 'abcdefghij'.repeat(10_000) })
    const lying: Fs = {
      ...fs,
      open: (async (path: string, flags: number) => {
        const handle = await fs.open(path, flags)
        return Object.assign(handle, { stat: async () => Object.assign(await fs.stat(path), { size: 10 }) })
      }) as Fs['open'],
    }
    const bytes = await readBounded(lying, '/a', 1024 * 1024)
    expect(new TextDecoder().decode(bytes)).toBe('abcdefghij'.repeat(10_000))
    expect(bytes.buffer.byteLength).toBe(100_000)
  })
})

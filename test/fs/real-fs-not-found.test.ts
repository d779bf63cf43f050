// realFs answers "not there" from stat/lstat without a stack trace (src/fs/fs.ts statOrNotFound): the error must still
// be Node's in everything callers and messages read. Real disk: it is the real file system port under test.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { lstat, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { exists, isNotFound, realFs } from '../../src/fs/fs.js'

const dir = mkdtempSync(join(tmpdir(), 'outfit-realfs-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('realFs stat and lstat of a path that is not there', () => {
  for (const [name, ours, node] of [
    ['lstat', realFs.lstat, lstat],
    ['stat', realFs.stat, stat],
  ] as const) {
    it(`${name}: rejects with the error Node gives, but for its stack`, async () => {
      const missing = join(dir, 'nope', 'file.md')
      const expected = (await node(missing).catch((e: unknown) => e)) as NodeJS.ErrnoException
      const actual = (await ours(missing).catch((e: unknown) => e)) as NodeJS.ErrnoException
      expect(actual).toBeInstanceOf(Error)
      expect(isNotFound(actual)).toBe(true)
      expect({
        message: actual.message,
        code: actual.code,
        errno: actual.errno,
        syscall: actual.syscall,
        path: actual.path,
      }).toEqual({
        message: expected.message,
        code: expected.code,
        errno: expected.errno,
        syscall: expected.syscall,
        path: expected.path,
      })
    })
  }

  it('still answers for what is there, with bigint stats when asked', async () => {
    const file = join(dir, 'here.md')
    writeFileSync(file, 'x')
    expect((await realFs.lstat(file)).size).toBe(1)
    expect((await realFs.lstat(file, { bigint: true })).size).toBe(1n)
    expect(await exists(realFs, file)).toBe(true)
    expect(await exists(realFs, join(dir, 'gone.md'))).toBe(false)
  })

  it('does not turn other failures into "not there"', async () => {
    const file = join(dir, 'plain.md')
    writeFileSync(file, 'x')
    const error = (await realFs.lstat(join(file, 'below')).catch((e: unknown) => e)) as NodeJS.ErrnoException
    expect(error.code).toBe('ENOTDIR')
  })
})

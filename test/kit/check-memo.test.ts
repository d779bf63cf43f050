// The kit check's memo: a file that passed and still stats the same is not parsed again; any change to it (even one
// that keeps size and mtime) is checked again; a memo that is not sealed with this user's key is ignored.
import { readFile, stat, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Fs } from '../../src/fs/fs.js'
import { realFs } from '../../src/fs/fs.js'
import { checkKitFiles, type CheckedFiles } from '../../src/kit/check-kit-files.js'
import { hashBytes } from '../../src/fs/files.js'
import { seal } from '../../src/state/seal.js'
import { openCheckMemo } from '../../src/kit/check-memo.js'
import { useSandbox } from '../integration/sandbox.js'

const sb = useSandbox()

/** realFs that counts the kit files it reads. */
function counting(): { fs: Fs; reads: () => number } {
  let n = 0
  const count = (path: unknown) => {
    if (typeof path === 'string' && path.startsWith(sb.kit) && path.endsWith('.md')) n++
  }
  return {
    fs: {
      ...realFs,
      readFile: ((path: string, ...rest: unknown[]) => (
        count(path),
        (realFs.readFile as (...a: unknown[]) => unknown)(path, ...rest)
      )) as Fs['readFile'],
      open: ((path: string, ...rest: unknown[]) => (
        count(path),
        (realFs.open as (...a: unknown[]) => unknown)(path, ...rest)
      )) as Fs['open'],
    },
    reads: () => n,
  }
}

const files = ['agents/reviewer.md', 'rules/general.md']

describe('kit check memo', () => {
  it('vouches for unchanged files, re-checks a changed one even with the same size and mtime, and ignores a forged memo', async () => {
    const first = counting()
    const memo = await openCheckMemo(first.fs, sb.state)
    expect(await checkKitFiles(first.fs, sb.kit, files, memo)).toEqual([])
    expect(first.reads()).toBe(2)
    await memo?.save()

    const second = counting()
    const learnt: CheckedFiles = { read: new Map(), sha256: new Map() }
    expect(
      await checkKitFiles(second.fs, sb.kit, files, await openCheckMemo(second.fs, sb.state), learnt),
    ).toEqual([])
    expect(second.reads()).toBe(0)
    // The memo also vouches for the bytes' hash: the fast path's kit digest needs no read either.
    for (const rel of files)
      expect(learnt.sha256.get(join(sb.kit, rel))).toBe(hashBytes(await readFile(join(sb.kit, rel))))
    expect(learnt.read.size).toBe(0)

    // Same size, same mtime, broken frontmatter: ctime tells.
    const rule = join(sb.kit, 'rules/general.md')
    const before = await stat(rule)
    const text = await readFile(rule, 'utf8')
    await writeFile(rule, text.replace(/^---\n/, '---\n[').slice(0, text.length))
    await utimes(rule, before.atime, before.mtime)
    const third = counting()
    const found = await checkKitFiles(third.fs, sb.kit, files, await openCheckMemo(third.fs, sb.state))
    expect(found.map((d) => d.file)).toEqual([rule])

    // A memo edited by hand (or copied from elsewhere) is not sealed with this key: everything is checked again.
    const memoFile = join(sb.state, 'kit-checks.json')
    const doc = JSON.parse(await readFile(memoFile, 'utf8')) as { files: Record<string, unknown> }
    doc.files[rule] = ['forged', '0'.repeat(64)]
    await writeFile(memoFile, JSON.stringify(doc))
    const fourth = counting()
    await checkKitFiles(fourth.fs, sb.kit, files, await openCheckMemo(fourth.fs, sb.state))
    expect(fourth.reads()).toBe(2)
  })

  it('takes a memo of the earlier shape (a stat per file, no hash) as no memo', async () => {
    const first = counting()
    const memo = await openCheckMemo(first.fs, sb.state)
    await checkKitFiles(first.fs, sb.kit, files, memo)
    await memo?.save()
    // What an older outfit wrote: a stat per file, sealed under its own label.
    const key = Buffer.from((await readFile(join(sb.state, 'key'), 'utf8')).trim(), 'hex')
    const memoFile = join(sb.state, 'kit-checks.json')
    const current = JSON.parse(await readFile(memoFile, 'utf8')) as {
      files: Record<string, [string, string]>
    }
    const body = {
      files: Object.fromEntries(Object.entries(current.files).map(([path, [stat]]) => [path, stat])),
    }
    await writeFile(
      memoFile,
      JSON.stringify({ ...body, mac: seal(key, ['kit-checks', JSON.stringify(body)]) }),
    )
    const second = counting()
    expect(await checkKitFiles(second.fs, sb.kit, files, await openCheckMemo(second.fs, sb.state))).toEqual(
      [],
    )
    expect(second.reads()).toBe(2)
    // The same sealing, of the current shape, is taken: the old memo was refused for its shape, not its seal.
    await writeFile(
      memoFile,
      JSON.stringify({
        files: current.files,
        mac: seal(key, ['kit-checks-2', JSON.stringify({ files: current.files })]),
      }),
    )
    const third = counting()
    await checkKitFiles(third.fs, sb.kit, files, await openCheckMemo(third.fs, sb.state))
    expect(third.reads()).toBe(0)
  })
})

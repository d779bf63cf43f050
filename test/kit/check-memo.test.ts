// The kit check's memo: a file that passed and still stats the same is not parsed again; any change to it (even one
// that keeps size and mtime) is checked again; a memo that is not sealed with this user's key, of an earlier shape or
// of another outfit version is ignored; a file changed just before the run is checked but not remembered (its stat
// could not tell a second change within the same clock tick).
import { readFile, stat, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Fs } from '../../src/fs/fs.js'
import { realFs } from '../../src/fs/fs.js'
import { checkKitFiles, type CheckedFiles } from '../../src/kit/check-kit-files.js'
import { hashBytes } from '../../src/fs/files.js'
import { seal } from '../../src/state/seal.js'
import { openCheckMemo, RACY_MS } from '../../src/kit/check-memo.js'
import { version } from '../../src/version.js'
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
/** A run long enough after the sandbox's files were written that their stat tells any later change. */
const later = { now: () => Date.now() + 2 * RACY_MS }

describe('kit check memo', () => {
  it('vouches for unchanged files, re-checks a changed one even with the same size and mtime, and ignores a forged memo', async () => {
    const first = counting()
    const memo = await openCheckMemo(first.fs, sb.state, later)
    expect(await checkKitFiles(first.fs, sb.kit, files, memo)).toEqual([])
    expect(first.reads()).toBe(2)
    await memo?.save()

    const second = counting()
    const learnt: CheckedFiles = { read: new Map(), sha256: new Map() }
    expect(
      await checkKitFiles(second.fs, sb.kit, files, await openCheckMemo(second.fs, sb.state, later), learnt),
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
    const found = await checkKitFiles(third.fs, sb.kit, files, await openCheckMemo(third.fs, sb.state, later))
    expect(found.map((d) => d.file)).toEqual([rule])

    // A memo edited by hand (or copied from elsewhere) is not sealed with this key: everything is checked again.
    const memoFile = join(sb.state, 'kit-checks.json')
    const doc = JSON.parse(await readFile(memoFile, 'utf8')) as { files: Record<string, unknown> }
    doc.files[rule] = ['forged', '0'.repeat(64), 1]
    await writeFile(memoFile, JSON.stringify(doc))
    const fourth = counting()
    await checkKitFiles(fourth.fs, sb.kit, files, await openCheckMemo(fourth.fs, sb.state, later))
    expect(fourth.reads()).toBe(2)
  })

  it('takes a memo of an earlier shape, or of another outfit version, as no memo', async () => {
    const first = counting()
    const memo = await openCheckMemo(first.fs, sb.state, later)
    await checkKitFiles(first.fs, sb.kit, files, memo)
    await memo?.save()
    const key = Buffer.from((await readFile(join(sb.state, 'key'), 'utf8')).trim(), 'hex')
    const memoFile = join(sb.state, 'kit-checks.json')
    const current = JSON.parse(await readFile(memoFile, 'utf8')) as {
      outfit: string
      files: Record<string, [string, string, number]>
    }
    expect(current.outfit).toBe(version)
    const sealed = async (label: string, body: object) =>
      writeFile(memoFile, JSON.stringify({ ...body, mac: seal(key, [label, JSON.stringify(body)]) }))
    const reads = async () => {
      const next = counting()
      expect(
        await checkKitFiles(next.fs, sb.kit, files, await openCheckMemo(next.fs, sb.state, later)),
      ).toEqual([])
      return next.reads()
    }
    // What older outfits wrote, each sealed under its own label: a stat per file; then a stat and a hash.
    const stats = Object.fromEntries(Object.entries(current.files).map(([path, [stat]]) => [path, stat]))
    await sealed('kit-checks', { files: stats })
    expect(await reads()).toBe(2)
    const hashed = Object.fromEntries(
      Object.entries(current.files).map(([path, [stat, sha]]) => [path, [stat, sha]]),
    )
    await sealed('kit-checks-2', { files: hashed })
    expect(await reads()).toBe(2)
    // The current shape, written by another version of outfit (whose checks may differ): checked again.
    await sealed('kit-checks-3', { outfit: '0.0.0-other', files: current.files })
    expect(await reads()).toBe(2)
    // The same sealing, of the current shape and version, is taken: the others were refused for what they are.
    await sealed('kit-checks-3', { outfit: version, files: current.files })
    expect(await reads()).toBe(0)
  })

  it('checks a file changed just before the run but does not remember it; a later run does', async () => {
    // The run starts right after the sandbox wrote the kit: both files are too new for their stat to be trusted.
    const now = counting()
    const memo = await openCheckMemo(now.fs, sb.state)
    expect(await checkKitFiles(now.fs, sb.kit, files, memo)).toEqual([])
    await memo?.save()
    const again = counting()
    await checkKitFiles(again.fs, sb.kit, files, await openCheckMemo(again.fs, sb.state))
    expect(again.reads()).toBe(2)
    // Long after the change, the same files are remembered, and then vouched for.
    const after = counting()
    const memo2 = await openCheckMemo(after.fs, sb.state, later)
    await checkKitFiles(after.fs, sb.kit, files, memo2)
    expect(after.reads()).toBe(2)
    await memo2?.save()
    const last = counting()
    await checkKitFiles(last.fs, sb.kit, files, await openCheckMemo(last.fs, sb.state, later))
    expect(last.reads()).toBe(0)
  })
})

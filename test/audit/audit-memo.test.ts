// The audit remembers clean files in the kit check's memo: a re-install reads no kit file that stats as it did when
// it was found clean (nor a SKILL.md that passed the skill rules), reports a file with findings again every time, and
// finds a hidden character written into a clean file even when the edit keeps the size and mtime (ctime tells).
import { readFile, stat, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { kitFileHash } from '../../src/actions/kit-file.js'
import { auditKit } from '../../src/audit/audit-kit.js'
import { hashBytes } from '../../src/fs/files.js'
import type { Fs } from '../../src/fs/fs.js'
import { realFs } from '../../src/fs/fs.js'
import { openCheckMemo, RACY_MS } from '../../src/kit/check-memo.js'
import { loadKit } from '../../src/kit/load-kit.js'
import { prepareKits } from '../../src/api/kits.js'
import { useSandbox } from '../integration/sandbox.js'

const sb = useSandbox()
const later = { now: () => Date.now() + 2 * RACY_MS }

/** realFs that records which kit files it opens or reads. */
function recording(): { fs: Fs; read: Set<string> } {
  const read = new Set<string>()
  const note = (path: unknown) => {
    if (typeof path === 'string' && path.startsWith(`${sb.kit}/`)) read.add(path.slice(sb.kit.length + 1))
  }
  const wrap = <K extends 'readFile' | 'open'>(name: K) =>
    ((path: string, ...rest: unknown[]) => (
      note(path),
      (realFs[name] as (...a: unknown[]) => unknown)(path, ...rest)
    )) as Fs[K]
  return { fs: { ...realFs, readFile: wrap('readFile'), open: wrap('open') }, read }
}

/** One install's checks: the kit loaded and checked with the memo, then audited with it; the memo saved. */
async function checkAndAudit(fs: Fs) {
  const memo = await openCheckMemo(fs, sb.state, later)
  const loaded = await loadKit(fs, sb.kit, { checkContent: true, ...(memo ? { memo } : {}) })
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics))
  const findings = await auditKit(fs, loaded.value, memo)
  await memo?.save()
  return { kit: loaded.value, findings: findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.rule}`) }
}

describe('the audit with the check memo', () => {
  it('reads only the files with findings again, and finds an edit that keeps size and mtime', async () => {
    await sb.write('kit/skills/code-review/run.sh', '#!/bin/sh\necho checked\n')
    const rule = join(sb.kit, 'rules/general.md')
    const text = await readFile(rule, 'utf8')
    await writeFile(
      join(sb.kit, 'commands/changelog.md'),
      `${await sb.read('kit/commands/changelog.md')}\u200b\n`,
    )

    const first = recording()
    const before = await checkAndAudit(first.fs)
    expect(before.findings).toEqual([
      expect.stringMatching(/^commands\/changelog\.md:\d+:1 invisible-character$/),
    ])
    expect(first.read.size).toBeGreaterThan(5)

    const second = recording()
    const again = await checkAndAudit(second.fs)
    expect(again.findings).toEqual(before.findings)
    // Only the file with a finding is read (and scanned) again; every clean one, SKILL.md included, is vouched for.
    // (kit.yaml, mcp.yaml and hooks.yaml are read to load the kit at all.)
    const loading = ['hooks.yaml', 'kit.yaml', 'mcp.yaml']
    expect([...second.read].sort()).toEqual(['commands/changelog.md', ...loading])
    // The fast path's digest needs no read either: the memo vouches for every clean file's hash, scripts included.
    const script = join(sb.kit, 'skills/code-review/run.sh')
    expect(await kitFileHash(second.fs, again.kit, script)).toBe(hashBytes(await readFile(script)))
    expect([...second.read].sort()).toEqual(['commands/changelog.md', ...loading])

    // A hidden character written over three ASCII bytes: same size, mtime put back; the ctime moved.
    const mtime = (await stat(rule)).mtime
    const edited = text.replace('the', '\u200b')
    expect(Buffer.byteLength(edited)).toBe(Buffer.byteLength(text))
    await writeFile(rule, edited)
    await utimes(rule, mtime, mtime)
    const third = recording()
    const after = await checkAndAudit(third.fs)
    expect(after.findings).toEqual([
      ...before.findings,
      expect.stringMatching(/^rules\/general\.md:\d+:\d+ invisible-character$/),
    ])
    expect([...third.read].sort()).toEqual(['commands/changelog.md', ...loading, 'rules/general.md'])
  })

  it('scans a file the kit check read without reading it again', async () => {
    const counts = new Map<string, number>()
    const fs: Fs = {
      ...realFs,
      open: ((path: string, ...rest: unknown[]) => {
        counts.set(path, (counts.get(path) ?? 0) + 1)
        return (realFs.open as (...a: unknown[]) => unknown)(path, ...rest)
      }) as Fs['open'],
      readFile: ((path: string, ...rest: unknown[]) => {
        counts.set(path, (counts.get(path) ?? 0) + 1)
        return (realFs.readFile as (...a: unknown[]) => unknown)(path, ...rest)
      }) as Fs['readFile'],
    }
    // As install prepares it: loaded, checked, audited, registry servers resolved (a copy of the kit).
    const prepared = await prepareKits({
      fs,
      kits: [{ name: 'kit', source: sb.kit, baseDir: sb.root }],
      lockFile: join(sb.project, 'outfit.lock'),
      mode: 'install',
      cacheDir: join(sb.root, 'cache'),
      npm: async () => ({}),
      baseDir: sb.root,
      stateHome: sb.state,
      remember: true,
      audit: true,
    })
    expect(prepared.kits[0]?.findings).toEqual([])
    // Each Markdown file was read once (by the content check): the skill rules and the audit took its text, and
    // install and the fast path's digest take it and its hash from the kit they get.
    for (const file of prepared.kit.files) await kitFileHash(fs, prepared.kit, join(sb.kit, file))
    const markdown = [...counts].filter(([path]) => path.endsWith('.md'))
    expect(markdown.map(([path]) => path.slice(sb.kit.length + 1)).sort()).toEqual(
      prepared.kit.files.filter((f) => f.endsWith('.md')),
    )
    expect(markdown.every(([, n]) => n === 1)).toBe(true)
  })
})

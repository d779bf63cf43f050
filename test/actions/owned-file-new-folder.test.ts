// A file written into a folder the run made is created without looking first (nothing can have been there before
// the run), exclusively: what appears there meanwhile (another process) is found by the failed creation, then looked
// at and refused or replaced exactly as anywhere else.
import { describe, expect, it } from 'vitest'
import { writeOwnedFile } from '../../src/actions/owned-file.js'
import { ConflictError } from '../../src/errors.js'
import type { Fs } from '../../src/fs/fs.js'
import { hashBytes } from '../../src/fs/files.js'
import type { Change } from '../../src/types.js'
import { testContext } from '../helpers/context.js'
import { createTestFs } from '../helpers/test-fs.js'

function setUp(force = false) {
  const { fs, vol } = createTestFs({ '/home/.keep': '' })
  const looked: string[] = []
  const counting: Fs = {
    ...fs,
    lstat: (async (path: string, ...rest: []) => {
      looked.push(path)
      return fs.lstat(path, ...rest)
    }) as Fs['lstat'],
  }
  const records: Change[] = []
  const ctx = testContext(counting, { force, record: (change) => void records.push(change) })
  return { ctx, vol, looked, records }
}

describe('writing a file into a folder the run made', () => {
  it('creates it without looking at its path first, and records it as new', async () => {
    const { ctx, vol, looked, records } = setUp()
    await writeOwnedFile(ctx, '/home/.tool/agents/a.md', 'A') // makes the folder
    looked.length = 0
    await writeOwnedFile(ctx, '/home/.tool/agents/b.md', 'B')
    expect(looked).not.toContain('/home/.tool/agents/b.md')
    expect(vol.readFileSync('/home/.tool/agents/b.md', 'utf8')).toBe('B')
    expect(records.filter((c) => c.kind === 'file').at(-1)).toEqual({
      kind: 'file',
      path: '/home/.tool/agents/b.md',
      before: null,
      after: { hash: hashBytes('B') },
      origin: null,
    })
    expect(ctx.run.written.get('/home/.tool/agents/b.md')).toBe(hashBytes('B'))
  })

  it('creates a file in a new folder inside one the run made (a skill of its own) without looking either', async () => {
    const { ctx, vol, looked } = setUp()
    await writeOwnedFile(ctx, '/home/.tool/skills/one/SKILL.md', '1')
    looked.length = 0
    await writeOwnedFile(ctx, '/home/.tool/skills/two/SKILL.md', '2')
    expect(looked).not.toContain('/home/.tool/skills/two/SKILL.md')
    expect(vol.readFileSync('/home/.tool/skills/two/SKILL.md', 'utf8')).toBe('2')
    expect(ctx.run.madeDirs.has('/home/.tool/skills/two')).toBe(true)
    // A folder there that something else made is not the run's: its file is looked at, and refused.
    vol.mkdirSync('/home/.tool/skills/three')
    vol.writeFileSync('/home/.tool/skills/three/SKILL.md', 'theirs')
    await expect(writeOwnedFile(ctx, '/home/.tool/skills/three/SKILL.md', '3')).rejects.toThrow(ConflictError)
    expect(vol.readFileSync('/home/.tool/skills/three/SKILL.md', 'utf8')).toBe('theirs')
  })

  it('refuses a file that appeared there meanwhile, as anywhere else, and leaves it as it is', async () => {
    const { ctx, vol } = setUp()
    await writeOwnedFile(ctx, '/home/.tool/agents/a.md', 'A')
    vol.writeFileSync('/home/.tool/agents/theirs.md', 'not outfit’s')
    await expect(writeOwnedFile(ctx, '/home/.tool/agents/theirs.md', 'kit')).rejects.toThrow(ConflictError)
    expect(vol.readFileSync('/home/.tool/agents/theirs.md', 'utf8')).toBe('not outfit’s')
  })

  it('with --force, replaces it and keeps it as what uninstall puts back', async () => {
    const { ctx, vol, records } = setUp(true)
    await writeOwnedFile(ctx, '/home/.tool/agents/a.md', 'A')
    vol.writeFileSync('/home/.tool/agents/theirs.md', 'not outfit’s')
    await writeOwnedFile(ctx, '/home/.tool/agents/theirs.md', 'kit')
    expect(vol.readFileSync('/home/.tool/agents/theirs.md', 'utf8')).toBe('kit')
    const change = records.find((c) => c.path === '/home/.tool/agents/theirs.md')
    expect(change).toMatchObject({
      before: { hash: hashBytes('not outfit’s') },
      origin: { hash: hashBytes('not outfit’s') },
    })
  })
})

// What a run keeps in memory is cut to what it needs: changes keep only the hash of what outfit wrote (not its bytes),
// a block another tool wrote earlier in the run is known by hash, and a kit file is held as bytes or text, not both.
// The behaviour must not change: a rollback puts back every byte that was there before (a user's file replaced with
// --force, a shared file's prior text), and a kit file copied as it is stays byte-exact.
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useSandbox } from './sandbox.js'

const sb = useSandbox()

const target = `id: tr
name: TR
scopes:
  global: { root: "{{home}}", dir: "{{home}}/.tr" }
steps:
  - name: agents
    run: { action: copy, with: { from: "agents/**", to: agents } }
    rollback: { action: remove }
  - name: notes
    run: { action: block, with: { file: NOTES.md, content: "kit notes" } }
    rollback: { action: unblock }
  - name: commands
    run: { action: copy, with: { from: "commands/**", to: commands } }
    rollback: { action: remove }
  - name: manifest
    run: { action: manifest }
    rollback: { action: unmanifest }
`

describe('rollback after a failed step', () => {
  it('restores a forced-over user file and a shared file byte-exactly, and removes what the run created', async () => {
    const dir = join(sb.root, 'targets')
    await mkdir(dir)
    await writeFile(join(dir, 'tr.yaml'), target)
    // The user's own reviewer (replaced with --force), their notes (the block goes in), and a folder where the
    // kit's command file must go: the commands step fails after the first two steps wrote.
    await sb.write('home/.tr/agents/reviewer.md', 'my own reviewer\n')
    await sb.write('home/.tr/NOTES.md', '# My notes\n\nkeep me\n')
    await sb.write('home/.tr/commands/changelog.md/.keep', '')
    const before = await sb.tree()
    const report = await sb.install(['tr'], { targetDirs: [dir], force: true })
    const result = report.results[0]
    expect(result?.status).toBe('failed')
    expect(result?.failure?.step).toBe('commands')
    expect(result?.steps.map((s) => [s.name, s.status])).toEqual([
      ['agents', 'rolled-back'],
      ['notes', 'rolled-back'],
      ['commands', 'failed'],
    ])
    expect(await sb.tree()).toEqual(before)
    expect(await sb.read('home/.tr/agents/reviewer.md')).toBe('my own reviewer\n')
    expect(await sb.read('home/.tr/NOTES.md')).toBe('# My notes\n\nkeep me\n')
  })

  it('after an install that left the files as they were, a failing re-install changes nothing', async () => {
    const dir = join(sb.root, 'targets')
    await mkdir(dir)
    await writeFile(join(dir, 'tr.yaml'), target)
    await sb.write('home/.tr/NOTES.md', '# My notes\n')
    expect((await sb.install(['tr'], { targetDirs: [dir] })).results[0]?.status).toBe('installed')
    await sb.write('kit/commands/new.md', '---\ndescription: New\n---\nnew\n')
    await sb.write('home/.tr/commands/new.md/.keep', '')
    const before = await sb.tree()
    const report = await sb.install(['tr'], { targetDirs: [dir] })
    expect(report.results[0]?.status).toBe('failed')
    expect(await sb.tree()).toEqual(before)
  })
})

describe('one block written by two tools of one run with different content', () => {
  it("the second tool takes the first one's block for outfit's (known by hash), not the user's edit", async () => {
    const dir = join(sb.root, 'targets')
    await mkdir(dir)
    for (const id of ['ta', 'tb']) {
      await writeFile(
        join(dir, `${id}.yaml`),
        `id: ${id}\nname: ${id.toUpperCase()}\nscopes:\n  global: { root: "{{home}}", dir: "{{home}}" }\nsteps:\n  - name: notes\n    run: { action: block, with: { file: NOTES.md, id: shared, content: "written by {{target.id}}" } }\n    rollback: { action: unblock }\n  - name: manifest\n    run: { action: manifest }\n    rollback: { action: unmanifest }\n`,
      )
    }
    await sb.write('home/NOTES.md', '# Mine\n')
    const before = await sb.tree()
    const report = await sb.install(['ta', 'tb'], { targetDirs: [dir], env: {} })
    expect(report.results.map((r) => [r.tool, r.status, r.failure?.error.message])).toEqual([
      ['ta', 'installed', undefined],
      ['tb', 'installed', undefined],
    ])
    const text = await sb.read('home/NOTES.md')
    expect(text.startsWith('# Mine\n')).toBe(true)
    expect(text.match(/written by t[ab]/g)).toHaveLength(1)
    // A real edit inside the block is still refused.
    await sb.write('home/NOTES.md', text.replace(/written by t[ab]/, 'my own words'))
    const again = await sb.install(['ta'], { targetDirs: [dir] })
    expect(again.results[0]?.failure?.error.message).toMatch(
      /the outfit block 'shared' was edited since outfit wrote it/,
    )
    await sb.write('home/NOTES.md', text)
    await sb.uninstall(['ta', 'tb'], { targetDirs: [dir] })
    expect(await sb.tree()).toEqual(before)
  })
})

describe('a kit file one tool transforms and another copies as it is, in one run', () => {
  it('is written byte-exact by the tool that copies it (byte-order mark and non-ASCII text kept)', async () => {
    const dir = join(sb.root, 'targets')
    await mkdir(dir)
    const step = (to: string, extra: string) =>
      `  - name: agents\n    run: { action: copy, with: { from: "agents/*.md", to: ${to}${extra} } }\n    rollback: { action: remove }\n`
    const manifest = `  - name: manifest\n    run: { action: manifest }\n    rollback: { action: unmanifest }\n`
    const head = (id: string) =>
      `id: ${id}\nname: ${id.toUpperCase()}\nscopes:\n  global: { root: "{{home}}", dir: "{{home}}/.${id}" }\nsteps:\n`
    // ta (first) takes the text: its frontmatter is rewritten; tb renames only (the file's own bytes); tc copies as is.
    await writeFile(
      join(dir, 'ta.yaml'),
      head('ta') + step('agents', ', transform: [{ frontmatter: { join: { tools: ", " } } }]') + manifest,
    )
    await writeFile(
      join(dir, 'tb.yaml'),
      head('tb') + step('agents', ', rename: "{{item.stem}}.txt"') + manifest,
    )
    await writeFile(join(dir, 'tc.yaml'), head('tc') + step('agents', '') + manifest)
    const original = '\uFEFF---\nname: é\ntools: [Read, Grep]\n---\n日本語 🎉\r\n'
    await sb.write('kit/agents/reviewer.md', original)
    const report = await sb.install(['ta', 'tb', 'tc'], { targetDirs: [dir], env: {} })
    expect(report.results.map((r) => [r.tool, r.status, r.failure?.error.message])).toEqual([
      ['ta', 'installed', undefined],
      ['tb', 'installed', undefined],
      ['tc', 'installed', undefined],
    ])
    expect(await sb.read('home/.ta/agents/reviewer.md')).toContain('tools: Read, Grep')
    expect(await sb.read('home/.tb/agents/reviewer.txt')).toBe(original)
    expect(await sb.read('home/.tc/agents/reviewer.md')).toBe(original)
  })
})

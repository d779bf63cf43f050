// Nothing from a kit or a target may write outside the scope root: `..`, absolute paths and symlinks that lead out are
// refused with a clear error, and nothing is written.
import { mkdir, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useSandbox } from '../integration/sandbox.js'

let targets: string
const sb = useSandbox(async (sb) => {
  targets = join(sb.root, 'targets')
  await mkdir(targets)
})

async function target(step: string): Promise<void> {
  await writeFile(
    join(targets, 'evil.yaml'),
    `id: evil
name: Evil
scopes:
  global: { root: "{{home}}", dir: "{{home}}/.evil" }
steps:
${step}
  - name: manifest
    run: { action: manifest }
    rollback: { action: unmanifest }
`,
  )
}

async function attempt(): Promise<string> {
  const report = await sb.install(['evil'], { targetDirs: [targets] })
  expect(report.results[0]?.status).toBe('failed')
  return report.results[0]?.failure?.error.message ?? ''
}

describe('containment', () => {
  it.each([
    ['a relative path that climbs out', 'path: "../../outside.txt"'],
    ['an absolute path', 'path: "/tmp/outfit-escape.txt"'],
    ['a rename template that climbs out', null],
  ])('refuses %s', async (_name, params) => {
    if (params) {
      await target(
        `  - name: escape\n    run: { action: write, with: { ${params}, content: x } }\n    rollback: { action: remove }`,
      )
    } else {
      await target(
        `  - name: escape\n    run: { action: copy, with: { from: agents/*.md, to: agents, rename: "../../../{{item.name}}" } }\n    rollback: { action: remove }`,
      )
    }
    const before = await sb.tree()
    expect(await attempt()).toMatch(/outside the scope root .*; refusing to write there/)
    expect(await sb.tree()).toEqual(before)
  })

  it('refuses to write through a symlinked directory that leads out of the root', async () => {
    await mkdir(join(sb.root, 'elsewhere'))
    await mkdir(join(sb.home, '.evil'), { recursive: true })
    await symlink(join(sb.root, 'elsewhere'), join(sb.home, '.evil', 'agents'))
    await target(
      `  - name: agents\n    run: { action: copy, with: { from: agents/*.md, to: agents } }\n    rollback: { action: remove }`,
    )
    const before = await sb.tree()
    expect(await attempt()).toMatch(/is a symlink to .*elsewhere, outside the scope root/)
    expect(await sb.tree()).toEqual(before)
  })
})

describe('bad input changes nothing', () => {
  it('a kit file over the size limit', async () => {
    await writeFile(join(sb.kit, 'skills/code-review/huge.bin'), Buffer.alloc(11 * 1024 * 1024))
    const before = await sb.tree()
    const report = await sb.install(['claude-code'])
    expect(report.results[0]?.failure?.error.message).toMatch(
      /huge\.bin: is over 10 MiB; kit files over 10 MiB are refused/,
    )
    expect(await sb.tree()).toEqual(before)
  })

  it('a kit file that is not UTF-8 where text is needed', async () => {
    await writeFile(join(sb.kit, 'agents/broken.md'), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe, 0x0a]))
    const before = await sb.tree()
    const report = await sb.install(['claude-code'])
    expect(report.results[0]?.failure?.error.message).toMatch(/broken\.md is not valid UTF-8 text/)
    expect(await sb.tree()).toEqual(before)
  })

  // Root ignores permissions (as in CI containers); there the fault-injection test's injected errors stand in.
  it.skipIf(process.getuid?.() === 0)('a read-only config directory (EACCES)', async () => {
    await mkdir(join(sb.home, '.claude'), { mode: 0o500 })
    const before = await sb.tree()
    const report = await sb.install(['claude-code'])
    expect(report.results[0]?.failure?.error.message).toMatch(/EACCES/)
    expect(await sb.tree()).toEqual(before)
  })
})

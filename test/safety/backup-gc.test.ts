// A backup of the user's own content is deleted only when no record may still need it: following outfit's own hint
// for a damaged manifest (move it away) and going on must not lose the user's original.
import { createHash } from 'node:crypto'
import { readdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useSandbox } from '../integration/sandbox.js'
import { dropRecords as forget, planForget } from '../../src/api/forget.js'
import type { OutfitError } from '../../src/errors.js'
import { realFs } from '../../src/fs/fs.js'

const sb = useSandbox()

async function find(dir: string, name: string): Promise<string[]> {
  const out: string[] = []
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true }))
    if (entry.name === name) out.push(join(entry.parentPath, entry.name))
  return out
}

describe('backups of user content', () => {
  it('survive a damaged manifest moved away as the hint says, a new install and an uninstall', async () => {
    const mine = '---\nname: reviewer\ndescription: my own reviewer\n---\nMine, hand-written.\n'
    await sb.write('home/.claude/agents/reviewer.md', mine)
    expect((await sb.install(['claude-code'], { force: true })).results[0]?.status).toBe('installed')
    const [manifest] = await find(sb.state, 'claude-code.global.json')
    expect(manifest).toBeDefined()
    // The manifest is damaged; the refusal says to move it away. The user does, and goes on.
    await writeFile(manifest as string, '{ damaged')
    const refused = await sb.install(['claude-code'])
    expect(refused.results[0]?.failure?.error.message).toMatch(/damaged|not valid/)
    await rename(manifest as string, join(sb.root, 'moved-away.json'))
    await sb.install(['claude-code'], { force: true })
    await sb.uninstall(['claude-code'])
    // The backup of the user's original is still there, so the moved-away record can still put it back.
    const hash = createHash('sha256').update(mine).digest('hex')
    expect(await find(sb.state, hash)).toHaveLength(1)
    expect(await readFile(join(sb.root, 'moved-away.json'), 'utf8')).toBe('{ damaged')
  })

  it('survive the way out the refusal names now (outfit forget), a new install and an uninstall', async () => {
    const mine = '---\nname: reviewer\ndescription: my own reviewer\n---\nMine, hand-written.\n'
    await sb.write('home/.claude/agents/reviewer.md', mine)
    await sb.install(['claude-code'], { force: true })
    const [manifest] = await find(sb.state, 'claude-code.global.json')
    await writeFile(manifest as string, '{ damaged')
    const refused = (await sb.install(['claude-code'])).results[0]?.failure?.error as OutfitError
    expect(refused.hint).toMatch(/outfit forget claude-code --scope global/)
    const request = {
      fs: realFs,
      stateHome: sb.state,
      scope: 'global',
      roots: [sb.home],
      tools: ['claude-code'],
    }
    await forget(request, await planForget(request))
    await sb.install(['claude-code'], { force: true })
    await sb.uninstall(['claude-code'])
    const hash = createHash('sha256').update(mine).digest('hex')
    expect(await find(sb.state, hash)).toHaveLength(1)
  })
})

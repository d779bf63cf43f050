// collectGarbage after an uninstall: backups that may go need every remaining manifest read and verified (fail closed);
// when none of the removed manifest's backups exist, no manifest is read at all. memfs: logic only.
import { describe, expect, it } from 'vitest'
import { exists } from '../../src/fs/fs.js'
import { collectGarbage } from '../../src/state/collect-garbage.js'
import type { ScopeState } from '../../src/state/scope-state.js'
import { createTestFs } from '../helpers/test-fs.js'

const dir = '/state/scopes/abc'
const state: ScopeState = { dir, root: '/home/u', id: 'abc', key: Buffer.alloc(32, 7) }
const hash = 'a'.repeat(64)

describe('collectGarbage', () => {
  it('reads no manifest when none of the candidates is a backup there (an unreadable one would stop it)', async () => {
    const { fs } = createTestFs({ [`${dir}/manifests/other.global.json`]: 'not a manifest' })
    await fs.mkdir(`${dir}/backups`, { recursive: true })
    await collectGarbage(fs, state, new Set([hash]))
    // It went on to tidy up: the empty backups folder is gone, the other tool's manifest (and its folder) stay.
    expect(await exists(fs, `${dir}/backups`)).toBe(false)
    expect(await exists(fs, `${dir}/manifests/other.global.json`)).toBe(true)
  })

  it('keeps a candidate backup while a remaining manifest cannot be read and verified', async () => {
    const { fs } = createTestFs({
      [`${dir}/manifests/other.global.json`]: 'not a manifest',
      [`${dir}/backups/${hash}`]: 'the user file outfit replaced',
    })
    await collectGarbage(fs, state, new Set([hash]))
    expect(await exists(fs, `${dir}/backups/${hash}`)).toBe(true)
  })

  it('drops a candidate backup that no manifest refers to, and the folders once empty', async () => {
    const { fs } = createTestFs({ [`${dir}/backups/${hash}`]: 'old' })
    await collectGarbage(fs, state, new Set([hash]))
    expect(await exists(fs, `${dir}/backups/${hash}`)).toBe(false)
    expect(await exists(fs, dir)).toBe(false)
  })
})

// readManifest with a run's memo: a manifest file whose stats are unchanged is not read again (uninstall's tools each
// read every other tool's manifest), and one with other stats is read and checked anew. memfs: logic only.
import { describe, expect, it } from 'vitest'
import type { Fs } from '../../src/fs/fs.js'
import {
  manifestMemo,
  manifestPath,
  readManifest,
  readOtherManifests,
} from '../../src/state/manifest-file.js'
import { openScopeState } from '../../src/state/scope-state.js'
import { createMemSandbox } from '../helpers/mem-sandbox.js'

/** The sandbox's fs, counting reads of manifest files. */
function counting(fs: Fs): { fs: Fs; reads: () => number } {
  let reads = 0
  return {
    fs: {
      ...fs,
      readFile: ((path: string, ...rest: unknown[]) => {
        if (String(path).includes('/manifests/')) reads++
        return (fs.readFile as (...a: unknown[]) => unknown)(path, ...rest)
      }) as Fs['readFile'],
    },
    reads: () => reads,
  }
}

describe('readManifest with a memo', () => {
  it('reads a manifest once while its file is unchanged, and again once it changed', async () => {
    const box = await createMemSandbox()
    await box.install(['claude-code', 'cursor'])
    const state = await openScopeState(box.fs, box.state, box.home, { create: false })
    if (!state) throw new Error('no state after install')
    const { fs, reads } = counting(box.fs)
    const memo = manifestMemo()

    const first = await readManifest(fs, state, 'cursor', 'global', undefined, memo)
    expect(first?.tool).toBe('cursor')
    expect(reads()).toBe(1)
    // Every other tool's manifests, again and again: no more reads.
    for (let i = 0; i < 3; i++) {
      const others = await readOtherManifests(fs, state, 'claude-code', 'global', memo)
      expect(others.map((m) => m.tool)).toEqual(['cursor'])
      expect(others[0]).toBe(first)
    }
    expect(reads()).toBe(1)

    // Another text (other stats): read again and checked, so a tampered one is refused though the path was remembered.
    const file = manifestPath(state.dir, 'cursor', 'global')
    const text = String(await box.fs.readFile(file, 'utf8'))
    await box.fs.writeFile(file, text.replace('"cursor"', '"cursor-2"'))
    await expect(readManifest(fs, state, 'cursor', 'global', undefined, memo)).rejects.toThrow()
    expect(reads()).toBe(2)

    // The text outfit wrote, back again: accepted (read again, or known by stats equal to the first read's).
    await box.fs.writeFile(file, text)
    expect((await readManifest(fs, state, 'cursor', 'global', undefined, memo))?.tool).toBe('cursor')

    // Gone is gone.
    await box.fs.unlink(file)
    expect(await readManifest(fs, state, 'cursor', 'global', undefined, memo)).toBeNull()
  })
})

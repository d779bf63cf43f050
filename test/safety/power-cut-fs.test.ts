// The power-cut model the crash-consistency test relies on: what reaches the disk without syncs, and what does not.
import { describe, expect, it } from 'vitest'
import type { Fs } from '../../src/fs/fs.js'
import { createTestFs } from '../helpers/test-fs.js'
import { powerCutFs, PowerCutError } from './power-cut-fs.js'

const read = (fs: Fs, path: string) => fs.readFile(path, 'utf8').catch(() => '<absent>')

describe('powerCutFs', () => {
  it('loses a rename whose folder was not synced, and the data of a file that was not synced', async () => {
    const { fs } = createTestFs({ '/d/a': 'old', '/d/b': 'old' })
    const power = await powerCutFs(fs)
    // a: data synced, rename not. b: rename synced (its folder), data not: the name survives, empty.
    await power.fs.writeFile('/d/.a.tmp', 'new')
    await power.fs.fsync('/d/.a.tmp')
    await power.fs.rename('/d/.a.tmp', '/d/a')
    const disk1 = await power.disk()
    expect(await read(disk1, '/d/a')).toBe('old')
    await power.fs.writeFile('/d/.b.tmp', 'new')
    await power.fs.rename('/d/.b.tmp', '/d/b')
    await power.fs.syncDir('/d')
    const disk2 = await power.disk()
    expect(await read(disk2, '/d/a')).toBe('new') // its data was synced, and now the folder too
    expect(await read(disk2, '/d/b')).toBe('') // the name reached the disk, the bytes did not
    expect(await disk2.readdir('/d')).toEqual(['a', 'b'])
  })

  it('keeps what `keep` lets through, as the page cache may write anything back on its own', async () => {
    const { fs } = createTestFs({ '/d/a': 'old' })
    const power = await powerCutFs(fs, { keep: () => true })
    await power.fs.mkdir('/d/new')
    await power.fs.writeFile('/d/new/f', 'data')
    await power.fs.unlink('/d/a')
    const disk = await power.disk()
    expect(await read(disk, '/d/new/f')).toBe('data')
    expect(await read(disk, '/d/a')).toBe('<absent>')
  })

  it('keeps an unlinked file on the disk until its folder is synced', async () => {
    const { fs } = createTestFs({ '/d/a': 'mine' })
    const power = await powerCutFs(fs, { keep: () => true })
    await power.fs.unlink('/d/a')
    await power.fs.writeFile('/d/b', 'other') // memfs may give b the inode number a had
    expect(await read(await power.disk(), '/d/b')).toBe('other')
    const lost = await powerCutFs((await createTestFs({ '/d/a': 'mine' })).fs)
    await lost.fs.unlink('/d/a')
    await lost.fs.writeFile('/d/b', 'other')
    const disk = await lost.disk()
    expect(await read(disk, '/d/a')).toBe('mine')
    expect(await read(disk, '/d/b')).toBe('<absent>')
  })

  it('makes a journal line durable with the handle sync, and cuts at the numbered point', async () => {
    const { fs } = createTestFs({ '/d/.keep': '' })
    const power = await powerCutFs(fs, { cutAt: 4 })
    const handle = await power.fs.open('/d/j', 'a') // 0
    await power.fs.syncDir('/d') // 1
    await handle.appendFile('one\n') // 2
    await handle.sync() // 3
    await expect(handle.appendFile('two\n')).rejects.toBeInstanceOf(PowerCutError) // 4: the cut
    await expect(power.fs.writeFile('/d/x', '')).rejects.toBeInstanceOf(PowerCutError)
    expect(power.cut()).toBe(true)
    expect(await read(await power.disk(), '/d/j')).toBe('one\n')
  })
})

// A power cut for memfs. memfs is the page cache: what every call sees. Beside it, this models the disk: per inode the
// state that last reached it — a file's bytes and mode as of its last fsync, a folder's entries (name → inode) as of
// its last syncDir, a link's target from its creation. Everything memfs held at the start counts as on the disk.
//
// Every change and every sync is a numbered point. At point `cutAt` the power goes: that call and every later one
// fail, and `disk()` is what a reboot finds. For each inode whose cached state never reached the disk, `keep(id)`
// says whether the kernel happened to write it back anyway (false: lost, true: written): a folder's new entries may
// survive while the file they name is still empty, as after a real power loss. An inode the run unlinked keeps only
// what reached the disk (its cached state is gone with it).
import { constants } from 'node:fs'
import { dirname, join } from 'node:path'
import { Volume, createFsFromVolume } from 'memfs'
import { withoutDurability, type Fs } from '../../src/fs/fs.js'

type Durable =
  | { kind: 'file'; data: Uint8Array; mode: number }
  | { kind: 'dir'; entries: Map<string, number>; mode: number }
  | { kind: 'link'; target: string }

export interface PowerCut {
  fs: Fs
  /** How many changes and syncs were made (or attempted) so far. */
  points(): number
  /** Whether the power went. */
  cut(): boolean
  /** What a reboot finds on the disk (the state at the cut, or now if the power never went). */
  disk(): Promise<Fs>
  /** What each point was, for messages: `3 rename /a/.b.tmp`. */
  log(): string[]
}

/** A copy of a whole memfs (or any Fs whose tree is all in memory), with modes and links. */
export async function copyOf(fs: Fs): Promise<Fs> {
  const vol = new Volume()
  const copy = async (path: string): Promise<void> => {
    for (const name of (await fs.readdir(path)) as string[]) {
      const full = join(path, name)
      const st = await fs.lstat(full)
      if (st.isDirectory()) {
        vol.mkdirSync(full, { mode: Number(st.mode) & 0o7777 })
        await copy(full)
      } else if (st.isSymbolicLink()) vol.symlinkSync(String(await fs.readlink(full)), full)
      else
        vol.writeFileSync(full, new Uint8Array(await fs.readFile(full)), { mode: Number(st.mode) & 0o7777 })
    }
  }
  await copy('/')
  return withoutDurability(createFsFromVolume(vol).promises) as unknown as Fs
}

export class PowerCutError extends Error {
  override readonly name = 'PowerCutError'
}

export async function powerCutFs(
  inner: Fs,
  options: { cutAt?: number; keep?: (id: number) => boolean } = {},
): Promise<PowerCut> {
  const cutAt = options.cutAt ?? Number.POSITIVE_INFINITY
  const keep = options.keep ?? (() => false)
  const durable = new Map<number, Durable>()
  /** memfs inode number → our id (memfs reuses the numbers of freed inodes; ours are never reused). */
  const live = new Map<number, number>()
  let nextId = 1
  let count = 0
  let off = false
  let image: Promise<Fs> | undefined
  /** Calls past their point and not yet done: they happened before the cut, so the image waits for them. */
  let busy = 0
  let idle: (() => void) | undefined
  const log: string[] = []

  const inoOf = async (path: string): Promise<number | undefined> => {
    try {
      return Number((await inner.lstat(path)).ino)
    } catch {
      return undefined
    }
  }
  /** The id of the inode at `path`, made known with what a new inode has on the disk (nothing yet). */
  const idOf = async (path: string): Promise<number> => {
    const st = await inner.lstat(path)
    const ino = Number(st.ino)
    let id = live.get(ino)
    if (id === undefined) {
      id = nextId++
      live.set(ino, id)
      durable.set(
        id,
        st.isDirectory()
          ? { kind: 'dir', entries: new Map(), mode: Number(st.mode) & 0o7777 }
          : st.isSymbolicLink()
            ? { kind: 'link', target: String(await inner.readlink(path)) }
            : { kind: 'file', data: new Uint8Array(), mode: Number(st.mode) & 0o7777 },
      )
    }
    return id
  }
  /** The cached state of the inode at `path`, as it would reach the disk. */
  const cached = async (path: string): Promise<Durable> => {
    const st = await inner.lstat(path)
    if (st.isSymbolicLink()) return { kind: 'link', target: String(await inner.readlink(path)) }
    if (!st.isDirectory())
      return {
        kind: 'file',
        data: new Uint8Array(await inner.readFile(path)),
        mode: Number(st.mode) & 0o7777,
      }
    const entries = new Map<string, number>()
    for (const name of (await inner.readdir(path)) as string[])
      entries.set(name, await idOf(join(path, name)))
    return { kind: 'dir', entries, mode: Number(st.mode) & 0o7777 }
  }
  const forget = (ino: number | undefined): void => {
    if (ino !== undefined) live.delete(ino)
  }

  /** Every inode reachable now, with its cached state (for inodes `keep` lets through). */
  const reachable = async (): Promise<Map<number, Durable>> => {
    const out = new Map<number, Durable>()
    const walk = async (path: string): Promise<void> => {
      const id = await idOf(path)
      const state = await cached(path)
      out.set(id, state)
      if (state.kind === 'dir') for (const name of state.entries.keys()) await walk(join(path, name))
    }
    await walk('/')
    return out
  }
  const takeImage = async (): Promise<Fs> => {
    const now = await reachable()
    const vol = new Volume()
    const seen = new Set<number>()
    const put = async (id: number, path: string): Promise<void> => {
      const cachedState = now.get(id)
      const state = cachedState !== undefined && keep(id) ? cachedState : durable.get(id)
      if (!state || seen.has(id)) return
      if (state.kind === 'dir') {
        seen.add(id) // a folder renamed into itself on the disk would never end
        if (path !== '/') vol.mkdirSync(path, { mode: state.mode })
        for (const [name, child] of state.entries) await put(child, join(path, name))
        seen.delete(id)
      } else if (state.kind === 'link') vol.symlinkSync(state.target, path)
      else vol.writeFileSync(path, state.data, { mode: state.mode })
    }
    const root = await idOf('/')
    await put(root, '/')
    return withoutDurability(createFsFromVolume(vol).promises) as unknown as Fs
  }

  /**
   * Counts a point and runs the call; at the cut, fails this call and every later one, and takes the disk's image once
   * the calls already under way (before the cut) are done. Synchronous up to the cut, so no call slips past it.
   */
  const point = async <T>(what: string, call: () => Promise<T>): Promise<T> => {
    if (off) throw new PowerCutError(`the power is off (${what})`)
    if (count++ === cutAt) {
      off = true
      image = (busy === 0 ? Promise.resolve() : new Promise<void>((r) => (idle = r))).then(takeImage)
      throw new PowerCutError(`power cut at point ${cutAt}: ${what}`)
    }
    log.push(`${count - 1} ${what}`)
    busy++
    try {
      return await call()
    } finally {
      if (--busy === 0) idle?.()
    }
  }
  const syncFile = async (path: string): Promise<void> => {
    const state = await cached(path)
    durable.set(await idOf(path), state)
  }

  // Everything memfs holds now is on the disk.
  for (const [id, state] of await reachable()) durable.set(id, state)

  const fs: Fs = {
    ...inner,
    writeFile: (...args: Parameters<Fs['writeFile']>) =>
      point(`writeFile ${String(args[0])}`, async () => {
        await inner.writeFile(...args)
        await idOf(String(args[0]))
      }),
    rename: (from, to) =>
      point(`rename ${String(from)} → ${String(to)}`, async () => {
        const [fromIno, toIno] = [await inoOf(String(from)), await inoOf(String(to))]
        await inner.rename(from, to)
        if (toIno !== fromIno) forget(toIno)
      }),
    unlink: (path) =>
      point(`unlink ${String(path)}`, async () => {
        const ino = await inoOf(String(path))
        await inner.unlink(path)
        forget(ino)
      }),
    rmdir: (...args: Parameters<Fs['rmdir']>) =>
      point(`rmdir ${String(args[0])}`, async () => {
        const ino = await inoOf(String(args[0]))
        await inner.rmdir(...args)
        forget(ino)
      }),
    mkdir: ((...args: Parameters<Fs['mkdir']>) =>
      point(`mkdir ${String(args[0])}`, async () => {
        const result = await inner.mkdir(...args)
        for (let dir = String(args[0]); dir !== dirname(dir); dir = dirname(dir)) await idOf(dir)
        return result
      })) as Fs['mkdir'],
    symlink: (target, path, type) =>
      point(`symlink ${String(path)}`, async () => {
        await inner.symlink(target, path, type)
        await idOf(String(path))
      }),
    chmod: (path, mode) => point(`chmod ${String(path)}`, () => inner.chmod(path, mode)),
    async open(...args: Parameters<Fs['open']>) {
      const [path, flags] = args
      if (readOnly(flags)) return inner.open(...args)
      const handle = await point(`open ${String(path)} ${String(flags)}`, async () => {
        const opened = await inner.open(...args)
        await idOf(String(path))
        return opened
      })
      return new Proxy(handle, {
        get(target, name) {
          if (name === 'sync' || name === 'datasync')
            return () => point(`sync ${String(path)}`, () => syncFile(String(path)))
          if (name === 'appendFile' || name === 'writeFile')
            return (data: string | Uint8Array) => point(`${name} ${String(path)}`, () => target[name](data))
          const value = Reflect.get(target, name) as unknown
          return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
        },
      })
    },
    fsync: (path) =>
      point(`fsync ${path}`, async () => {
        await inner.fsync(path)
        await syncFile(path)
      }),
    syncDir: (path) =>
      point(`syncDir ${path}`, async () => {
        await inner.syncDir(path)
        await syncFile(path)
      }),
  }
  return {
    fs,
    points: () => count,
    cut: () => off,
    disk: async () => image ?? (await takeImage()),
    log: () => log,
  }
}

/** Open flags that only read ('r', or O_RDONLY without creating, truncating or appending): not a change. */
function readOnly(flags: unknown): boolean {
  if (flags === undefined || flags === 'r') return true
  if (typeof flags !== 'number') return false
  const { O_CREAT, O_TRUNC, O_APPEND, O_WRONLY, O_RDWR } = constants
  return (flags & (O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND)) === 0
}

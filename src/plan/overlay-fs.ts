// A copy-on-write file system for `outfit plan` and `install --dry-run`: reads fall through to the real one, every
// change stays in memory. Running the real pipelines against it shows exactly what an install would do.
import { basename, dirname, join } from 'node:path'
import type { Fs } from '../fs/fs.js'

type Node =
  | { type: 'file'; data: Uint8Array; mode: number }
  | { type: 'dir'; mode: number }
  | { type: 'link'; target: string }
  | { type: 'gone' }

export interface OverlayChange {
  path: string
  kind: 'create' | 'change' | 'remove'
  before?: Uint8Array
  after?: Uint8Array
}

export class OverlayFs {
  readonly #nodes = new Map<string, Node>()
  constructor(private readonly inner: Fs) {}

  /** Every path whose final state differs from the real file system. */
  async changes(): Promise<OverlayChange[]> {
    const out: OverlayChange[] = []
    for (const [path, node] of [...this.#nodes].sort(([a], [b]) => a.localeCompare(b))) {
      const real = await this.#real(path)
      if (node.type === 'gone') {
        if (real.type !== 'gone')
          out.push({ path, kind: 'remove', ...(real.type === 'file' ? { before: real.data } : {}) })
      } else if (node.type === 'file') {
        if (real.type === 'gone') out.push({ path, kind: 'create', after: node.data })
        else if (real.type !== 'file' || !sameBytes(real.data, node.data))
          out.push({
            path,
            kind: 'change',
            ...(real.type === 'file' ? { before: real.data } : {}),
            after: node.data,
          })
      } else if (node.type === 'link') {
        if (real.type !== 'link' || real.target !== node.target)
          out.push({ path, kind: real.type === 'gone' ? 'create' : 'change' })
      }
    }
    return out
  }

  get fs(): Fs {
    // The Fs methods are called detached (as fs.readFile), so they reach the overlay through a closure.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this
    const enoent = (path: string, op: string) =>
      Object.assign(new Error(`ENOENT: no such file or directory, ${op} '${path}'`), { code: 'ENOENT' })
    const eexist = (path: string, op: string) =>
      Object.assign(new Error(`EEXIST: file already exists, ${op} '${path}'`), { code: 'EEXIST' })
    const stats = (node: Node) => ({
      isDirectory: () => node.type === 'dir',
      isFile: () => node.type === 'file',
      isSymbolicLink: () => node.type === 'link',
      mode: node.type === 'file' || node.type === 'dir' ? node.mode : 0o777,
      size: node.type === 'file' ? node.data.length : 0,
    })
    const fs = {
      async readFile(path: string, options?: unknown) {
        const node = await self.#get(path)
        if (node.type === 'gone') throw enoent(path, 'open')
        if (node.type !== 'file')
          throw Object.assign(new Error(`EISDIR: illegal operation on a directory, read`), { code: 'EISDIR' })
        const encoding =
          typeof options === 'string' ? options : (options as { encoding?: string } | undefined)?.encoding
        return encoding ? Buffer.from(node.data).toString(encoding as BufferEncoding) : Buffer.from(node.data)
      },
      async writeFile(path: string, data: string | Uint8Array, options?: { flag?: string; mode?: number }) {
        await self.#requireDir(dirname(path), 'open')
        const existing = await self.#get(path)
        if (options?.flag === 'wx' && existing.type !== 'gone') throw eexist(path, 'open')
        const bytes = typeof data === 'string' ? Buffer.from(data) : new Uint8Array(data)
        self.#nodes.set(path, {
          type: 'file',
          data: bytes,
          mode: existing.type === 'file' ? existing.mode : (options?.mode ?? 0o644),
        })
      },
      /**
       * Just enough of a FileHandle for reading (bounded reads of kit and config files) and for append-only logs (the
       * crash journal): appends land in the overlay, reads of untouched files go to the real file system.
       */
      async open(path: string, flags?: string | number, mode?: number) {
        if (flags !== 'a') {
          if (!self.#shadowed(path)) return self.inner.open(path, flags)
          const node = await self.#get(path)
          if (node.type === 'gone') throw enoent(path, 'open')
          if (node.type !== 'file')
            throw Object.assign(new Error(`EISDIR: illegal operation on a directory, read`), {
              code: 'EISDIR',
            })
          let at = 0
          return {
            stat: async () => stats(node),
            async read(buffer: Uint8Array, offset: number, length: number, position: number | null) {
              const from = position ?? at
              const chunk = node.data.subarray(from, from + length)
              buffer.set(chunk, offset)
              if (position === null) at += chunk.length
              return { bytesRead: chunk.length, buffer }
            },
            async close() {},
          }
        }
        await self.#requireDir(dirname(path), 'open')
        const existing = await self.#get(path)
        if (existing.type !== 'file')
          self.#nodes.set(path, { type: 'file', data: new Uint8Array(), mode: mode ?? 0o644 })
        return {
          async appendFile(data: string | Uint8Array) {
            const node = await self.#get(path)
            const prev = node.type === 'file' ? node.data : new Uint8Array()
            self.#nodes.set(path, {
              type: 'file',
              data: Buffer.concat([prev, typeof data === 'string' ? Buffer.from(data) : data]),
              mode: node.type === 'file' ? node.mode : 0o644,
            })
          },
          // Nothing of the overlay reaches the disk, so there is nothing to sync.
          async sync() {},
          async close() {},
        }
      },
      async rename(from: string, to: string) {
        const node = await self.#get(from)
        if (node.type === 'gone') throw enoent(from, 'rename')
        await self.#requireDir(dirname(to), 'rename')
        self.#nodes.set(to, node)
        self.#nodes.set(from, { type: 'gone' })
      },
      async unlink(path: string) {
        const node = await self.#get(path)
        if (node.type === 'gone') throw enoent(path, 'unlink')
        self.#nodes.set(path, { type: 'gone' })
      },
      async mkdir(path: string, options?: { recursive?: boolean; mode?: number }) {
        const node = await self.#get(path)
        if (node.type !== 'gone') {
          if (options?.recursive && node.type === 'dir') return undefined
          throw eexist(path, 'mkdir')
        }
        if (options?.recursive && (await self.#get(dirname(path))).type === 'gone')
          await fs.mkdir(dirname(path), options)
        else await self.#requireDir(dirname(path), 'mkdir')
        self.#nodes.set(path, { type: 'dir', mode: options?.mode ?? 0o755 })
        return undefined
      },
      async rmdir(path: string) {
        const node = await self.#get(path)
        if (node.type !== 'dir') throw enoent(path, 'rmdir')
        if ((await fs.readdir(path)).length > 0)
          throw Object.assign(new Error(`ENOTEMPTY: directory not empty, rmdir '${path}'`), {
            code: 'ENOTEMPTY',
          })
        self.#nodes.set(path, { type: 'gone' })
      },
      async readdir(path: string, options?: { withFileTypes?: boolean }) {
        const node = await self.#get(path)
        if (node.type !== 'dir') throw enoent(path, 'scandir')
        const names = new Set<string>()
        const real = await self.#real(path)
        if (real.type === 'dir') for (const n of (await self.inner.readdir(path)) as string[]) names.add(n)
        for (const p of self.#nodes.keys()) if (dirname(p) === path) names.add(basename(p))
        const present: string[] = []
        for (const n of [...names].sort())
          if ((await self.#get(join(path, n))).type !== 'gone') present.push(n)
        if (!options?.withFileTypes) return present
        return Promise.all(
          present.map(async (name) => ({ name, ...stats(await self.#get(join(path, name))) })),
        )
      },
      async stat(path: string) {
        const node = await self.#get(path)
        if (node.type === 'gone') throw enoent(path, 'stat')
        return stats(node)
      },
      async lstat(path: string) {
        const node = await self.#get(path)
        if (node.type === 'gone') throw enoent(path, 'lstat')
        return stats(node)
      },
      async symlink(target: string, path: string) {
        if ((await self.#get(path)).type !== 'gone') throw eexist(path, 'symlink')
        self.#nodes.set(path, { type: 'link', target })
      },
      async readlink(path: string) {
        const node = await self.#get(path)
        if (node.type !== 'link')
          throw Object.assign(new Error(`EINVAL: invalid argument, readlink '${path}'`), { code: 'EINVAL' })
        return node.target
      },
      async chmod(path: string, mode: number) {
        const node = await self.#get(path)
        if (node.type === 'gone') throw enoent(path, 'chmod')
        if (node.type === 'file' || node.type === 'dir') self.#nodes.set(path, { ...node, mode })
      },
      async realpath(path: string) {
        return self.#nodes.has(path) ? path : self.inner.realpath(path).catch(() => path)
      },
      // Nothing of the overlay reaches the disk: a sync only checks that the path is there, as a real one would.
      async fsync(path: string) {
        if ((await self.#get(path)).type === 'gone') throw enoent(path, 'fsync')
      },
      async syncDir(path: string) {
        if ((await self.#get(path)).type === 'gone') throw enoent(path, 'fsync')
      },
    }
    return fs as unknown as Fs
  }

  // --- internal ---

  async #get(path: string): Promise<Node> {
    const own = this.#nodes.get(path)
    if (own) return own
    // A parent removed in the overlay hides everything below it.
    for (let p = dirname(path); p !== dirname(p); p = dirname(p))
      if (this.#nodes.get(p)?.type === 'gone') return { type: 'gone' }
    return this.#real(path)
  }

  /** Whether the overlay decides what `path` holds (it was written or removed here, or a parent was removed). */
  #shadowed(path: string): boolean {
    if (this.#nodes.has(path)) return true
    for (let p = dirname(path); p !== dirname(p); p = dirname(p))
      if (this.#nodes.get(p)?.type === 'gone') return true
    return false
  }

  async #real(path: string): Promise<Node> {
    try {
      const st = await this.inner.lstat(path)
      if (st.isSymbolicLink()) return { type: 'link', target: await this.inner.readlink(path) }
      if (st.isDirectory()) return { type: 'dir', mode: Number(st.mode) & 0o7777 }
      return {
        type: 'file',
        data: new Uint8Array(await this.inner.readFile(path)),
        mode: Number(st.mode) & 0o7777,
      }
    } catch (error) {
      if (
        (error as NodeJS.ErrnoException).code === 'ENOENT' ||
        (error as NodeJS.ErrnoException).code === 'ENOTDIR'
      )
        return { type: 'gone' }
      throw error
    }
  }

  async #requireDir(path: string, op: string): Promise<void> {
    const node = await this.#get(path)
    if (node.type !== 'dir')
      throw Object.assign(new Error(`ENOENT: no such file or directory, ${op} '${path}'`), { code: 'ENOENT' })
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i])
}

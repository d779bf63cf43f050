// Pipelines run concurrently and several tools edit the same file (AGENTS.md, .agents/skills). Every
// read-modify-write of a path runs under this per-path mutex so no pipeline loses another's update.

export class PathLock {
  readonly #tails = new Map<string, Promise<unknown>>()

  async with<T>(path: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(path) ?? Promise.resolve()
    const run = previous.then(fn, fn)
    const tail = run.catch(() => {})
    this.#tails.set(path, tail)
    try {
      return await run
    } finally {
      if (this.#tails.get(path) === tail) this.#tails.delete(path)
    }
  }
}

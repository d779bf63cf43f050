// Reverse-order compensation: push an inverse only after its step succeeded; unwind newest first, and keep going
// when one inverse fails so that one broken rollback never strands the others.

export interface UndoEntry {
  step: string
  undo: () => Promise<void>
}

export class UndoStack {
  readonly #entries: UndoEntry[] = []

  push(entry: UndoEntry): void {
    this.#entries.push(entry)
  }

  get size(): number {
    return this.#entries.length
  }

  /** Runs every inverse in reverse order; returns the failures instead of throwing. */
  async unwind(onEach?: (step: string, error?: Error) => void): Promise<{ step: string; error: Error }[]> {
    const errors: { step: string; error: Error }[] = []
    while (this.#entries.length > 0) {
      const entry = this.#entries.pop() as UndoEntry
      try {
        await entry.undo()
        onEach?.(entry.step)
      } catch (error) {
        const err = error instanceof Error ? error : new Error(String(error))
        errors.push({ step: entry.step, error: err })
        onEach?.(entry.step, err)
      }
    }
    return errors
  }
}

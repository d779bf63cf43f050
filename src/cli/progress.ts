// Live progress in a terminal: one status line per tool, redrawn in place below the tool blocks that have already
// been printed. Without a terminal nothing here runs: no spinners, no control codes.
import { createColors } from 'picocolors'
import type { ToolResult } from '../types.js'

const CLEAR_LINE = '\u001b[2K'
const UP = (n: number) => `\u001b[${n}A`

export interface Progress {
  /** A step starts, or (with `items`) a long step has done `items.done` of `items.total`. */
  step(
    tool: string,
    step: string,
    index: number,
    total: number,
    items?: { done: number; total: number },
  ): void
  /** Prints a finished tool's block above the live lines. */
  done(result: ToolResult, block: string[]): void
  stop(): void
}

/** Item counts redraw at most this often: a 2,000-file step must not redraw 2,000 times. */
const ITEM_REDRAW_MS = 100

export function liveProgress(
  tools: { id: string; name: string }[],
  write: (text: string) => void,
  color: boolean,
  now: () => number = Date.now,
): Progress {
  const c = createColors(color)
  const state = new Map(tools.map((t) => [t.id, c.dim('waiting')]))
  const width = Math.max(...tools.map((t) => t.name.length))
  let drawn = 0
  const clear = () => {
    if (drawn > 0) write(`${UP(drawn)}${`${CLEAR_LINE}\n`.repeat(drawn)}${UP(drawn)}`)
    drawn = 0
  }
  const draw = () => {
    const lines = tools.map((t) => `${t.name.padEnd(width)}  ${state.get(t.id) ?? ''}`)
    write(lines.map((l) => `${CLEAR_LINE}${l}\n`).join(''))
    drawn = lines.length
  }
  draw()
  let lastItemDraw = 0
  const format = (n: number) => n.toLocaleString('en-US')
  return {
    step(tool, step, index, total, items) {
      const count = items ? ` ${format(items.done)}/${format(items.total)}` : ''
      state.set(tool, `${c.cyan('›')} step ${index + 1} of ${total}: ${step}${count}`)
      if (items && items.done < items.total && now() - lastItemDraw < ITEM_REDRAW_MS) return
      if (items) lastItemDraw = now()
      clear()
      draw()
    },
    done(result, block) {
      const text =
        { failed: c.red('failed, rolled back'), cancelled: c.yellow('rolled back') }[
          result.status as 'failed' | 'cancelled'
        ] ?? c.green('done')
      state.set(result.tool, text)
      clear()
      write(block.map((l) => `${l}\n`).join(''))
      draw()
    },
    stop() {
      clear()
    },
  }
}

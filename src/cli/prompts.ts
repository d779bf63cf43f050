// The interactive questions, behind an interface so tests (and other front ends) can answer them.
import type { Readable, Writable } from 'node:stream'

export interface Prompter {
  /** Which tools to use; null when the person cancels, or when `signal` aborts (SIGINT/SIGTERM) while asking. */
  selectTools(
    options: { value: string; label: string; hint?: string }[],
    initial: string[],
    signal?: AbortSignal,
  ): Promise<string[] | null>
  /**
   * True or false as answered; null when cancelled (Ctrl-C at the question) or aborted. `initialValue` is the answer
   * Enter gives (default yes; the trust question defaults to no).
   */
  confirm(message: string, signal?: AbortSignal, initialValue?: boolean): Promise<boolean | null>
  /** One of `options`; null when cancelled or aborted. */
  selectOne<T extends string>(
    message: string,
    options: { value: T; label: string; hint?: string }[],
    initial: T,
    signal?: AbortSignal,
  ): Promise<T | null>
}

/** @clack/prompts on the given streams (default: the process's own). */
export function clackPrompter(streams: { input?: Readable; output?: Writable } = {}): Prompter {
  return {
    async selectTools(options, initial, signal) {
      // Loaded on first question only: most runs (CI, named tools) never ask.
      const { cancel, isCancel, multiselect } = await import('@clack/prompts')
      // A signal while the question is open ends it at once: nothing has been changed, so there is nothing to wait for.
      const answer = await multiselect({
        message: 'Install into which tools? (detected ones are selected)',
        options,
        initialValues: initial,
        required: true,
        ...streams,
        ...(signal ? { signal } : {}),
      })
      if (isCancel(answer)) {
        cancel('Nothing was changed.', streams.output ? { output: streams.output } : {})
        return null
      }
      return answer
    },
    async confirm(message, signal, initialValue = true) {
      const { confirm, isCancel } = await import('@clack/prompts')
      const answer = await confirm({ message, initialValue, ...streams, ...(signal ? { signal } : {}) })
      return isCancel(answer) ? null : answer
    },
    async selectOne(message, options, initial, signal) {
      const { isCancel, select } = await import('@clack/prompts')
      // clack's option type is conditional on T; the values given are exactly the ones it returns.
      const answer = await select({
        message,
        options: options as Parameters<typeof select>[0]['options'],
        initialValue: initial,
        ...streams,
        ...(signal ? { signal } : {}),
      })
      return isCancel(answer) ? null : (answer as typeof initial)
    },
  }
}

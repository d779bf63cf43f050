// The interactive questions, behind an interface so tests (and other front ends) can answer them.

export interface Prompter {
  /** Which tools to use; null when the person cancels. */
  selectTools(options: { value: string; label: string; hint?: string }[], initial: string[]): Promise<string[] | null>
  confirm(message: string): Promise<boolean>
}

export const clackPrompter: Prompter = {
  async selectTools(options, initial) {
    // Loaded on first question only: most runs (CI, named tools) never ask.
    const { cancel, isCancel, multiselect } = await import('@clack/prompts')
    const answer = await multiselect({ message: 'Install into which tools? (detected ones are selected)', options, initialValues: initial, required: true })
    if (isCancel(answer)) {
      cancel('Nothing was changed.')
      return null
    }
    return answer
  },
  async confirm(message) {
    const { confirm, isCancel } = await import('@clack/prompts')
    const answer = await confirm({ message })
    return !isCancel(answer) && answer
  },
}

// Types for the action's entry point, for the tests that import it.
export interface ActionInput {
  mode?: string
  tools?: string
  kit?: string
  scope?: string
}
export function packageSpec(version: string | undefined): string
export function outfitArgs(input: ActionInput, json?: boolean): string[]
export function planChanges(stdout: string): boolean

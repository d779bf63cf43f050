// The part of @npmcli/git (npm's own git layer, the one pacote uses) that outfit calls; it ships no types.
declare module '@npmcli/git' {
  interface RevDoc {
    sha: string
    ref: string
    type: 'head' | 'branch' | 'tag' | 'pull' | 'other'
  }
  interface Revs {
    refs: Record<string, RevDoc>
    shas: Record<string, string[]>
  }
  interface GitOptions {
    fetchRetries?: number
    noGitRevCache?: boolean
    /** Passed on to child_process.spawn: kills git when aborted. */
    signal?: AbortSignal
    cwd?: string
  }
  export function revs(repo: string, opts?: GitOptions): Promise<Revs | null>
  export function clone(
    repo: string,
    ref: string | undefined,
    target: string,
    opts?: GitOptions,
  ): Promise<string>
  const git: { revs: typeof revs; clone: typeof clone }
  export default git
}

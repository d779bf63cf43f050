// Drives the CLI in-process through main(argv, deps) with captured output: no terminal unless a test says so.
import { main, type CliDeps } from '../../src/cli/index.js'
import { realFs } from '../../src/fs/fs.js'

export interface CliRun {
  code: number
  /** stdout lines, joined. */
  out: string
  /** stderr lines, joined. */
  err: string
  /** Both, in the order they were written (what a person sees). */
  all: string
  /** Raw terminal writes (live progress). */
  tty: string
}

export async function runCli(argv: string[], deps: Partial<CliDeps> & { cwd: string }): Promise<CliRun> {
  const out: string[] = []
  const err: string[] = []
  const all: string[] = []
  const tty: string[] = []
  const code = await main(argv, {
    fs: realFs,
    env: {},
    out: (l) => (out.push(l), all.push(l)),
    err: (l) => (err.push(l), all.push(l)),
    color: false,
    isTTY: false,
    tty: (t) => tty.push(t),
    ...deps,
  })
  return { code, out: out.join('\n'), err: err.join('\n'), all: all.join('\n'), tty: tty.join('') }
}

#!/usr/bin/env node
// The only process boundary: wires real streams, signals and the file system into main(), and sets the exit code.
// `outfit --version` answers before the rest of outfit is even loaded: it is what scripts call to check the install.
//
// The build bundles this file into the bin, dist/cli/run.cjs (scripts/bundle-cli.mjs): a CommonJS entry spares Node
// 20 its ES module loader (~15–20 ms of CPU at every start), which is also why there is no top-level await here. tsc's
// dist/cli/run.js is the same program as an ES module, for running from a checkout.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type * as BundleEntry from './bundle-entry.js'
import { compileCacheDir, loadBundle } from './compile-cache.js'
import { cachedHelp } from './help-cache.js'
import { optimizeOnlyHotCode } from './tier-up.js'
import { keepYoungGenerationSmall } from './young-generation.js'
import { version } from '../version.js'

const argv = process.argv.slice(2)

void start()

async function start(): Promise<void> {
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
    process.stdout.write(`outfit/${version} ${process.platform}-${process.arch} node-${process.version}\n`)
    process.exit(0)
  }
  // `--help` of outfit or of one command: the text the build recorded, if it still applies (see help-cache.ts).
  const last = argv.at(-1)
  if (argv.length <= 2 && (last === '--help' || last === '-h') && process.env.OUTFIT_HELP_CACHE !== '0') {
    const text = cachedHelp(argv.length === 2 ? (argv[0] ?? '') : '', version)
    if (text !== undefined) {
      process.stdout.write(text)
      process.exit(0)
    }
  }
  // Before the CLI is loaded: its start-up allocations are mostly long-lived, and scavenged in a young generation
  // grown for them they cost more (see young-generation.ts).
  keepYoungGenerationSmall()
  // And before it too: V8 would spend more compiling its warm code than that code then saves (see tier-up.ts).
  optimizeOnlyHotCode()
  // The CLI itself: the bundle the build made (one file, compiled with V8's code cache), else the compiled modules.
  const bundleFile = fileURLToPath(new URL('./outfit.cjs', import.meta.url))
  const bundle = existsSync(bundleFile)
    ? loadBundle<typeof BundleEntry>(bundleFile, compileCacheDir(process.env), argv[0])
    : undefined
  const { main, realFs } = bundle?.exports ?? (await import('./bundle-entry.js'))
  process.exitCode = await run(main, realFs)
  bundle?.saveCache()
}

async function run(main: typeof BundleEntry.main, realFs: typeof BundleEntry.realFs): Promise<number> {
  const controller = new AbortController()
  let abortedBy: 'SIGINT' | 'SIGTERM' | undefined
  let interrupts = 0

  function onSignal(signal: 'SIGINT' | 'SIGTERM'): void {
    interrupts++
    if (interrupts === 1) {
      abortedBy = signal
      // Nothing may have changed yet (a question was open): the run ends at once then, otherwise after its rollback.
      process.stderr.write(
        `\n${signal === 'SIGINT' ? 'Interrupted' : 'Terminated'}: stopping at the next step; anything already changed is rolled back…\n`,
      )
      controller.abort()
      return
    }
    // A second Ctrl-C during rollback would leave files half-restored; explain instead of dying.
    process.stderr.write(
      'Still rolling back so that your files end up as they were; please wait (a third signal is ignored too).\n',
    )
  }
  process.on('SIGINT', () => onSignal('SIGINT'))
  process.on('SIGTERM', () => onSignal('SIGTERM'))

  // A closed pipe (`outfit install … | head`) must not kill a run halfway through writing files: drop the output instead.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {})

  const color =
    !process.env.NO_COLOR &&
    (process.env.FORCE_COLOR !== undefined ? process.env.FORCE_COLOR !== '0' : process.stdout.isTTY === true)

  return main(argv, {
    fs: realFs,
    cwd: process.cwd(),
    env: process.env,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    color,
    isTTY: process.stdout.isTTY === true && process.stdin.isTTY === true,
    ...(process.stdout.isTTY ? { tty: (text: string) => void process.stdout.write(text) } : {}),
    signal: controller.signal,
    abortedBy: () => abortedBy,
  })
}
